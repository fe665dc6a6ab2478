package dev.wsmon.core;

import static dev.wsmon.core.TrafficTest.deployFast;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(30)
@DisplayName("sending while the server's close handshake is under way")
class ClosingSendTest {

  private static final Pattern KEY =
      Pattern.compile("Sec-WebSocket-Key: *(\\S+)", Pattern.CASE_INSENSITIVE);

  /**
   * A server that upgrades, sends a close frame (1000) and then keeps the TCP connection open;
   * {@code closeReplied} completes when the client's own close frame arrives, i.e. once the client
   * knows the connection is closing.
   */
  private static NetServer closingServer(Vertx vertx, Promise<Void> closeReplied) {
    NetServer server = vertx.createNetServer();
    server.connectHandler(
        socket -> {
          Buffer request = Buffer.buffer();
          boolean[] upgraded = {false};
          socket.handler(
              data -> {
                if (upgraded[0]) {
                  if ((data.getByte(0) & 0x0f) == 0x8) {
                    closeReplied.tryComplete();
                  }
                  return;
                }
                request.appendBuffer(data);
                String text = request.toString(StandardCharsets.ISO_8859_1);
                if (!text.contains("\r\n\r\n")) {
                  return;
                }
                Matcher key = KEY.matcher(text);
                key.find();
                upgraded[0] = true;
                socket.write(
                    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: "
                        + accept(key.group(1))
                        + "\r\n\r\n");
                socket.write(Buffer.buffer(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xe8}));
              });
        });
    return server.listen(0, "127.0.0.1").await();
  }

  private static String accept(String key) {
    try {
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1")
              .digest(
                  (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName(
      "close frame received, TCP still open: a send fails at once naming 'closing', is counted, and"
          + " nothing throws")
  void sendWhileClosing(Vertx vertx) {
    Promise<Void> closeReplied = Promise.promise();
    NetServer server = closingServer(vertx, closeReplied);
    EventRecorder rec = new EventRecorder(vertx);
    Connection c =
        deployFast(
                vertx,
                new ConnectionOptions("ws://127.0.0.1:" + server.actualPort() + "/")
                    .setSendOptions(new SendOptions().setSendBufferSize(0)))
            .connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);
    closeReplied.future().await();

    Future<Void> sent = c.sendText("too late");
    Future.join(java.util.List.of(sent)).otherwiseEmpty().await();

    assertThat(sent.cause()).hasMessage("not connected: connection c-1 is closing");
    rec.await(r -> r.totals("c-1")[4] == 1);
  }
}
