package dev.wsmon.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.support.Waits;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pins a semantic of scheduled calls that any engine running them must keep: the runs of one call
 * overlap (a trigger does not wait for the previous run to end).
 */
@ExtendWith(VertxExtension.class)
@DisplayName("scheduled calls: runs of one call overlap")
@Timeout(60)
class ScheduledCallOverlapTest {

  @Test
  @DisplayName("every-runs start while earlier runs are still in flight, and each is counted ok")
  void runsOverlap(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    AtomicInteger started = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    Promise<Void> allStarted = Promise.promise();
    TestingWrapper wrapper =
        TestingWrapper.builder()
            .vertx(vertx)
            .namespace("overlap")
            .uri(server.uri("/"))
            .scheduledCall(
                new ScheduledCall("gate")
                    .setEvery(Duration.ofMillis(30))
                    .setMaxRuns(3)
                    .setTimeout(Duration.ofSeconds(20))
                    .setAction(
                        c -> {
                          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                          if (started.incrementAndGet() == 3) {
                            allStarted.tryComplete();
                          }
                          return allStarted.future().onComplete(ar -> inFlight.decrementAndGet());
                        }))
            .build();
    wrapper.start().await();
    JsonObject gate =
        Waits.until(
                vertx,
                () -> wrapper.stats().map(s -> s.total().getJsonObject("scheduled_calls")),
                c -> c.getJsonObject("gate").getLong("ok") == 3,
                Duration.ofSeconds(30))
            .await()
            .getJsonObject("gate");
    wrapper.stopAndShutdown().await();
    server.close().await();
    assertThat(gate.getLong("runs")).isEqualTo(3);
    assertThat(gate.getLong("timed_out")).isZero();
    assertThat(maxInFlight.get()).as("runs in flight at once").isEqualTo(3);
  }
}
