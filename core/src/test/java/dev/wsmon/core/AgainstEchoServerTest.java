package dev.wsmon.core;

import static dev.wsmon.core.ConnectionLifecycleTest.fastPolicy;
import static dev.wsmon.core.TrafficTest.deployFast;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.EchoServerStats;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("against the testkit echo server")
class AgainstEchoServerTest {

  private final List<String> clients = new ArrayList<>();

  @AfterEach
  void undeployClientsFirst(Vertx vertx) {
    clients.forEach(id -> vertx.undeploy(id).otherwiseEmpty().await());
  }

  private ConnectionVerticle client(Vertx vertx, ConnectionOptions options) {
    ConnectionVerticle verticle = deployFast(vertx, options);
    clients.add(verticle.deploymentID());
    return verticle;
  }

  @Test
  @DisplayName("100 echoed messages on 2 connections: batch sums equal the server's counts")
  void countsMatchServer(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle =
        client(vertx, new ConnectionOptions(server.uri("/echo")).setConnections(2));
    rec.await(r -> r.count(EventType.CONNECTED) == 2);

    long bytes = 0;
    List<Future<Void>> sends = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String m = "ü-" + i;
      bytes += m.getBytes(StandardCharsets.UTF_8).length;
      sends.add(verticle.connection(i % 2 == 0 ? "c-1" : "c-2").sendText(m));
    }
    Future.all(sends).await();
    EchoServerStats stats =
        server.statsWhen(s -> s.messagesSent() == 100, Duration.ofSeconds(10)).await();
    rec.await(
        r ->
            r.totals("c-1")[1] + r.totals("c-2")[1] == 100
                && r.totals("c-1")[0] + r.totals("c-2")[0] == 100);

    long[] a = rec.totals("c-1");
    long[] b = rec.totals("c-2");
    assertThat(a[0]).isEqualTo(50);
    assertThat(b[0]).isEqualTo(50);
    assertThat(a[2] + b[2]).isEqualTo(bytes).isEqualTo(stats.textBytesReceived());
    assertThat(a[3] + b[3]).isEqualTo(bytes).isEqualTo(stats.textBytesSent());
    assertThat(stats.messagesReceived()).isEqualTo(100);
  }

  @Test
  @DisplayName("pongs withheld (no-pong): PING_TIMEOUT, DISCONNECTED 1006, reconnect")
  void noPong(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    server.faults(new FaultSpec().setNoPong(true));
    EventRecorder rec = new EventRecorder(vertx);
    client(
        vertx,
        new ConnectionOptions(server.uri("/echo"))
            .setPingInterval(Duration.ofMillis(100))
            .setPongTimeout(Duration.ofMillis(300))
            .setReconnectPolicy(fastPolicy(3)));

    rec.await(r -> r.count(EventType.PING_TIMEOUT) == 1);
    server.faults(new FaultSpec());
    rec.await(r -> r.count(EventType.CONNECTED) == 2);

    assertThat(rec.types("c-1"))
        .containsSubsequence(
            EventType.PING_TIMEOUT, EventType.DISCONNECTED, EventType.ATTEMPT, EventType.CONNECTED);
    assertThat(rec.of(EventType.DISCONNECTED).get(0).closeCode()).isEqualTo(1006);
    assertThat(server.stats().pingsReceived()).isPositive();
  }

  @Test
  @DisplayName("outage then restart: every connection back; undeploy: the server sees 1000")
  void outageThenUndeploy(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle =
        client(
            vertx,
            new ConnectionOptions(server.uri("/echo"))
                .setConnections(4)
                .setReconnectPolicy(fastPolicy(-1).setMaxReconnectDelay(Duration.ofMillis(100))));
    rec.await(r -> r.count(EventType.CONNECTED) == 4);

    server.stopListening().await();
    rec.await(r -> r.count(EventType.DISCONNECTED) == 4);
    server.startListening().await();
    rec.await(r -> r.count(EventType.CONNECTED) == 8);
    assertThat(rec.of(EventType.DISCONNECTED))
        .allSatisfy(e -> assertThat(e.closeCode()).isEqualTo(1006));

    vertx.undeploy(verticle.deploymentID()).await();
    clients.clear();
    EchoServerStats stats =
        server
            .statsWhen(
                s -> s.closeCodesReceived().getOrDefault(1000, 0L) == 4, Duration.ofSeconds(10))
            .await();
    assertThat(stats.connectionsOpened()).isEqualTo(8);
    assertThat(rec.count(EventType.CLOSED)).isEqualTo(4);
  }

  @Test
  @DisplayName("wss:// with the server's trust options and host verification")
  void tls(Vertx vertx) {
    EchoServer server =
        EchoServer.deploy(vertx, new EchoServerOptions().setFaults(new FaultSpec().setTls(true)))
            .await();
    EventRecorder rec = new EventRecorder(vertx);
    Connection c =
        client(
                vertx,
                new ConnectionOptions(server.uri("/echo"))
                    .setTrustOptions(server.trustOptions())
                    .setVerifyHost(false))
            .connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    assertThat(server.uri("/echo")).startsWith("wss://");
    assertThat(c.request("secure", Duration.ofSeconds(5)).await()).isEqualTo("secure");
  }

  @Test
  @DisplayName("wss:// without trust fails naming TLS")
  void tlsUntrusted(Vertx vertx) {
    EchoServer server =
        EchoServer.deploy(vertx, new EchoServerOptions().setFaults(new FaultSpec().setTls(true)))
            .await();
    EventRecorder rec = new EventRecorder(vertx);
    client(vertx, new ConnectionOptions(server.uri("/echo")).setReconnectPolicy(fastPolicy(0)));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);

    assertThat(rec.of(EventType.FAILED).get(0).reason()).startsWith("TLS handshake failed");
  }

  @Test
  @DisplayName("Vertx.close() with the server and the verticle both deployed ends in bounded time")
  void closeEverything() throws Exception {
    Vertx vertx = Vertx.vertx();
    EchoServer server = EchoServer.deploy(vertx).await();
    EventRecorder rec = new EventRecorder(vertx);
    deployFast(vertx, new ConnectionOptions(server.uri("/echo")).setConnections(3));
    rec.await(r -> r.count(EventType.CONNECTED) == 3);
    rec.close();

    long start = System.nanoTime();
    vertx.close().await(20, java.util.concurrent.TimeUnit.SECONDS);

    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
  }
}
