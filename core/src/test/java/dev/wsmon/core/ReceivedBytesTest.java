package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(30)
@DisplayName("bytes_received: an echo takes the sent text's length, anything else is measured")
class ReceivedBytesTest {

  private static final String SENT = "ééé€";

  @Test
  @DisplayName("an echo and a reply of the same length in characters but not in bytes")
  void echoAndLookalike(Vertx vertx) {
    // answers each message with itself, then with ASCII of the same number of characters
    HttpServer server =
        vertx
            .createHttpServer()
            .webSocketHandler(
                ws ->
                    ws.textMessageHandler(
                        t -> {
                          ws.writeTextMessage(t);
                          ws.writeTextMessage("x".repeat(t.length()));
                        }))
            .listen(0, "127.0.0.1")
            .await();
    EventRecorder rec = new EventRecorder(vertx);
    Connection c =
        TrafficTest.deployFast(
                vertx,
                new ConnectionOptions("ws://127.0.0.1:" + server.actualPort() + "/")
                    .setSendOptions(new SendOptions().setCorrelation(Correlation.none())))
            .connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);
    c.sendText(SENT).await();
    rec.await(r -> r.totals("c-1")[1] == 2);

    long utf8 = SENT.getBytes(StandardCharsets.UTF_8).length;
    assertThat(rec.totals("c-1")[3]).isEqualTo(utf8 + SENT.length());
    assertThat(rec.totals("c-1")[2]).isEqualTo(utf8);
  }
}
