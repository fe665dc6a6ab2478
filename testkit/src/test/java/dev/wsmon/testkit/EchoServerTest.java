package dev.wsmon.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("EchoServer without faults")
@Timeout(20)
class EchoServerTest {

  @AfterEach
  void closeServers() {
    Servers.closeAll();
  }

  private WebSocketClient client;

  @BeforeEach
  void client(Vertx vertx) {
    client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1000));
  }

  @Test
  @DisplayName("binds a free port and reports it, with a ws:// uri")
  void port(Vertx vertx) {
    EchoServer server = Servers.deploy(vertx).await();
    assertThat(server.port()).isPositive();
    assertThat(server.isListening()).isTrue();
    assertThat(server.isTls()).isFalse();
    assertThat(server.uri("/echo")).isEqualTo("ws://127.0.0.1:" + server.port() + "/echo");
    assertThat(server.uri("x")).isEqualTo("ws://127.0.0.1:" + server.port() + "/x");
    assertThat(server.trustOptions()).isNull();
    assertThat(server.keyCertOptions()).isNull();
  }

  @Test
  @DisplayName("echoes 100 text and 50 binary messages, both sides count them exactly")
  void echoesAndCounts(Vertx vertx) {
    EchoServer server = Servers.deploy(vertx).await();
    Received r = client.connect(server.port(), "127.0.0.1", "/echo").map(Received::on).await();
    List<String> sent = new ArrayList<>();
    long textBytes = 0;
    for (int i = 0; i < 100; i++) {
      String m = "message-" + i + (i % 10 == 0 ? "-é€😀" : "");
      sent.add(m);
      textBytes += m.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      r.ws.writeTextMessage(m);
    }
    for (int i = 0; i < 50; i++) {
      r.ws.writeBinaryMessage(Buffer.buffer(new byte[i + 1]));
    }
    r.messages(150).await();
    assertThat(r.texts).containsExactlyElementsOf(sent);
    assertThat(r.binaries).hasSize(50);
    assertThat(r.binaries.get(49).length()).isEqualTo(50);
    EchoServerStats s = server.stats();
    assertThat(s.connectionsOpened()).isEqualTo(1);
    assertThat(s.textMessagesReceived()).isEqualTo(100);
    assertThat(s.textMessagesSent()).isEqualTo(100);
    assertThat(s.textBytesReceived()).isEqualTo(textBytes);
    assertThat(s.textBytesSent()).isEqualTo(textBytes);
    assertThat(s.binaryMessagesReceived()).isEqualTo(50);
    assertThat(s.binaryMessagesSent()).isEqualTo(50);
    assertThat(s.binaryBytesReceived()).isEqualTo(50 * 51 / 2);
    assertThat(s.binaryBytesSent()).isEqualTo(50 * 51 / 2);
    assertThat(s.messagesReceived()).isEqualTo(150);
    assertThat(s.messagesSent()).isEqualTo(150);
    assertThat(s.bytesReceived()).isEqualTo(textBytes + 1275);
    assertThat(s.bytesSent()).isEqualTo(textBytes + 1275);
    assertThat(s.connectionsOpen()).isEqualTo(1);
  }

  @Test
  @DisplayName("counts pings, pongs and the close codes clients send; resets to zero")
  void pingsAndCloseCodes(Vertx vertx) {
    EchoServer server = Servers.deploy(vertx).await();
    Received r = client.connect(server.port(), "127.0.0.1", "/").map(Received::on).await();
    r.ws.writePing(Buffer.buffer("p1"));
    r.ws.writeTextMessage("after-ping");
    r.messages(1).await();
    assertThat(r.pongs).extracting(Buffer::toString).containsExactly("p1");
    r.ws.close((short) 4002, "done").await();
    r.closed().await();
    Received r2 = client.connect(server.port(), "127.0.0.1", "/").map(Received::on).await();
    r2.ws.close().await();
    r2.closed().await();
    EchoServerStats s = awaitStats(server, st -> st.connectionsClosed() == 2);
    assertThat(s.pingsReceived()).isEqualTo(1);
    assertThat(s.pongsSent()).isEqualTo(1);
    assertThat(s.closeCodesReceived()).isEqualTo(Map.of(4002, 1L, 1000, 1L));
    assertThat(s.toJson().getJsonObject("closeCodesReceived").getLong("4002")).isEqualTo(1);
    assertThat(s.toJson().getLong("connectionsOpened")).isEqualTo(2);
    server.resetStats();
    assertThat(server.stats().toJson().getLong("connectionsOpened")).isZero();
    assertThat(server.stats().closeCodesReceived()).isEmpty();
  }

  @Test
  @DisplayName("answers GET /stats with JSON and other HTTP requests with 426")
  void plainHttp(Vertx vertx) {
    EchoServer server = Servers.deploy(vertx).await();
    HttpClient http = vertx.createHttpClient();
    String body =
        http.request(HttpMethod.GET, server.port(), "127.0.0.1", "/stats")
            .compose(req -> req.send())
            .compose(resp -> resp.body())
            .await()
            .toString();
    assertThat(new io.vertx.core.json.JsonObject(body).getLong("connectionsOpened")).isZero();
    int status =
        http.request(HttpMethod.GET, server.port(), "127.0.0.1", "/")
            .compose(req -> req.send())
            .await()
            .statusCode();
    assertThat(status).isEqualTo(426);
  }

  @Test
  @DisplayName("holds 500 concurrent connections")
  void manyConnections(Vertx vertx) {
    EchoServer server = Servers.deploy(vertx).await();
    List<io.vertx.core.Future<io.vertx.core.http.WebSocket>> all = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      all.add(client.connect(server.port(), "127.0.0.1", "/many"));
    }
    io.vertx.core.Future.all(all).await();
    assertThat(awaitStats(server, s -> s.connectionsOpened() == 500).connectionsOpen())
        .isEqualTo(500);
  }

  @Test
  @DisplayName("undeploy releases the port; close() undeploys")
  void close(Vertx vertx) throws Exception {
    EchoServer server = Servers.deploy(vertx).await();
    int port = server.port();
    assertThat(listening(port)).as("the kernel's view of the live server").isTrue();
    server.close().await();
    assertThat(server.isListening()).isFalse();
    // released: no socket listens on it any more. Asked of the kernel, not by binding or
    // connecting: another process may take the freed port as a client's source port at any time
    // (bind fails), and a connect to a free port can pick it as its own source port and answer
    // itself
    assertThat(listening(port)).as("a socket listening on port %d", port).isFalse();
  }

  /** Whether a TCP socket listens on {@code port} on this host ({@code /proc/net/tcp*}). */
  static boolean listening(int port) throws IOException {
    String local = String.format(":%04X", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path file = Path.of(table);
      if (!Files.isReadable(file)) {
        continue;
      }
      for (String line : Files.readAllLines(file)) {
        String[] f = line.trim().split("\\s+");
        // sl local_address rem_address st ...; st 0A is LISTEN
        if (f.length > 3 && f[1].endsWith(local) && f[3].equals("0A")) {
          return true;
        }
      }
    }
    return false;
  }

  static EchoServerStats awaitStats(
      EchoServer server, java.util.function.Predicate<EchoServerStats> condition) {
    return server.statsWhen(condition, java.time.Duration.ofSeconds(10)).await();
  }
}
