package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the warm-up's bursts converge")
class WarmUpConvergenceTest {

  /** The bursts run for these burst times (ns) after a minimum less one of flat 1 000 ns. */
  private static int burstsFor(long... nanos) {
    WarmUpConvergence c = new WarmUpConvergence();
    for (int i = 0; i < WarmUpConvergence.MIN_BURSTS - 1; i++) {
      assertThat(c.another(1_000)).as("below the minimum").isTrue();
    }
    for (long n : nanos) {
      if (!c.another(n)) {
        return c.bursts();
      }
    }
    return -1; // still going
  }

  @Test
  @DisplayName("flat from the start: stops after the minimum")
  void flat() {
    assertThat(burstsFor(1_000, 1_000, 1_000)).isEqualTo(WarmUpConvergence.MIN_BURSTS);
  }

  @Test
  @DisplayName("keeps going while bursts get 15 % faster, stops two flat bursts later")
  void gains() {
    int min = WarmUpConvergence.MIN_BURSTS;
    assertThat(burstsFor(800, 600, 450, 300, 290, 310, 300)).isEqualTo(min - 1 + 6);
    assertThat(burstsFor(800, 600, 450, 300, 290, 200)).isEqualTo(-1);
  }

  @Test
  @DisplayName("a slower burst is no gain; one gain resets the count")
  void slowerAndReset() {
    assertThat(burstsFor(800, 2_000, 500, 3_000, 420, 400, 410))
        .isEqualTo(WarmUpConvergence.MIN_BURSTS - 1 + 7);
  }

  @Test
  @DisplayName("never more than the maximum")
  void bounded() {
    long[] faster = new long[50];
    for (int i = 0; i < faster.length; i++) {
      faster[i] = (long) (800 * Math.pow(0.8, i));
    }
    assertThat(burstsFor(faster)).isEqualTo(WarmUpConvergence.MAX_BURSTS);
  }
}
