package dev.wsmon.core;

import static dev.wsmon.core.ConnectionLifecycleTest.deploy;
import static dev.wsmon.core.ConnectionLifecycleTest.fastPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(30)
@DisplayName("connect latency is the connect's, not wsmon's own work before it")
class ConnectLatencyTest {

  private static final long STALL_MS = 500;

  @Test
  @DisplayName("publishing the ATTEMPT event is not part of the attempt's latency")
  void attemptEventIsNotTimed(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    EventRecorder rec = new EventRecorder(vertx);
    // an outbound interceptor runs on the publisher's thread: a slow one stands for any cost of
    // wsmon's own event (a cold codec, a clustered event bus) that precedes the connect
    vertx
        .eventBus()
        .addOutboundInterceptor(
            ctx -> {
              if (ctx.message().body() instanceof ConnectionEvent e
                  && e.type() == EventType.ATTEMPT) {
                long until = System.nanoTime() + STALL_MS * 1_000_000L;
                while (System.nanoTime() < until) {
                  Thread.onSpinWait();
                }
              }
              ctx.next();
            });
    deploy(vertx, new ConnectionOptions(server.uri()).setReconnectPolicy(fastPolicy(0)));

    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    assertThat(rec.of(EventType.CONNECTED).get(0).durationMs()).isLessThan((double) STALL_MS);
  }
}
