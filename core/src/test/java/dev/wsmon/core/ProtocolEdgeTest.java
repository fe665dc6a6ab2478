package dev.wsmon.core;

import static dev.wsmon.core.ConnectionLifecycleTest.fastPolicy;
import static dev.wsmon.core.TrafficTest.deployFast;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.protocol.Protocol;
import dev.wsmon.core.protocol.ProtocolOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName(
    "protocol layer edges: heartbeat silence, handshake timeout, sends before the handshake")
class ProtocolEdgeTest {

  private static ConnectionOptions socketIo(TestServer server) {
    return new ConnectionOptions(server.uri())
        .setReconnectPolicy(fastPolicy(0))
        .setProtocolOptions(new ProtocolOptions().setProtocol(Protocol.SOCKETIO));
  }

  @Test
  @DisplayName(
      "an Engine.IO server that stops pinging: PING_TIMEOUT, then a disconnection with 1006, like a"
          + " missing pong")
  void heartbeatSilence(Vertx vertx) {
    TestServer server = new TestServer(vertx);
    // the open packet promises a ping every 100 ms; the echo of "40" answers the namespace CONNECT
    server.banner =
        "0{\"sid\":\"s\",\"upgrades\":[],\"pingInterval\":100,\"pingTimeout\":100,\"maxPayload\":1000}";
    server.start();
    EventRecorder rec = new EventRecorder(vertx);
    deployFast(vertx, socketIo(server));

    rec.await(r -> r.count(EventType.DISCONNECTED) == 1);

    assertThat(rec.of(EventType.CONNECTED)).hasSize(1);
    assertThat(rec.of(EventType.PING_TIMEOUT)).hasSize(1);
    ConnectionEvent lost = rec.of(EventType.DISCONNECTED).get(0);
    assertThat(lost.closeCode()).isEqualTo(1006);
    assertThat(lost.reason())
        .isEqualTo(
            "heartbeat silence: no Engine.IO ping within pingInterval + pingTimeout (200 ms)");
    rec.await(r -> ProtocolCounts.of(r, "c-1").errors.getOrDefault("heartbeat silence", 0L) == 1);
  }

  @Test
  @DisplayName(
      "a server that never answers the protocol handshake: a failed attempt after connectTimeout,"
          + " never a success")
  void handshakeTimeout(Vertx vertx) {
    TestServer server = new TestServer(vertx);
    server.noEcho = true;
    server.start();
    EventRecorder rec = new EventRecorder(vertx);
    Connection c =
        deployFast(vertx, socketIo(server).setConnectTimeout(Duration.ofMillis(300)))
            .connection("c-1");
    // a send while the handshake is under way waits (never written before it)
    c.sendText("early");

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);

    assertThat(rec.of(EventType.CONNECTED)).isEmpty();
    assertThat(rec.of(EventType.FAILED))
        .singleElement()
        .satisfies(
            e -> assertThat(e.reason()).isEqualTo("socketio handshake: no reply within 300ms"));
    assertThat(server.messagesReceived.get()).isZero();
    assertThat(server.awaitClientCloseCodes(1)).containsExactly((short) 1000);
  }

  @Test
  @DisplayName("binary sends are refused under a protocol, and counted as send failures")
  void binaryRefused(Vertx vertx) {
    TestServer server = new TestServer(vertx);
    server.start();
    EventRecorder rec = new EventRecorder(vertx);
    Connection c = deployFast(vertx, socketIo(server)).connection("c-1");

    Throwable failure =
        c.sendBinary(Buffer.buffer(new byte[] {1}))
            .transform(ar -> Future.succeededFuture(ar.cause()))
            .await();

    assertThat(failure).hasMessage("binary messages are not supported with protocol socketio");
    rec.await(r -> r.totals("c-1")[4] >= 1);
  }
}
