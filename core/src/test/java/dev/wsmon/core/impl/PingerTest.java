package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Pinger: pings on schedule, pongs matched, silence detected")
class PingerTest {

  private static final long SECOND = 1_000_000_000L;

  /** Referenced for the whole test: Vert.x closes a client nothing references at the next GC. */
  private WebSocketClient client;

  private static ConnectionOptions pinging() {
    return new ConnectionOptions()
        .setPingInterval(Duration.ofSeconds(1))
        .setPongTimeout(Duration.ofSeconds(2));
  }

  @Test
  @DisplayName("a connection without pings has no pinger")
  void noneWhenOff() {
    assertThat(Pinger.of(new ConnectionOptions())).isNull();
    assertThat(Pinger.of(pinging())).isNotNull();
  }

  @Test
  @DisplayName(
      "a ping is sent when due, its pong records one round trip, then the pong timeout"
          + " counts from the next unanswered ping")
  void pingPongAndTimeout(Vertx vertx, VertxTestContext ctx) {
    Pinger pinger = Pinger.of(pinging());
    Promise<Buffer> pong = Promise.promise();
    EchoServer.deploy(vertx)
        .compose(
            server -> {
              client = vertx.createWebSocketClient();
              return client.connect(server.port(), server.host(), "/echo");
            })
        .onComplete(
            ctx.succeeding(
                socket -> {
                  socket.pongHandler(
                      b -> {
                        pinger.onPong(b);
                        pong.tryComplete(b);
                      });
                  long start = System.nanoTime() - SECOND;
                  pinger.opened(start);
                  long now = System.nanoTime();
                  ctx.verify(
                      () -> {
                        // not due yet: nothing sent, so no pong can come back for it
                        assertThat(pinger.tick(socket, start + SECOND / 2)).isFalse();
                        assertThat(pinger.tick(socket, now)).isFalse();
                      });
                  pong.future()
                      .onComplete(
                          ctx.succeeding(
                              b ->
                                  ctx.verify(
                                      () -> {
                                        assertThat(pinger.hasRtt()).isTrue();
                                        Histogram rtt = pinger.takeRtt();
                                        assertThat(rtt.getTotalCount()).isEqualTo(1);
                                        // from the ping sent at `now`, in microseconds
                                        assertThat(rtt.getMaxValue())
                                            .isLessThan((System.nanoTime() - now) / 1000 + 1);
                                        assertThat(pinger.hasRtt()).isFalse();
                                        assertThat(pinger.takeRtt()).isNull();
                                        // an unsolicited or repeated pong is ignored
                                        pinger.onPong(b);
                                        assertThat(pinger.hasRtt()).isFalse();
                                        // the next ping one interval later; its pong is not
                                        // handed over
                                        long second = now + SECOND;
                                        socket.pongHandler(null);
                                        assertThat(pinger.tick(socket, second)).isFalse();
                                        assertThat(pinger.tick(socket, second + 2 * SECOND))
                                            .isFalse();
                                        assertThat(pinger.tick(socket, second + 2 * SECOND + 1))
                                            .isTrue();
                                        pinger.clear();
                                        assertThat(pinger.tick(socket, second + 2 * SECOND + 1))
                                            .isFalse();
                                        ctx.completeNow();
                                      })));
                }));
  }
}
