package dev.wsmon.testkit.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("ConditionLatch: waits released by the change that makes them hold")
class ConditionLatchTest {

  private final List<String> seen = new ArrayList<>();
  private final ConditionLatch<List<String>> latch = new ConditionLatch<>(seen);

  @Test
  @DisplayName("a change on another thread releases the waiter once its condition holds")
  void releasedByTheChange(Vertx vertx) {
    for (int i = 1; i <= 3; i++) {
      String event = "e" + i;
      vertx.setTimer(10L * i, t -> latch.change(() -> seen.add(event)));
    }
    latch.await(s -> s.size() == 3, 10, () -> seen);
    synchronized (seen) {
      assertThat(seen).containsExactly("e1", "e2", "e3");
    }
  }

  @Test
  @DisplayName(
      "a condition that already holds returns at once; one that never does fails naming it")
  void holdsAtOnceOrTimesOut() {
    latch.change(() -> seen.add("only"));
    latch.await(s -> s.contains("only"), 1, () -> seen);
    assertThatThrownBy(() -> latch.await(s -> s.size() > 1, 1, () -> "seen: " + seen))
        .isInstanceOf(AssertionError.class)
        .hasMessage("condition not met within 1 s; seen: [only]");
  }
}
