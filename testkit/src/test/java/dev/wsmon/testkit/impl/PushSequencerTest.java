package dev.wsmon.testkit.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushSequencerTest {

  private static List<Long> take(PushSequencer s, int n) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(s.next());
    }
    return out;
  }

  @Test
  void plainFeedCountsFromOne() {
    assertThat(take(new PushSequencer(0, 0, 0), 5)).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void eachAnomalyAlone() {
    assertThat(take(new PushSequencer(3, 0, 0), 5)).containsExactly(1L, 2L, 4L, 5L, 7L);
    assertThat(take(new PushSequencer(0, 2, 0), 5)).containsExactly(1L, 2L, 2L, 3L, 4L);
    assertThat(take(new PushSequencer(0, 0, 2), 6)).containsExactly(1L, 3L, 2L, 5L, 4L, 7L);
    assertThat(take(new PushSequencer(0, 0, 1), 4)).containsExactly(2L, 1L, 4L, 3L);
  }

  @Test
  void gapBeatsReorderBeatsDup() {
    assertThat(take(new PushSequencer(2, 0, 2), 3)).containsExactly(1L, 3L, 5L);
    assertThat(take(new PushSequencer(0, 2, 2), 4)).containsExactly(1L, 3L, 2L, 2L);
  }

  @Test
  void utf8Length() {
    assertThat(ServerCounters.utf8Length("aé€😀")).isEqualTo(1 + 2 + 3 + 4);
    assertThat(ServerCounters.utf8Length("\uD800x")).isEqualTo(4);
  }
}
