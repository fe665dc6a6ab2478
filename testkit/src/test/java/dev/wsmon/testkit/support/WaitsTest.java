package dev.wsmon.testkit.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Waits.until: a periodic probe with a timeout")
class WaitsTest {

  @Test
  @DisplayName("completes with the first accepted value")
  void completesWithTheFirstAcceptedValue(Vertx vertx, VertxTestContext ctx) {
    AtomicInteger asked = new AtomicInteger();
    Waits.until(
            vertx,
            () -> Future.succeededFuture(asked.incrementAndGet()),
            n -> n >= 3,
            Duration.ofSeconds(5))
        .onComplete(
            ctx.succeeding(n -> ctx.verify(() -> assertThat(n).isEqualTo(3)).completeNow()));
  }

  @Test
  @DisplayName("fails after the timeout, naming the last value; a failed probe does not end it")
  void failsAfterTheTimeoutWithTheLastValue(Vertx vertx, VertxTestContext ctx) {
    AtomicInteger asked = new AtomicInteger();
    Waits.<String>until(
            vertx,
            () ->
                asked.incrementAndGet() % 2 == 0
                    ? Future.failedFuture("probe failed")
                    : Future.succeededFuture("not yet"),
            "done"::equals,
            Duration.ofMillis(200))
        .onComplete(
            ctx.failing(
                e ->
                    ctx.verify(
                            () -> {
                              assertThat(e)
                                  .hasMessageStartingWith("condition not met within PT0.2S");
                              assertThat(asked.get()).isGreaterThan(2);
                            })
                        .completeNow()));
  }
}
