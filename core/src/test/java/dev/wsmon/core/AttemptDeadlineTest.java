package dev.wsmon.core;

import static dev.wsmon.core.ConnectionLifecycleTest.deploy;
import static dev.wsmon.core.ConnectionLifecycleTest.fastPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(30)
@DisplayName("an attempt past its deadline is a timeout, even when its socket beats the tick")
class AttemptDeadlineTest {

  @Test
  @DisplayName("a stalled loop: the handshake answer arriving after the deadline is not CONNECTED")
  void socketAfterDeadlineBeforeTick(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    server.handshakeDelayMs = 230;
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle =
        deploy(
            vertx,
            new ConnectionOptions(server.uri())
                .setConnectTimeout(Duration.ofMillis(200))
                .setReconnectPolicy(fastPolicy(0)));
    // stall the connections' loop (as a GC pause would) across the deadline (200 ms) and the
    // handshake answer (230 ms): when it runs again, the answer and the tick are both due
    Promise<Void> stalled = Promise.promise();
    verticle
        .context()
        .runOnContext(
            v ->
                vertx.setTimer(
                    120,
                    t -> {
                      long until = System.nanoTime() + 200_000_000L;
                      while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                      }
                      stalled.complete();
                    }));
    stalled.future().await();

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);
    server.awaitClientCloseCodes(1);

    assertThat(rec.count(EventType.CONNECTED)).isZero();
    assertThat(rec.of(EventType.FAILED).get(0).reason()).isEqualTo("connect timeout after 200ms");
    assertThat(rec.of(EventType.FAILED).get(0).durationMs()).isGreaterThanOrEqualTo(200.0);
    assertThat(server.clientCloseCodes()).containsExactly((short) 1000);
  }
}
