package dev.wsmon.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("EchoServer faults, as a plain Vert.x client sees them")
@Timeout(20)
class FaultsTest {

  @AfterEach
  void closeServers() {
    Servers.closeAll();
  }

  private WebSocketClient client;

  @BeforeEach
  void client(Vertx vertx) {
    client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100));
  }

  private static EchoServer serve(Vertx vertx, String... specs) {
    return Servers.deploy(vertx, new EchoServerOptions().setFaults(new FaultSpec(List.of(specs))))
        .await();
  }

  private Received connect(EchoServer server) {
    return client.connect(server.port(), "127.0.0.1", "/f").map(Received::on).await();
  }

  private static void send(Received r, int n) {
    for (int i = 1; i <= n; i++) {
      r.ws.writeTextMessage("m" + i);
    }
  }

  @Test
  @DisplayName("close-after=3:4001:bye closes with that code and reason after 3 echoes")
  void closeAfter(Vertx vertx) {
    EchoServer server = serve(vertx, "close-after=3:4001:bye");
    Received r = connect(server);
    send(r, 3);
    r.closed().await();
    assertThat(r.texts).containsExactly("m1", "m2", "m3");
    assertThat(r.ws.closeStatusCode()).isEqualTo((short) 4001);
    assertThat(r.ws.closeReason()).isEqualTo("bye");
    EchoServerStats s =
        server.statsWhen(st -> st.connectionsClosed() == 1, Duration.ofSeconds(5)).await();
    assertThat(s.textMessagesReceived()).isEqualTo(3);
    assertThat(s.textMessagesSent()).isEqualTo(3);
    assertThat(s.closeCodesReceived()).isEmpty();
  }

  @Test
  @DisplayName("close-after=0 closes right after the open")
  void closeAtOnce(Vertx vertx) {
    EchoServer server = serve(vertx, "close-after=0:1013");
    Received r = connect(server);
    r.closed().await();
    assertThat(r.ws.closeStatusCode()).isEqualTo((short) 1013);
  }

  @Test
  @DisplayName("drop-after=2 drops TCP without a close frame after 2 echoes")
  void dropAfterMessages(Vertx vertx) {
    EchoServer server = serve(vertx, "drop-after=2");
    Received r = connect(server);
    send(r, 2);
    r.closed().await();
    assertThat(r.texts).containsExactly("m1", "m2");
    assertThat(r.ws.closeStatusCode()).isIn(null, (short) 1006);
    assertThat(r.errors).isNotEmpty();
    server.statsWhen(st -> st.connectionsClosed() == 1, Duration.ofSeconds(5)).await();
  }

  @Test
  @DisplayName("drop-after=300ms drops the connection no sooner than 300 ms after the open")
  void dropAfterDelay(Vertx vertx) {
    EchoServer server = serve(vertx, "drop-after=300ms");
    long start = System.nanoTime();
    Received r = connect(server);
    r.closed().await();
    long ms = (r.closedAtNanos - start) / 1_000_000;
    assertThat(ms).isBetween(300L, 5_000L);
    assertThat(r.ws.closeStatusCode()).isIn(null, (short) 1006);
  }

  @Test
  @DisplayName("reject=503:retry-after=7 fails the upgrade with 503 and Retry-After: 7")
  void reject(Vertx vertx) {
    EchoServer server = serve(vertx, "reject=503:retry-after=7");
    assertThatThrownBy(() -> connect(server))
        .isInstanceOfSatisfying(
            UpgradeRejectedException.class,
            e -> {
              assertThat(e.getStatus()).isEqualTo(503);
              assertThat(e.getHeaders().get("Retry-After")).isEqualTo("7");
            });
    server.faults(FaultSpec.parse("reject=401"));
    assertThatThrownBy(() -> connect(server))
        .isInstanceOfSatisfying(
            UpgradeRejectedException.class,
            e -> {
              assertThat(e.getStatus()).isEqualTo(401);
              assertThat(e.getHeaders().get("Retry-After")).isNull();
            });
    assertThat(server.stats().handshakesRejected()).isEqualTo(2);
    assertThat(server.stats().connectionsOpened()).isZero();
  }

  @Test
  @DisplayName("handshake-delay=300ms makes the connect take at least 300 ms")
  void handshakeDelay(Vertx vertx) {
    EchoServer server = serve(vertx, "handshake-delay=300ms");
    long start = System.nanoTime();
    Received r = connect(server);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(ms).isBetween(300L, 5_000L);
    r.ws.writeTextMessage("still echoes");
    r.messages(1).await();
    assertThat(r.texts).containsExactly("still echoes");
  }

  @Test
  @DisplayName("no-upgrade accepts TCP but never answers: the client's handshake timeout fires")
  void noUpgrade(Vertx vertx) {
    EchoServer server = serve(vertx, "no-upgrade");
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                client
                    .connect(
                        new WebSocketConnectOptions()
                            .setHost("127.0.0.1")
                            .setPort(server.port())
                            .setURI("/")
                            .setTimeout(400))
                    .await())
        .isNotNull();
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(400L);
    assertThat(server.stats().handshakesUnanswered()).isEqualTo(1);
    assertThat(server.stats().connectionsOpened()).isZero();
  }

  @Test
  @DisplayName("delay=200ms delays each echo by at least 200 ms")
  void echoDelay(Vertx vertx) {
    EchoServer server = serve(vertx, "delay=200ms");
    Received r = connect(server);
    long start = System.nanoTime();
    send(r, 2);
    r.messages(2).await();
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(ms).isBetween(200L, 5_000L);
    assertThat(r.texts).containsExactly("m1", "m2");
  }

  @Test
  @DisplayName("no-pong swallows pings: no pong arrives before the echo of a later message")
  void noPong(Vertx vertx) {
    EchoServer server = serve(vertx, "no-pong");
    Received r = connect(server);
    r.ws.writePing(Buffer.buffer("ping-1"));
    r.ws.writeTextMessage("after");
    r.messages(1).await();
    assertThat(r.pongs).isEmpty();
    server.faults(new FaultSpec());
    r.ws.writePing(Buffer.buffer("ping-2"));
    r.ws.writeTextMessage("after-2");
    r.messages(2).await();
    assertThat(r.pongs).extracting(Buffer::toString).containsExactly("ping-2");
    EchoServerStats s = server.stats();
    assertThat(s.pingsReceived()).isEqualTo(2);
    assertThat(s.pongsSent()).isEqualTo(1);
  }

  @Test
  @DisplayName("banner=hello is the first message on open")
  void banner(Vertx vertx) {
    EchoServer server = serve(vertx, "banner=hello: world");
    Received r = connect(server);
    r.ws.writeTextMessage("x");
    r.messages(2).await();
    assertThat(r.texts).containsExactly("hello: world", "x");
    assertThat(server.stats().textBytesSent()).isEqualTo(13);
  }

  @Test
  @DisplayName("no-echo counts messages but sends nothing back")
  void noEcho(Vertx vertx) {
    EchoServer server = serve(vertx, "no-echo", "close-after=3:4000");
    Received r = connect(server);
    send(r, 3);
    r.closed().await();
    assertThat(r.texts).isEmpty();
    assertThat(r.ws.closeStatusCode()).isEqualTo((short) 4000);
    assertThat(server.stats().textMessagesReceived()).isEqualTo(3);
    assertThat(server.stats().textMessagesSent()).isZero();
  }

  @Test
  @DisplayName("faults switched at run time apply to the next message")
  void switchAtRunTime(Vertx vertx) {
    EchoServer server = serve(vertx);
    Received r = connect(server);
    send(r, 5);
    r.messages(5).await();
    server.faults(FaultSpec.parse("close-after=1:4003:switched"));
    assertThat(server.faults().getCloseCode()).isEqualTo(4003);
    r.ws.writeTextMessage("last");
    r.closed().await();
    assertThat(r.texts).hasSize(6).endsWith("last");
    assertThat(r.ws.closeReason()).isEqualTo("switched");
  }

  @Test
  @DisplayName(
      "stopListening drops clients and refuses connects; startListening reopens the same port")
  void outage(Vertx vertx) {
    EchoServer server = serve(vertx);
    int port = server.port();
    Received r = connect(server);
    server.stopListening().await();
    r.closed().await();
    assertThat(r.ws.closeStatusCode()).isIn(null, (short) 1006);
    assertThat(server.isListening()).isFalse();
    assertThatThrownBy(() -> connect(server)).hasMessageContaining("Connection refused");
    server.stopListening().await();
    server.startListening().await();
    server.startListening().await();
    assertThat(server.port()).isEqualTo(port);
    Received again = connect(server);
    again.ws.writeTextMessage("back");
    again.messages(1).await();
    assertThat(again.texts).containsExactly("back");
  }

  @Test
  @DisplayName("push=50/s sends {seq, ts} messages in order from seq 1")
  void push(Vertx vertx) {
    long before = System.currentTimeMillis();
    EchoServer server = serve(vertx, "push=50/s");
    Received r = connect(server);
    r.messages(5).await();
    for (int i = 0; i < 5; i++) {
      JsonObject m = new JsonObject(r.texts.get(i));
      assertThat(m.getLong("seq")).isEqualTo(i + 1);
      assertThat(m.getLong("ts")).isBetween(before, System.currentTimeMillis());
    }
  }
}
