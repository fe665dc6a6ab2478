package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.protocol.Protocol;
import dev.wsmon.core.protocol.ProtocolOptions;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link ConnectionVerticle#endAttempts()}: the end of a run, after which no attempt starts. */
@ExtendWith(VertxExtension.class)
@org.junit.jupiter.api.Timeout(30)
@DisplayName("end of attempts: no connection attempt starts after the end of a run")
class ConnectionEndAttemptsTest {

  private static ReconnectPolicy fixedDelay(long ms) {
    return new ReconnectPolicy()
        .setReconnectDelay(Duration.ofMillis(ms))
        .setBackoffMultiplier(1)
        .setJitter(0)
        .setMaxReconnectAttempts(-1);
  }

  @Test
  @DisplayName("a scheduled reconnect is cancelled: CLOSED 'run ended', no ATTEMPT, connect fails")
  void scheduledReconnectCancelled(Vertx vertx) {
    EventRecorder rec = new EventRecorder(vertx);
    String uri = "ws://127.0.0.1:" + ConnectionLifecycleTest.freePort(vertx) + "/x";
    ConnectionVerticle verticle =
        ConnectionLifecycleTest.deploy(
            vertx, new ConnectionOptions(uri).setReconnectPolicy(fixedDelay(300)));
    rec.await(r -> r.count(EventType.RECONNECT_SCHEDULED) == 1);

    verticle.endAttempts().await();
    ConnectionLifecycleTest.pause(vertx, 600);

    assertThat(rec.types("c-1"))
        .containsExactly(
            EventType.ATTEMPT, EventType.FAILED, EventType.RECONNECT_SCHEDULED, EventType.CLOSED);
    assertThat(rec.of(EventType.CLOSED).get(0).reason()).isEqualTo("run ended");
    Connection c1 = verticle.connection("c-1");
    assertThat(c1.state()).isEqualTo(ConnectionState.CLOSED);
    Future<Void> connect = c1.connect();
    connect.otherwiseEmpty().await();
    assertThat(connect.failed()).isTrue();
    assertThat(connect.cause()).hasMessageContaining("the run has ended");
  }

  @Test
  @DisplayName(
      "an attempt in flight is abandoned: CLOSED 'attempt abandoned: run ended'; its handshake,"
          + " completing later, is closed unused and never a CONNECTED")
  void attemptInFlightAbandoned(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    server.handshakeDelayMs = 400;
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle =
        ConnectionLifecycleTest.deploy(
            vertx, new ConnectionOptions(server.uri()).setReconnectPolicy(fixedDelay(50)));
    rec.await(r -> r.count(EventType.ATTEMPT) == 1);

    verticle.endAttempts().await();
    assertThat(server.awaitClientCloseCodes(1))
        .as("the server saw the handshake; wsmon closed that socket at once")
        .containsExactly((short) 1000);
    assertThat(server.clientCloseReasons()).containsExactly("wsmon: attempt abandoned");
    ConnectionLifecycleTest.pause(vertx, 200);

    assertThat(rec.types("c-1")).containsExactly(EventType.ATTEMPT, EventType.CLOSED);
    ConnectionEvent closed = rec.of(EventType.CLOSED).get(0);
    assertThat(closed.reason()).isEqualTo("attempt abandoned: run ended");
    assertThat(closed.durationMs()).as("the time the attempt was in flight").isBetween(0.0, 400.0);
    assertThat(closed.closeCode()).isNull();
    assertThat(rec.attemptOutcomes("c-1"))
        .as("attempts, successes, failures, abandoned, in flight")
        .containsExactly(1, 0, 0, 1, 0);
    assertThat(verticle.connection("c-1").state()).isEqualTo(ConnectionState.CLOSED);
  }

  @Test
  @DisplayName(
      "a failure that arrives for an abandoned attempt is not counted: no FAILED after its CLOSED")
  void lateFailureNotCounted(Vertx vertx) {
    EchoServer server =
        EchoServer.deploy(
                vertx,
                new EchoServerOptions()
                    .setFaults(FaultSpec.parse("handshake-delay=400ms").add("reject=503")))
            .await();
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle =
        ConnectionLifecycleTest.deploy(
            vertx, new ConnectionOptions(server.uri("/late")).setReconnectPolicy(fixedDelay(50)));
    rec.await(r -> r.count(EventType.ATTEMPT) == 1);

    verticle.endAttempts().await();
    server.statsWhen(s -> s.handshakesRejected() == 1, Duration.ofSeconds(5)).await();
    ConnectionLifecycleTest.pause(vertx, 300);

    assertThat(rec.types("c-1")).containsExactly(EventType.ATTEMPT, EventType.CLOSED);
    assertThat(rec.of(EventType.CLOSED).get(0).reason()).isEqualTo("attempt abandoned: run ended");
    assertThat(rec.everyAttemptHasAnOutcome()).isTrue();
    server.close().await();
  }

  @Test
  @DisplayName(
      "Connection.close() and undeploy abandon the attempt in flight the same way, each naming why")
  void closeAndUndeployAbandon(Vertx vertx) {
    EchoServer server =
        EchoServer.deploy(vertx, new EchoServerOptions().setFaults(FaultSpec.parse("no-upgrade")))
            .await();
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionOptions silent =
        new ConnectionOptions(server.uri("/silent"))
            .setConnectTimeout(Duration.ofSeconds(20))
            .setReconnectPolicy(fixedDelay(50));
    ConnectionVerticle verticle = ConnectionLifecycleTest.deploy(vertx, silent, silent);
    rec.await(r -> r.count(EventType.ATTEMPT) == 2);

    verticle.connection("c-1").close().await();
    vertx.undeploy(verticle.deploymentID()).await();
    rec.await(r -> r.count(EventType.CLOSED) == 2);

    assertThat(rec.of("c-1", EventType.CLOSED).get(0).reason())
        .isEqualTo("attempt abandoned: closed by wsmon");
    assertThat(rec.of("c-2", EventType.CLOSED).get(0).reason())
        .isEqualTo("attempt abandoned: wsmon stopped");
    assertThat(rec.everyAttemptHasAnOutcome()).isTrue();
    assertThat(rec.attemptOutcomes("c-2")).containsExactly(1, 0, 0, 1, 0);
    server.close().await();
  }

  @Test
  @DisplayName("an open connection stays open; a server close after the end is not retried")
  void openConnectionNotReopened(Vertx vertx) {
    EchoServer server =
        EchoServer.deploy(
                vertx, new EchoServerOptions().setFaults(FaultSpec.parse("close-after=1:4000")))
            .await();
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle =
        ConnectionLifecycleTest.deploy(
            vertx, new ConnectionOptions(server.uri("/")).setReconnectPolicy(fixedDelay(50)));
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    verticle.endAttempts().await();
    Connection c1 = verticle.connection("c-1");
    assertThat(c1.state()).isEqualTo(ConnectionState.CONNECTED);
    c1.sendText("last").await();
    rec.await(r -> r.count(EventType.DISCONNECTED) == 1);
    ConnectionLifecycleTest.pause(vertx, 300);

    ConnectionEvent lost = rec.of(EventType.DISCONNECTED).get(0);
    assertThat(lost.closeCode())
        .as("still a disconnection, with the server's code")
        .isEqualTo(4000);
    assertThat(lost.state()).isEqualTo(ConnectionState.CLOSED);
    assertThat(rec.types("c-1"))
        .containsExactly(EventType.ATTEMPT, EventType.CONNECTED, EventType.DISCONNECTED);
    server.close().await();
  }

  @Test
  @DisplayName(
      "an attempt whose upgrade completed but whose protocol handshake did not is abandoned too:"
          + " CLOSED 'attempt abandoned: run ended' with 1000, the server's socket closed")
  void protocolHandshakeAbandoned(Vertx vertx) {
    EchoServer server =
        EchoServer.deploy(vertx, new EchoServerOptions().setFaults(FaultSpec.parse("no-echo")))
            .await();
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle =
        ConnectionLifecycleTest.deploy(
            vertx,
            new ConnectionOptions(server.uri("/socket.io/"))
                .setConnectTimeout(Duration.ofSeconds(30))
                .setPingInterval(Duration.ofMillis(50))
                .setProtocolOptions(new ProtocolOptions().setProtocol(Protocol.SOCKETIO))
                .setReconnectPolicy(fixedDelay(50)));
    // the client has the socket (it pings on it); the Engine.IO open packet never comes
    server.statsWhen(s -> s.pingsReceived() >= 1, Duration.ofSeconds(10)).await();

    verticle.endAttempts().await();
    rec.await(r -> r.count(EventType.CLOSED) == 1);
    server.statsWhen(s -> s.connectionsOpen() == 0, Duration.ofSeconds(10)).await();

    assertThat(rec.types("c-1")).containsExactly(EventType.ATTEMPT, EventType.CLOSED);
    ConnectionEvent closed = rec.of(EventType.CLOSED).get(0);
    assertThat(closed.reason()).isEqualTo("attempt abandoned: run ended");
    assertThat(closed.closeCode()).isEqualTo(1000);
    assertThat(rec.attemptOutcomes("c-1")).containsExactly(1, 0, 0, 1, 0);
    server.close().await();
  }
}
