package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(90)
@DisplayName(
    "wsmon run --correlate binary:OFFSET:LEN: binary round trips by an id at a byte offset")
class BinaryCorrelationCliTest {

  @TempDir Path dir;

  private Path payload(int bytes) throws Exception {
    byte[] data = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      data[i] = (byte) (0xA0 + i);
    }
    Path file = dir.resolve("payload-" + bytes + ".bin");
    Files.write(file, data);
    return file;
  }

  private static JsonObject total(Path json) throws Exception {
    return new JsonObject(Files.readString(json)).getJsonObject("total");
  }

  private static void assertRequestInvariant(JsonObject stats) {
    assertThat(
            stats.getJsonObject("rtt_ms").getLong("count")
                + stats.getLong("request_timeouts")
                + stats.getLong("requests_abandoned"))
        .as("rtt_ms.count + request_timeouts + requests_abandoned == messages_sent in %s", stats)
        .isEqualTo(stats.getLong("messages_sent"));
  }

  /**
   * A real WebSocket server that answers binary messages by their id (bytes OFFSET..OFFSET+LEN): it
   * holds each message until the next one arrives and then answers the newer one first (so the
   * replies come out of order), and it never answers ids that {@code unanswered} names. Every id it
   * sees is recorded per connection.
   */
  private static final class ReorderingServer {
    final Set<String> idsSeen = ConcurrentHashMap.newKeySet();
    final Set<String> duplicateIds = ConcurrentHashMap.newKeySet();
    final HttpServer http;
    final Vertx vertx;

    ReorderingServer(
        Vertx vertx, int offset, int len, java.util.function.LongPredicate unanswered) {
      this.vertx = vertx;
      http =
          vertx
              .createHttpServer()
              .webSocketHandler(ws -> handle(ws, offset, len, unanswered))
              .listen(0, "127.0.0.1")
              .await();
    }

    private void handle(
        ServerWebSocket ws, int offset, int len, java.util.function.LongPredicate unanswered) {
      String conn = Integer.toHexString(System.identityHashCode(ws));
      Set<Long> seen = new HashSet<>();
      Buffer[] held = new Buffer[1];
      ws.binaryMessageHandler(
          data -> {
            long id = 0;
            for (int i = offset; i < offset + len; i++) {
              id = id << 8 | (data.getByte(i) & 0xFF);
            }
            if (!seen.add(id)) {
              duplicateIds.add(conn + ":" + id);
            }
            idsSeen.add(conn + ":" + id);
            if (unanswered.test(id)) {
              return;
            }
            if (held[0] == null) {
              held[0] = data;
            } else {
              ws.writeBinaryMessage(data);
              ws.writeBinaryMessage(held[0]);
              held[0] = null;
            }
          });
      // a held message whose successor does not come soon is answered alone
      long flush =
          vertx.setPeriodic(
              100,
              t -> {
                if (held[0] != null && !ws.isClosed()) {
                  ws.writeBinaryMessage(held[0]);
                  held[0] = null;
                }
              });
      ws.closeHandler(v -> vertx.cancelTimer(flush));
    }

    String uri() {
      return "ws://127.0.0.1:" + http.actualPort() + "/";
    }
  }

  @Test
  @DisplayName("echo server, --rate 0 --window 4: every binary request answered, ids in place")
  void echoWindow(Vertx vertx) throws Exception {
    EchoServer server = EchoServer.deploy(vertx, new EchoServerOptions()).await();
    try {
      Path json = dir.resolve("echo.json");
      Cli cli =
          Cli.run(
              "run",
              server.uri("/"),
              "-c",
              "2",
              "-d",
              "2s",
              "--send",
              "@" + payload(16),
              "--binary",
              "--correlate",
              "binary:4:2",
              "--rate",
              "0",
              "--window",
              "4",
              "--export-json",
              json.toString(),
              "--threshold",
              "request_timeouts==0");
      assertThat(cli.code).as(cli.toString()).isZero();
      JsonObject total = total(json);
      long sent = total.getLong("messages_sent");
      // more than one window per connection (a loaded machine sends far fewer than it can)
      assertThat(sent).isGreaterThan(8);
      assertThat(total.getJsonObject("rtt_ms").getLong("count")).isEqualTo(sent);
      assertThat(total.getLong("messages_received")).isEqualTo(sent);
      assertThat(total.getLong("bytes_sent")).isEqualTo(16 * sent);
      assertThat(server.stats().binaryMessagesReceived()).isEqualTo(sent);
      assertThat(total.getLong("send_failures")).isZero();
      assertRequestInvariant(total);
    } finally {
      server.close().await();
    }
  }

  @Test
  @DisplayName(
      "a server answering out of order and never answering odd ids: even ids answered, odd ones"
          + " time out, each id unique per connection")
  void outOfOrderAndUnanswered(Vertx vertx) throws Exception {
    ReorderingServer server = new ReorderingServer(vertx, 2, 3, id -> id % 2 == 1);
    try {
      Path json = dir.resolve("reorder.json");
      Cli cli =
          Cli.run(
              "run",
              server.uri(),
              "-d",
              "1500ms",
              "--send",
              "@" + payload(8),
              "--binary",
              "--correlate",
              "binary:2:3",
              "--rate",
              "100",
              "--request-timeout",
              "1500ms",
              "--grace",
              "2500ms",
              "--export-json",
              json.toString());
      assertThat(cli.code).as(cli.toString()).isZero();
      JsonObject total = total(json);
      long sent = total.getLong("messages_sent");
      assertThat(sent).isGreaterThan(10);
      long answered = total.getJsonObject("rtt_ms").getLong("count");
      // ids 1..sent: the even ones are answered, the odd ones time out (a matcher ignoring the
      // id would count the replies of the even ids as answers to the odd ones)
      assertThat(answered).isEqualTo(sent / 2);
      assertThat(total.getLong("request_timeouts")).isEqualTo(sent - sent / 2);
      assertThat(total.getLong("requests_abandoned")).isZero();
      assertThat(server.idsSeen).hasSize((int) sent);
      assertThat(server.duplicateIds).isEmpty();
      assertRequestInvariant(total);
    } finally {
      server.http.close().await();
    }
  }

  @Test
  @DisplayName("bad binary:OFFSET:LEN values and short payloads: exit 2 naming the value")
  void badValues() throws Exception {
    String file = "@" + payload(5);
    for (String bad : new String[] {"binary:-1:4", "binary:x:4", "binary:0:9", "binary:4"}) {
      Cli cli =
          Cli.run(
              "run",
              "ws://127.0.0.1:1/",
              "--send",
              file,
              "--binary",
              "--correlate",
              bad,
              "-d",
              "1s");
      assertThat(cli.code).as(bad + ": " + cli).isEqualTo(2);
      assertThat(cli.err).as(bad).contains(bad);
    }
    Cli shortPayload =
        Cli.run(
            "run",
            "ws://127.0.0.1:1/",
            "--send",
            file,
            "--binary",
            "--correlate",
            "binary:4:2",
            "-d",
            "1s");
    assertThat(shortPayload.code).as(shortPayload.toString()).isEqualTo(2);
    assertThat(shortPayload.err).contains(file).contains("5 bytes").contains("at least 6 bytes");

    Cli text =
        Cli.run(
            "run", "ws://127.0.0.1:1/", "--send", "hello", "--correlate", "binary:0:2", "-d", "1s");
    assertThat(text.code).as(text.toString()).isEqualTo(2);
    assertThat(text.err).contains("binary:0:2").contains("--binary");
  }
}
