package dev.wsmon.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionDelta;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TrafficCounters: a delta is zero only when all of its counters are")
class TrafficCountersTest {

  private static ConnectionDelta only(int which) {
    long[] c = new long[TrafficCounters.KEYS.length];
    if (which >= 0) {
      c[which] = 1;
    }
    return new ConnectionDelta(
        "c-1", "g", c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], null, null, null, null, null,
        null);
  }

  @Test
  @DisplayName("each counter alone makes a delta non-zero, as it makes the counters non-zero")
  void eachCounterCounts() {
    assertThat(TrafficCounters.isZero(only(-1))).isTrue();
    for (int i = 0; i < TrafficCounters.KEYS.length; i++) {
      TrafficCounters counters = new TrafficCounters();
      counters.add(only(i));
      assertThat(counters.isZero()).as(TrafficCounters.KEYS[i]).isFalse();
      assertThat(TrafficCounters.isZero(only(i))).as(TrafficCounters.KEYS[i]).isFalse();
    }
  }
}
