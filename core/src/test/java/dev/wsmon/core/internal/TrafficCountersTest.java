package dev.wsmon.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionDelta;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TrafficCounters: a delta is zero only when all of its counters are")
class TrafficCountersTest {

  /** Every counter of a delta: its {@code long} components, found by reflection. */
  private static final List<RecordComponent> COUNTERS =
      Arrays.stream(ConnectionDelta.class.getRecordComponents())
          .filter(c -> c.getType() == long.class)
          .toList();

  /** A delta whose counter {@code which} is 1 and every other counter 0 (none when null). */
  private static ConnectionDelta only(RecordComponent which) throws ReflectiveOperationException {
    RecordComponent[] all = ConnectionDelta.class.getRecordComponents();
    Object[] args = new Object[all.length];
    Class<?>[] types = new Class<?>[all.length];
    for (int i = 0; i < all.length; i++) {
      types[i] = all[i].getType();
      if (types[i] == long.class) {
        args[i] = which != null && all[i].getName().equals(which.getName()) ? 1L : 0L;
      } else if (types[i] == String.class) {
        args[i] = all[i].getName();
      }
    }
    Constructor<ConnectionDelta> canonical = ConnectionDelta.class.getConstructor(types);
    return canonical.newInstance(args);
  }

  private static long value(RecordComponent c, ConnectionDelta d)
      throws ReflectiveOperationException {
    return (long) c.getAccessor().invoke(d);
  }

  @Test
  @DisplayName("the counters are the delta's nine long components, requests_sent among them")
  void countersFound() {
    assertThat(COUNTERS).extracting(RecordComponent::getName).contains("requestsSent").hasSize(9);
  }

  @Test
  @DisplayName(
      "each counter alone makes a delta non-zero, is added, and survives toDelta and the wire")
  void eachCounterCounts() throws ReflectiveOperationException {
    assertThat(TrafficCounters.isZero(only(null))).isTrue();
    for (RecordComponent c : COUNTERS) {
      ConnectionDelta d = only(c);
      assertThat(TrafficCounters.isZero(d)).as(c.getName()).isFalse();
      TrafficCounters counters = new TrafficCounters();
      counters.add(d);
      assertThat(counters.isZero()).as(c.getName()).isFalse();
      TrafficCounters sum = new TrafficCounters();
      sum.add(counters);
      assertThat(sum.isZero()).as(c.getName()).isFalse();
      ConnectionDelta rebuilt = sum.toDelta("c-1", "g", null, null, null, null, null, null);
      assertThat(value(c, rebuilt)).as(c.getName() + " through toDelta").isEqualTo(1);
      assertThat(value(c, ConnectionDelta.fromJson(d.toJson())))
          .as(c.getName() + " on the wire")
          .isEqualTo(1);
      sum.clearCounters();
      assertThat(sum.isZero()).as(c.getName() + " cleared").isTrue();
    }
  }
}
