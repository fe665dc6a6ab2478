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
  @DisplayName("a failed probe does not end the wait: later probes still can")
  void failedProbesDoNotEndIt(Vertx vertx, VertxTestContext ctx) {
    AtomicInteger asked = new AtomicInteger();
    Waits.<String>until(
            vertx,
            () ->
                asked.incrementAndGet() < 3
                    ? Future.failedFuture("probe failed")
                    : Future.succeededFuture("done"),
            "done"::equals,
            Duration.ofSeconds(20))
        .onComplete(
            ctx.succeeding(
                v ->
                    ctx.verify(
                            () -> {
                              assertThat(v).isEqualTo("done");
                              assertThat(asked.get()).isEqualTo(3);
                            })
                        .completeNow()));
  }

  @Test
  @DisplayName("fails after the timeout, naming the last value")
  void failsAfterTheTimeoutWithTheLastValue(Vertx vertx, VertxTestContext ctx) {
    // how many probes fit in 200 ms depends on the load (a late first tick leaves none): only
    // that the timeout ends the wait, with the last value seen, is fixed
    AtomicInteger asked = new AtomicInteger();
    Waits.<String>until(
            vertx,
            () -> Future.succeededFuture("not yet " + asked.incrementAndGet()),
            "done"::equals,
            Duration.ofMillis(200))
        .onComplete(
            ctx.failing(
                e ->
                    ctx.verify(
                            () ->
                                assertThat(e)
                                    .hasMessage(
                                        "condition not met within PT0.2S; last value: "
                                            + (asked.get() == 0
                                                ? "null"
                                                : "not yet " + asked.get())))
                        .completeNow()));
  }
}
