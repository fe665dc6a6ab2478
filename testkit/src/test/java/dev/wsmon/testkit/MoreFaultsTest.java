package dev.wsmon.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.testkit.impl.TlsMaterial;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("EchoServer: payload faults, feeds, timed outages, TLS and IPv6")
@Timeout(20)
class MoreFaultsTest {

  @BeforeAll
  static void certificate() {
    // keytool generates it once per JVM: 12 s were seen on a loaded machine, outside any test's 20
    // s
    TlsMaterial.shared();
  }

  /**
   * This test's clients: referenced until closed, or the GC closes them (ClientReachabilityTest).
   */
  private final List<WebSocketClient> clients = new ArrayList<>();

  @AfterEach
  void closeServers() {
    clients.forEach(c -> c.close().otherwiseEmpty().await());
    Servers.closeAll();
  }

  private WebSocketClient client(Vertx vertx, WebSocketClientOptions options) {
    WebSocketClient c = vertx.createWebSocketClient(options);
    clients.add(c);
    return c;
  }

  private WebSocketClient client(Vertx vertx) {
    return client(vertx, new WebSocketClientOptions());
  }

  private static EchoServer serve(Vertx vertx, String... specs) {
    return Servers.deploy(vertx, new EchoServerOptions().setFaults(new FaultSpec(List.of(specs))))
        .await();
  }

  private static Received connect(WebSocketClient client, EchoServer server) {
    return client.connect(server.port(), "127.0.0.1", "/").map(Received::on).await();
  }

  @Test
  @DisplayName(
      "invalid-utf8-every=2: every 2nd text echo carries 0xFF, which the client decodes as U+FFFD")
  void invalidUtf8(Vertx vertx) {
    EchoServer server = serve(vertx, "invalid-utf8-every=2");
    Received r = connect(client(vertx), server);
    r.ws.writeTextMessage("a");
    r.ws.writeTextMessage("bé");
    r.ws.writeTextMessage("c");
    r.messages(3).await();
    assertThat(r.texts).containsExactly("a", "bé\uFFFD", "c");
    EchoServerStats s = server.stats();
    assertThat(s.textBytesReceived()).isEqualTo(5);
    assertThat(s.textBytesSent()).isEqualTo(6);
    assertThat(s.textMessagesSent()).isEqualTo(3);
  }

  @Test
  @DisplayName(
      "oversize=70000 sends one 70000-byte message on open; a client limited to 65536 rejects it")
  void oversize(Vertx vertx) {
    EchoServer server = serve(vertx, "oversize=70000");
    Received big = connect(client(vertx), server);
    big.messages(1).await();
    assertThat(big.texts.get(0)).hasSize(70000);
    WebSocketClient limited = client(vertx, new WebSocketClientOptions().setMaxMessageSize(65536));
    Received small = connect(limited, server);
    small.ws.writeTextMessage("fits");
    small.messages(1).await();
    assertThat(small.texts).containsExactly("fits");
    assertThat(small.errors).isNotEmpty();
    assertThat(server.stats().textBytesSent()).isEqualTo(2 * 70000 + 4);
  }

  @Test
  @DisplayName(
      "push with gap-every=4, dup-every=5 and reorder-every=3 injects exactly those anomalies")
  void pushFeed(Vertx vertx) {
    EchoServer server = serve(vertx, "push=200/s:gap-every=4:dup-every=5:reorder-every=3");
    Received r = connect(client(vertx), server);
    r.messages(10).await();
    List<Long> seqs =
        List.copyOf(r.texts).subList(0, 10).stream()
            .map(t -> new JsonObject(t).getLong("seq"))
            .toList();
    assertThat(seqs).containsExactly(1L, 2L, 5L, 5L, 3L, 7L, 6L, 10L, 10L, 9L);
  }

  @Test
  @DisplayName("outage=300ms/3s drops clients after ~2.7 s of uptime and listens again")
  void timedOutage(Vertx vertx) {
    // up 2.7 s, then down 300 ms: the cycle starts when the server listens, and the client's
    // handshake must be done before the outage begins, even on a loaded machine
    long start = System.nanoTime();
    EchoServer server = serve(vertx, "outage=300ms/3s");
    WebSocketClient client = client(vertx);
    Received r = connect(client, server);
    r.closed().await();
    assertThat((r.closedAtNanos - start) / 1_000_000).isBetween(2_650L, 10_000L);
    assertThat(r.ws.closeStatusCode()).isIn(null, (short) 1006);
    server.statsWhen(s -> server.isListening(), Duration.ofSeconds(5)).await();
    Received again = connect(client, server);
    again.ws.writeTextMessage("up again");
    again.messages(1).await();
    server.faults(new FaultSpec());
    assertThat(server.faults().getOutageDown()).isNull();
  }

  @Test
  @DisplayName("tls: a client trusting the generated certificate connects over wss, others fail")
  void tls(Vertx vertx) {
    EchoServer server = Servers.deploy(vertx, new EchoServerOptions().setTls(true)).await();
    assertThat(server.isTls()).isTrue();
    assertThat(server.uri("/s")).startsWith("wss://127.0.0.1:");
    assertThat(server.keyCertOptions()).isNotNull();
    WebSocketConnectOptions target =
        new WebSocketConnectOptions().setHost("localhost").setPort(server.port()).setURI("/s");
    WebSocketClient trusting =
        client(
            vertx,
            new WebSocketClientOptions().setSsl(true).setTrustOptions(server.trustOptions()));
    Received r = trusting.connect(target).map(Received::on).await();
    r.ws.writeTextMessage("secret");
    r.messages(1).await();
    assertThat(r.texts).containsExactly("secret");
    assertThat(r.ws.isSsl()).isTrue();
    WebSocketClient untrusting = client(vertx, new WebSocketClientOptions().setSsl(true));
    assertThatThrownBy(() -> untrusting.connect(target).await()).isNotNull();
    assertThat(server.stats().connectionsOpened()).isEqualTo(1);
  }

  @Test
  @DisplayName("binds ::1 and brackets it in the uri")
  void ipv6(Vertx vertx) {
    EchoServer server = Servers.deploy(vertx, new EchoServerOptions().setHost("::1")).await();
    assertThat(server.uri("/a")).isEqualTo("ws://[::1]:" + server.port() + "/a");
    Received r =
        client(vertx)
            // Vert.x 5.0.10's client needs the literal bracketed: with "::1" the handshake fails
            .connect(server.port(), "[::1]", "/a")
            .map(Received::on)
            .await();
    r.ws.writeTextMessage("v6");
    r.messages(1).await();
    assertThat(r.texts).containsExactly("v6");
    assertThat("v6".getBytes(StandardCharsets.UTF_8)).hasSize(2);
  }
}
