package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the warm-up's bursts converge")
class WarmUpConvergenceTest {

  private static int burstsFor(long... nanos) {
    WarmUpConvergence c = new WarmUpConvergence();
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
    assertThat(burstsFor(10, 10, 10, 10, 10)).isEqualTo(WarmUpConvergence.MIN_BURSTS);
  }

  @Test
  @DisplayName("keeps going while bursts get 15 % faster, stops two flat bursts later")
  void gains() {
    assertThat(burstsFor(100, 80, 60, 45, 30, 29, 31, 30)).isEqualTo(7);
    assertThat(burstsFor(100, 80, 60, 45, 30, 29, 20)).isEqualTo(-1);
  }

  @Test
  @DisplayName("a slower burst is no gain; one gain resets the count")
  void slowerAndReset() {
    assertThat(burstsFor(100, 200, 80, 50, 300, 42, 40, 41)).isEqualTo(8);
  }

  @Test
  @DisplayName("never more than the maximum")
  void bounded() {
    long[] faster = new long[50];
    for (int i = 0; i < faster.length; i++) {
      faster[i] = (long) (1e9 * Math.pow(0.8, i));
    }
    assertThat(burstsFor(faster)).isEqualTo(WarmUpConvergence.MAX_BURSTS);
  }
}
