package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
@Timeout(90)
@DisplayName("wsmon run --protocol stomp: receipts keep the request invariant under faults")
class StompReceiptAccountingCliTest {

  @TempDir Path dir;

  private final AtomicLong sends = new AtomicLong();
  private final AtomicLong receipts = new AtomicLong();

  /**
   * A minimal STOMP 1.2 server over WebSocket text frames: CONNECTED to CONNECT, a RECEIPT to
   * DISCONNECT; SEND receipts per {@code mode}: {@code silent} never, {@code close} 60 ms later,
   * and the connection is closed with 4000 at its 10th SEND, receipts still owed.
   */
  private int serve(Vertx vertx, String mode) {
    HttpServer server =
        vertx
            .createHttpServer(
                new HttpServerOptions().setWebSocketSubProtocols(List.of("v12.stomp")))
            .webSocketHandler(ws -> session(vertx, ws, mode));
    return server.listen(0, "127.0.0.1").await().actualPort();
  }

  private void session(Vertx vertx, ServerWebSocket ws, String mode) {
    AtomicLong n = new AtomicLong();
    boolean[] closing = {false};
    ws.textMessageHandler(
        text -> {
          String command = text.substring(0, Math.max(0, text.indexOf('\n')));
          String receipt = header(text, "receipt");
          switch (command) {
            case "CONNECT", "STOMP" ->
                ws.writeTextMessage("CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0");
            case "DISCONNECT" -> {
              if (receipt != null) {
                ws.writeTextMessage("RECEIPT\nreceipt-id:" + receipt + "\n\n\0");
              }
            }
            case "SEND" -> {
              sends.incrementAndGet();
              if (receipt == null || mode.equals("silent")) {
                return;
              }
              if (n.incrementAndGet() == 10) {
                closing[0] = true;
                ws.close((short) 4000, "mid-flight");
                return;
              }
              vertx.setTimer(
                  60,
                  t -> {
                    if (!closing[0] && !ws.isClosed()) {
                      receipts.incrementAndGet();
                      ws.writeTextMessage("RECEIPT\nreceipt-id:" + receipt + "\n\n\0");
                    }
                  });
            }
            default -> {}
          }
        });
  }

  private static String header(String frame, String name) {
    for (String line : frame.split("\n")) {
      if (line.isEmpty()) {
        return null;
      }
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1);
      }
    }
    return null;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"silent", "close"})
  @DisplayName(
      "a server that never sends receipts, and one that closes with receipts owed:"
          + " rtt_ms.count + request_timeouts + requests_abandoned == messages_sent == its SENDs")
  void receiptsUnderFaults(String mode, Vertx vertx) throws Exception {
    int port = serve(vertx, mode);
    Path config = dir.resolve("stomp.yaml");
    Files.writeString(
        config, "stomp: {destination: /queue/x, heartbeatOutgoing: 0, heartbeatIncoming: 0}\n");
    Cli cli =
        Cli.runExporting(
            dir.resolve(mode + ".json"),
            "run",
            "ws://127.0.0.1:" + port + "/",
            "--protocol",
            "stomp",
            "--config",
            config.toString(),
            "-c",
            "2",
            "--send",
            "{\"n\":{seq}}",
            "--rate",
            "50",
            "-d",
            "2s",
            "--request-timeout",
            "1s",
            "--reconnect-delay",
            "200ms",
            "--quiet");
    assertThat(cli.code).as(cli.toString()).isIn(0, 1);
    JsonObject total = cli.total();
    long answered = total.getJsonObject("rtt_ms").getLong("count");
    assertThat(answered + total.getLong("request_timeouts") + total.getLong("requests_abandoned"))
        .as("the request invariant in %s", total)
        .isEqualTo(total.getLong("messages_sent"));
    // a SEND written while the server's close frame was on its way counts as sent, unread
    assertThat(total.getLong("messages_sent"))
        .isGreaterThan(20)
        .isBetween(sends.get(), sends.get() + total.getLong("disconnections"));
    assertThat(answered).isEqualTo(receipts.get());
    if (mode.equals("silent")) {
      assertThat(answered).isZero();
      assertThat(total.getLong("request_timeouts")).isPositive();
    } else {
      assertThat(answered).isPositive();
      assertThat(total.getLong("requests_abandoned")).isPositive();
      assertThat(total.getJsonObject("close_codes").getLong("4000")).isPositive();
    }
  }
}
