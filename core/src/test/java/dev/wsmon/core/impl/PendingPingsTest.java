package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PendingPings: the pings awaiting a pong, oldest first")
class PendingPingsTest {

  @Test
  @DisplayName("a lone ping, then one overlapping the next: send times come back in order")
  void loneAndOverlapping() {
    PendingPings pings = new PendingPings();
    assertThat(pings.isEmpty()).isTrue();
    pings.add(1, 100);
    assertThat(pings.oldestSentAt()).isEqualTo(100);
    assertThat(pings.acknowledge(2)).as("not sent yet").isEqualTo(-1);
    assertThat(pings.acknowledge(1)).isEqualTo(100);
    assertThat(pings.isEmpty()).isTrue();
    assertThat(pings.acknowledge(1)).as("answered already").isEqualTo(-1);
    pings.add(2, 200);
    pings.add(3, 300);
    pings.add(4, 400);
    assertThat(pings.oldestSentAt()).isEqualTo(200);
    assertThat(pings.acknowledge(3)).as("acknowledges 2 as well").isEqualTo(300);
    assertThat(pings.oldestSentAt()).isEqualTo(400);
    assertThat(pings.acknowledge(2)).isEqualTo(-1);
    assertThat(pings.acknowledge(4)).isEqualTo(400);
    assertThat(pings.isEmpty()).isTrue();
  }

  @Test
  @DisplayName("behaves like a queue of (sequence, time) pairs over random adds, pongs and clears")
  void sameAsAQueue() {
    Random random = new Random(29);
    PendingPings pings = new PendingPings();
    ArrayDeque<long[]> model = new ArrayDeque<>();
    long seq = 0;
    for (int step = 0; step < 20_000; step++) {
      int op = random.nextInt(10);
      if (op < 5 && model.size() < PendingPings.CAPACITY) {
        seq++;
        long at = random.nextLong() >>> 1;
        pings.add(seq, at);
        model.add(new long[] {seq, at});
      } else if (op < 9) {
        long asked = seq - random.nextInt(PendingPings.CAPACITY + 2) + 1;
        long expected = -1;
        if (model.stream().anyMatch(p -> p[0] == asked)) {
          while (true) {
            long[] p = model.poll();
            if (p[0] == asked) {
              expected = p[1];
              break;
            }
          }
        }
        assertThat(pings.acknowledge(asked)).isEqualTo(expected);
      } else if (random.nextInt(10) == 0) {
        pings.clear();
        model.clear();
      }
      assertThat(pings.isEmpty()).isEqualTo(model.isEmpty());
      assertThat(pings.isFull()).isEqualTo(model.size() == PendingPings.CAPACITY);
      if (!model.isEmpty()) {
        assertThat(pings.oldestSentAt()).isEqualTo(model.peek()[1]);
      }
    }
  }

  @Test
  @DisplayName("refuses a sequence number that does not follow, and a ping past the capacity")
  void refusals() {
    PendingPings pings = new PendingPings();
    pings.add(5, 1);
    assertThatThrownBy(() -> pings.add(7, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("7")
        .hasMessageContaining("5");
    for (int i = 6; i < 5 + PendingPings.CAPACITY; i++) {
      pings.add(i, i);
    }
    assertThat(pings.isFull()).isTrue();
    assertThatThrownBy(() -> pings.add(5 + PendingPings.CAPACITY, 0))
        .isInstanceOf(IllegalStateException.class);
  }
}
