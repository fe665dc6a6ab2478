package dev.wsmon.core;

import static dev.wsmon.core.ConnectionLifecycleTest.fastPolicy;
import static dev.wsmon.core.TrafficTest.deployFast;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.protocol.GraphqlWsOptions;
import dev.wsmon.core.protocol.Protocol;
import dev.wsmon.core.protocol.ProtocolOptions;
import dev.wsmon.core.protocol.StompOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A socket that ends while its protocol handshake is under way ends a failed attempt, whatever
 * ended it: never a success, never a disconnection, no close code counted, retried as a failure.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("a socket lost during its protocol handshake is a failed attempt")
class HandshakeLossTest {

  private static ConnectionOptions socketIo(String uri) {
    return new ConnectionOptions(uri)
        .setReconnectPolicy(fastPolicy(1))
        .setProtocolOptions(new ProtocolOptions().setProtocol(Protocol.SOCKETIO));
  }

  /**
   * Waits for GAVE_UP after two attempts (the first and one retry), then checks that each failed
   * with {@code reason}, that nothing was a success or a disconnection, that no event carries a
   * close code, and, after wsmon's close, that every attempt has one outcome.
   */
  private static void twoFailedAttempts(
      Vertx vertx, EventRecorder rec, ConnectionVerticle verticle, String reason) {
    rec.await(r -> r.count(EventType.GAVE_UP) == 1);
    assertThat(rec.of(EventType.FAILED))
        .hasSize(2)
        .allSatisfy(
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.durationMs()).isPositive();
            });
    assertThat(rec.of(EventType.CONNECTED)).isEmpty();
    assertThat(rec.of(EventType.DISCONNECTED)).isEmpty();
    assertThat(rec.events()).allSatisfy(e -> assertThat(e.closeCode()).isNull());
    assertThat(rec.of(EventType.GAVE_UP).get(0).reason())
        .isEqualTo("gave up after 1 reconnect attempts");
    vertx.undeploy(verticle.deploymentID()).await();
    long[] o = rec.attemptOutcomes("c-1");
    assertThat(o[EventRecorder.ATTEMPTS]).isEqualTo(2);
    assertThat(o[EventRecorder.FAILED_ATTEMPTS]).isEqualTo(2);
    assertThat(rec.everyAttemptHasAnOutcome()).isTrue();
  }

  @Test
  @DisplayName(
      "graphql-ws (the npm server) holding connection_ack back and leaving pings unanswered: a ping"
          + " timeout during the handshake fails the attempt")
  void pingTimeout(Vertx vertx) {
    try (NodeServer server =
        NodeServer.start(
            "graphql-ws-server.js", Map.of("ACK_DELAY_MS", "5000", "AUTO_PONG", "0"))) {
      EventRecorder rec = new EventRecorder(vertx);
      GraphqlWsOptions gql =
          new GraphqlWsOptions().setPayload(new JsonObject().put("token", "secret"));
      ConnectionVerticle verticle =
          deployFast(
              vertx,
              new ConnectionOptions("ws://127.0.0.1:" + server.port + "/graphql")
                  .setReconnectPolicy(fastPolicy(1))
                  .setConnectTimeout(Duration.ofSeconds(4))
                  .setPingInterval(Duration.ofMillis(100))
                  .setPongTimeout(Duration.ofMillis(200))
                  .setProtocolOptions(
                      new ProtocolOptions().setProtocol(Protocol.GRAPHQL_WS).setGraphqlWs(gql)));

      twoFailedAttempts(
          vertx,
          rec,
          verticle,
          "graphql-ws handshake: closed (1006 ping timeout: no pong within 200ms)");
      assertThat(rec.of(EventType.PING_TIMEOUT)).hasSize(2);
      // time to failure: the first ping (100 ms) and its pong timeout (200 ms) at least
      assertThat(rec.of(EventType.FAILED))
          .allSatisfy(e -> assertThat(e.durationMs()).isGreaterThanOrEqualTo(300));
      assertThat(server.stats().getInteger("connections")).isZero();
      assertThat(server.stats().getJsonObject("closed").getInteger("1001")).isEqualTo(2);
    }
  }

  @Test
  @DisplayName(
      "a Socket.IO DISCONNECT packet before the namespace CONNECT fails the attempt; wsmon closes"
          + " with 1000")
  void disconnectPacket(Vertx vertx) {
    TestServer server = new TestServer(vertx);
    server.banner = "41";
    server.noEcho = true;
    server.start();
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle = deployFast(vertx, socketIo(server.uri()));

    twoFailedAttempts(
        vertx,
        rec,
        verticle,
        "socketio handshake: closed (1000 socketio: disconnected by the server (namespace /))");
    assertThat(server.awaitClientCloseCodes(2)).containsExactly((short) 1000, (short) 1000);
  }

  @Test
  @DisplayName(
      "a message over maxMessageSize during the handshake, protocolErrorPolicy CLOSE: a protocol"
          + " error that fails the attempt; wsmon closes with 1009")
  void protocolError(Vertx vertx) {
    TestServer server = new TestServer(vertx);
    server.banner = "0" + "x".repeat(2000);
    server.noEcho = true;
    server.start();
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle =
        deployFast(
            vertx,
            socketIo(server.uri())
                .setMaxMessageSize(1024)
                .setProtocolErrorPolicy(ProtocolErrorPolicy.CLOSE));

    twoFailedAttempts(
        vertx,
        rec,
        verticle,
        "socketio handshake: closed (1009 message over maxMessageSize 1024 bytes dropped)");
    assertThat(rec.of(EventType.PROTOCOL_ERROR)).hasSize(2);
    rec.await(r -> r.totals("c-1")[EventRecorder.PROTOCOL] == 2);
    assertThat(server.awaitClientCloseCodes(2)).containsExactly((short) 1009, (short) 1009);
  }

  @Test
  @DisplayName(
      "a malformed frame (reserved opcode) during the handshake: a protocol error that fails the"
          + " attempt")
  void frameError(Vertx vertx) {
    RawWebSocketServer server =
        new RawWebSocketServer(
                vertx,
                false,
                socket ->
                    socket.write(
                        RawWebSocketServer.frame(0x3, "0{}".getBytes(StandardCharsets.UTF_8))))
            .start();
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle = deployFast(vertx, socketIo(server.uri()));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);
    String reason = rec.of(EventType.PROTOCOL_ERROR).get(0).reason();
    assertThat(reason).startsWith("malformed frame: ");
    twoFailedAttempts(
        vertx, rec, verticle, "socketio handshake: closed (" + 1002 + " " + reason + ")");
    assertThat(rec.of(EventType.PROTOCOL_ERROR)).hasSize(2);
  }

  @Test
  @DisplayName(
      "invalid UTF-8 in a text message during the handshake, validateUtf8 and protocolErrorPolicy"
          + " CLOSE: a protocol error that fails the attempt")
  void invalidUtf8(Vertx vertx) {
    RawWebSocketServer server =
        new RawWebSocketServer(
                vertx,
                false,
                socket ->
                    socket.write(
                        RawWebSocketServer.frame(0x1, new byte[] {'0', (byte) 0xC3, (byte) 0x28})))
            .start();
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle =
        deployFast(
            vertx,
            socketIo(server.uri())
                .setValidateUtf8(true)
                .setProtocolErrorPolicy(ProtocolErrorPolicy.CLOSE));

    twoFailedAttempts(
        vertx, rec, verticle, "socketio handshake: closed (1007 invalid UTF-8 in a text message)");
    assertThat(rec.of(EventType.PROTOCOL_ERROR)).hasSize(2);
  }

  @Test
  @DisplayName(
      "STOMP: a server that upgrades and then neither sends CONNECTED nor answers pings: a ping"
          + " timeout during the handshake fails the attempt")
  void stompPingTimeout(Vertx vertx) {
    RawWebSocketServer server = new RawWebSocketServer(vertx, false, socket -> {}).start();
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle =
        deployFast(
            vertx,
            new ConnectionOptions(server.uri())
                .setReconnectPolicy(fastPolicy(1))
                .setPingInterval(Duration.ofMillis(50))
                .setPongTimeout(Duration.ofMillis(100))
                .setProtocolOptions(
                    new ProtocolOptions()
                        .setProtocol(Protocol.STOMP)
                        .setStomp(new StompOptions().setDestination("/queue/q"))));

    twoFailedAttempts(
        vertx, rec, verticle, "stomp handshake: closed (1006 ping timeout: no pong within 100ms)");
    assertThat(rec.of(EventType.PING_TIMEOUT)).hasSize(2);
  }

  @Test
  @DisplayName("a TCP drop during the handshake fails the attempt (1006, no close frame)")
  void drop(Vertx vertx) {
    RawWebSocketServer server =
        new RawWebSocketServer(vertx, false, socket -> socket.close()).start();
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle = deployFast(vertx, socketIo(server.uri()));

    twoFailedAttempts(
        vertx, rec, verticle, "socketio handshake: closed (1006 Connection was closed)");
  }

  @Test
  @DisplayName(
      "pings left unanswered by a handshake that timed out do not time out the next attempt's"
          + " socket")
  void pingsOfAnEndedHandshakeAreForgotten(Vertx vertx) {
    // never pongs, never answers the handshake: every attempt times out after 300 ms with its
    // pings pending; the pong timeout (800 ms) is longer than any one attempt
    RawWebSocketServer server = new RawWebSocketServer(vertx, false, socket -> {}).start();
    EventRecorder rec = new EventRecorder(vertx);
    deployFast(
        vertx,
        socketIo(server.uri())
            .setReconnectPolicy(fastPolicy(3))
            .setConnectTimeout(Duration.ofMillis(300))
            .setPingInterval(Duration.ofMillis(50))
            .setPongTimeout(Duration.ofMillis(800)));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);

    assertThat(rec.of(EventType.PING_TIMEOUT)).isEmpty();
    assertThat(rec.of(EventType.FAILED))
        .hasSize(4)
        .allSatisfy(
            e -> assertThat(e.reason()).isEqualTo("socketio handshake: no reply within 300ms"));
  }
}
