package dev.wsmon.testkit.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("LeakCheck reads Vert.x 5's timers and consumers, and the JVM's heap and files")
class LeakCheckTest {

  @Test
  @DisplayName("a timer counts until it is cancelled")
  void countsTimers(Vertx vertx) {
    int before = LeakCheck.timers(vertx);
    long timer = vertx.setPeriodic(60_000, t -> {});
    assertThat(LeakCheck.timers(vertx)).isEqualTo(before + 1);
    vertx.cancelTimer(timer);
    assertThat(LeakCheck.timers(vertx)).isEqualTo(before);
  }

  @Test
  @DisplayName("a consumer counts until it is unregistered")
  void countsConsumers(Vertx vertx) {
    int before = LeakCheck.consumers(vertx);
    MessageConsumer<String> a = vertx.eventBus().consumer("leak.check", m -> {});
    MessageConsumer<String> b = vertx.eventBus().consumer("leak.check", m -> {});
    a.completion().await();
    b.completion().await();
    assertThat(LeakCheck.consumers(vertx)).isEqualTo(before + 2);
    a.unregister().await();
    b.unregister().await();
    assertThat(LeakCheck.consumers(vertx)).isEqualTo(before);
  }

  @Test
  @DisplayName("the figures: a heap after GC, threads and open files, as JSON")
  void measures(Vertx vertx) {
    LeakCheck.Figures figures = LeakCheck.measure(vertx);
    assertThat(figures.heap()).isPositive();
    assertThat(figures.threads()).isPositive();
    assertThat(figures.fds()).isNotZero();
    assertThat(figures.toJson().fieldNames())
        .containsExactly("heap_mb", "threads", "fds", "timers", "consumers");
  }
}
