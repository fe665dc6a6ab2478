package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@org.junit.jupiter.api.Timeout(90)
@DisplayName("connection lifecycle: attempts, reconnect policy, events")
class ConnectionLifecycleTest {

  static ReconnectPolicy fastPolicy(int maxAttempts) {
    return new ReconnectPolicy()
        .setReconnectDelay(Duration.ofMillis(50))
        .setBackoffMultiplier(2)
        .setJitter(0.2)
        .setMaxReconnectAttempts(maxAttempts);
  }

  static ConnectionVerticle deploy(Vertx vertx, ConnectionOptions... endpoints) {
    ConnectionVerticleOptions options = new ConnectionVerticleOptions();
    for (ConnectionOptions e : endpoints) {
      options.addEndpoint(e);
    }
    ConnectionVerticle verticle = new ConnectionVerticle(options);
    vertx.deployVerticle(verticle).await();
    return verticle;
  }

  static void pause(Vertx vertx, long ms) {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(ms, t -> p.complete());
    p.future().await();
  }

  static int freePort(Vertx vertx) {
    NetServer server = vertx.createNetServer().connectHandler(s -> {});
    int port = server.listen(0, "127.0.0.1").await().actualPort();
    server.close().await();
    return port;
  }

  @Test
  @DisplayName(
      "nothing listening: exactly 1 + max attempts, backoff inside its jitter bounds, then GAVE_UP")
  void nothingListening(Vertx vertx) {
    EventRecorder rec = new EventRecorder(vertx);
    String uri = "ws://127.0.0.1:" + freePort(vertx) + "/x";
    ConnectionVerticle verticle =
        deploy(vertx, new ConnectionOptions(uri).setReconnectPolicy(fastPolicy(3)));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);

    assertThat(rec.types("c-1"))
        .containsExactly(
            EventType.ATTEMPT,
            EventType.FAILED,
            EventType.RECONNECT_SCHEDULED,
            EventType.ATTEMPT,
            EventType.FAILED,
            EventType.RECONNECT_SCHEDULED,
            EventType.ATTEMPT,
            EventType.FAILED,
            EventType.RECONNECT_SCHEDULED,
            EventType.ATTEMPT,
            EventType.FAILED,
            EventType.GAVE_UP);
    assertThat(rec.of(EventType.ATTEMPT))
        .extracting(ConnectionEvent::attempt)
        .containsExactly(0, 1, 2, 3);
    assertThat(rec.of(EventType.FAILED))
        .allSatisfy(
            e -> {
              assertThat(e.reason()).isEqualTo("connection refused");
              assertThat(e.durationMs()).isNotNull().isGreaterThanOrEqualTo(0.0);
            });
    List<ConnectionEvent> scheduled = rec.of(EventType.RECONNECT_SCHEDULED);
    List<ConnectionEvent> attempts = rec.of(EventType.ATTEMPT);
    for (int k = 1; k <= 3; k++) {
      double base = 50 * Math.pow(2, k - 1);
      ConnectionEvent s = scheduled.get(k - 1);
      assertThat(s.attempt()).isEqualTo(k);
      assertThat(s.durationMs()).isBetween(base * 0.8, base * 1.2);
      long gapMicros =
          Duration.between(s.timestamp(), attempts.get(k).timestamp()).toNanos() / 1000;
      assertThat(gapMicros / 1000.0).isGreaterThanOrEqualTo(s.durationMs() - 1);
    }
    assertThat(rec.of(EventType.GAVE_UP).get(0).state()).isEqualTo(ConnectionState.GAVE_UP);
    assertThat(verticle.connection("c-1").state()).isEqualTo(ConnectionState.GAVE_UP);
  }

  @Test
  @DisplayName(
      "server closes with 4001: DISCONNECTED with code and reason, RECONNECT_SCHEDULED, reconnect")
  void serverClose(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    server.closeCode = 4001;
    server.closeReason = "go away";
    EventRecorder rec = new EventRecorder(vertx);
    deploy(vertx, new ConnectionOptions(server.uri()).setReconnectPolicy(fastPolicy(3)));

    rec.await(r -> r.count(EventType.DISCONNECTED) == 1);
    server.closeCode = null;
    rec.await(r -> r.count(EventType.CONNECTED) == 2);

    ConnectionEvent disconnected = rec.of(EventType.DISCONNECTED).get(0);
    assertThat(disconnected.closeCode()).isEqualTo(4001);
    assertThat(disconnected.reason()).isEqualTo("go away");
    assertThat(disconnected.state()).isEqualTo(ConnectionState.RECONNECTING);
    assertThat(disconnected.durationMs()).isNotNull();
    assertThat(rec.types("c-1"))
        .startsWith(
            EventType.ATTEMPT,
            EventType.CONNECTED,
            EventType.DISCONNECTED,
            EventType.RECONNECT_SCHEDULED,
            EventType.ATTEMPT,
            EventType.CONNECTED);
    ConnectionEvent connected = rec.of(EventType.CONNECTED).get(1);
    assertThat(connected.attempt()).isEqualTo(1);
    assertThat(connected.state()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(connected.durationMs()).isPositive();
  }

  @Test
  @DisplayName("a server that accepts and closes at once still ends in GAVE_UP (stableAfter)")
  void acceptThenClose(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    server.closeCode = 1000;
    EventRecorder rec = new EventRecorder(vertx);
    deploy(vertx, new ConnectionOptions(server.uri()).setReconnectPolicy(fastPolicy(2)));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);

    assertThat(rec.count(EventType.ATTEMPT)).isEqualTo(3);
    assertThat(rec.count(EventType.CONNECTED)).isEqualTo(3);
    assertThat(rec.count(EventType.DISCONNECTED)).isEqualTo(3);
    assertThat(server.upgrades.get()).isEqualTo(3);
    assertThat(rec.of(EventType.GAVE_UP).get(0).reason()).contains("2 reconnect attempts");
  }

  @Test
  @DisplayName("the retry count resets after stableAfter of uptime")
  void stableAfterResets(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    server.closeCode = 4000;
    server.handshakeDelayMs = 0;
    EventRecorder rec = new EventRecorder(vertx);
    deploy(
        vertx,
        new ConnectionOptions(server.uri())
            .setReconnectPolicy(fastPolicy(1).setStableAfter(Duration.ZERO)));

    rec.await(r -> r.count(EventType.DISCONNECTED) >= 4);

    assertThat(rec.count(EventType.GAVE_UP)).isZero();
    assertThat(rec.of(EventType.RECONNECT_SCHEDULED))
        .allSatisfy(e -> assertThat(e.attempt()).isEqualTo(1));
  }

  @Test
  @DisplayName("401: one attempt, FAILED naming the status, no retry")
  void unauthorized(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    server.rejectStatus = 401;
    EventRecorder rec = new EventRecorder(vertx);
    deploy(vertx, new ConnectionOptions(server.uri()).setReconnectPolicy(fastPolicy(3)));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);
    pause(vertx, 300);

    assertThat(rec.types("c-1"))
        .containsExactly(EventType.ATTEMPT, EventType.FAILED, EventType.GAVE_UP);
    assertThat(rec.of(EventType.FAILED).get(0).reason()).isEqualTo("HTTP 401 Unauthorized");
    assertThat(rec.of(EventType.GAVE_UP).get(0).reason()).contains("401").contains("not retried");
    assertThat(server.upgrades.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("401 is retried when the policy says so")
  void unauthorizedRetriedWhenConfigured(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    server.rejectStatus = 401;
    EventRecorder rec = new EventRecorder(vertx);
    deploy(
        vertx,
        new ConnectionOptions(server.uri())
            .setReconnectPolicy(fastPolicy(1).setNonRetriedStatuses(List.of(403))));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);

    assertThat(rec.count(EventType.ATTEMPT)).isEqualTo(2);
    assertThat(server.upgrades.get()).isEqualTo(2);
  }

  @Test
  @DisplayName("retryRefusals: 401 is retried at maxReconnectDelay, named in the schedule event")
  void unauthorizedRetriedSlowlyWithRetryRefusals(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    server.rejectStatus = 401;
    EventRecorder rec = new EventRecorder(vertx);
    deploy(
        vertx,
        new ConnectionOptions(server.uri())
            .setReconnectPolicy(
                fastPolicy(-1)
                    .setMaxReconnectDelay(Duration.ofMillis(300))
                    .setJitter(0)
                    .setRetryRefusals(true)));

    rec.await(r -> r.count(EventType.RECONNECT_SCHEDULED) == 3);
    server.rejectStatus = 0;
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    assertThat(rec.count(EventType.GAVE_UP)).isZero();
    assertThat(rec.of(EventType.RECONNECT_SCHEDULED).subList(0, 3))
        .allSatisfy(
            e -> {
              assertThat(e.durationMs()).isEqualTo(300.0);
              assertThat(e.reason())
                  .isEqualTo("HTTP 401 Unauthorized refused; retried at maxReconnectDelay");
            });
    List<ConnectionEvent> attempts = rec.of(EventType.ATTEMPT);
    for (int k = 1; k < 4; k++) {
      assertThat(
              Duration.between(attempts.get(k - 1).timestamp(), attempts.get(k).timestamp())
                  .toMillis())
          .isGreaterThanOrEqualTo(299);
    }
  }

  @Test
  @DisplayName("retryRefusals: close 1008 reconnects at maxReconnectDelay instead of giving up")
  void policyViolationRetriedWithRetryRefusals(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    server.closeCode = 1008;
    EventRecorder rec = new EventRecorder(vertx);
    deploy(
        vertx,
        new ConnectionOptions(server.uri())
            .setReconnectPolicy(
                fastPolicy(-1)
                    .setMaxReconnectDelay(Duration.ofMillis(200))
                    .setJitter(0)
                    .setRetryRefusals(true)));

    rec.await(r -> r.count(EventType.DISCONNECTED) == 2);

    assertThat(rec.count(EventType.GAVE_UP)).isZero();
    ConnectionEvent scheduled = rec.of(EventType.RECONNECT_SCHEDULED).get(0);
    assertThat(scheduled.durationMs()).isEqualTo(200.0);
    assertThat(scheduled.reason())
        .isEqualTo("close code 1008 refused; retried at maxReconnectDelay");
  }

  @Test
  @DisplayName(
      "degrade/recover: DEGRADED stays open and sends; one event per change; a drop ends it")
  void degradeAndRecover(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle =
        deploy(vertx, new ConnectionOptions(server.uri()).setReconnectPolicy(fastPolicy(-1)));
    rec.await(r -> r.count(EventType.CONNECTED) == 1);
    Connection c = verticle.connections().get(0);

    assertThat(c.recover().await()).isFalse();
    assertThat(c.degrade("probe 'p' timed out; token=abc").await()).isTrue();
    assertThat(c.degrade("again").await()).isFalse();
    assertThat(c.state()).isEqualTo(ConnectionState.DEGRADED);
    assertThat(c.isConnected()).isTrue();
    c.sendText("still sends").await();
    assertThat(c.recover().await()).isTrue();
    assertThat(c.state()).isEqualTo(ConnectionState.CONNECTED);
    rec.await(r -> r.count(EventType.DEGRADED) == 1 && r.count(EventType.RECOVERED) == 1);
    assertThat(rec.of(EventType.DEGRADED))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.state()).isEqualTo(ConnectionState.DEGRADED);
              assertThat(e.reason()).doesNotContain("abc");
            });
    assertThat(rec.of(EventType.RECOVERED))
        .singleElement()
        .satisfies(e -> assertThat(e.state()).isEqualTo(ConnectionState.CONNECTED));

    c.degrade("probe failed").await();
    server.stop().await();
    rec.await(r -> r.count(EventType.DISCONNECTED) == 1);
    assertThat(rec.of(EventType.DISCONNECTED).get(0).state())
        .isEqualTo(ConnectionState.RECONNECTING);
  }

  @Test
  @DisplayName("close 1008 is not reconnected")
  void policyViolationNotRetried(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    server.closeCode = 1008;
    EventRecorder rec = new EventRecorder(vertx);
    deploy(vertx, new ConnectionOptions(server.uri()).setReconnectPolicy(fastPolicy(3)));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);

    assertThat(rec.types("c-1"))
        .containsExactly(
            EventType.ATTEMPT, EventType.CONNECTED, EventType.DISCONNECTED, EventType.GAVE_UP);
    assertThat(rec.of(EventType.DISCONNECTED).get(0).closeCode()).isEqualTo(1008);
  }

  @Test
  @DisplayName("503 with Retry-After: 1 delays the next attempt by at least 1 s")
  void retryAfter(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    server.rejectStatus = 503;
    server.retryAfter = "1";
    EventRecorder rec = new EventRecorder(vertx);
    deploy(vertx, new ConnectionOptions(server.uri()).setReconnectPolicy(fastPolicy(3)));

    rec.await(r -> r.count(EventType.RECONNECT_SCHEDULED) == 1);
    server.rejectStatus = 0;
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    ConnectionEvent failed = rec.of(EventType.FAILED).get(0);
    ConnectionEvent scheduled = rec.of(EventType.RECONNECT_SCHEDULED).get(0);
    ConnectionEvent second = rec.of(EventType.ATTEMPT).get(1);
    assertThat(failed.reason()).isEqualTo("HTTP 503 Service Unavailable");
    assertThat(scheduled.durationMs()).isEqualTo(1000.0);
    assertThat(scheduled.reason()).isEqualTo("Retry-After 1s");
    assertThat(Duration.between(failed.timestamp(), second.timestamp()).toMillis())
        .isGreaterThanOrEqualTo(999);
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  @DisplayName("an upgrade never answered fails at the connect timeout, at most one tick later")
  void connectTimeout(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    server.noUpgrade = true;
    EventRecorder rec = new EventRecorder(vertx);
    deploy(
        vertx,
        new ConnectionOptions(server.uri())
            .setConnectTimeout(Duration.ofMillis(500))
            .setReconnectPolicy(fastPolicy(0)));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);

    ConnectionEvent failed = rec.of(EventType.FAILED).get(0);
    assertThat(failed.reason()).isEqualTo("connect timeout after 500ms");
    // timeouts are checked on the verticle's 50 ms tick, which starts with the attempts: the
    // deadline can fall just after a tick, and the next one, 50 ms on, is late by the loop's delay
    assertThat(failed.durationMs()).isGreaterThanOrEqualTo(500.0).isLessThan(500.0 + 50 + 150);
  }

  @Test
  @DisplayName("a socket arriving after the attempt timed out is closed, not leaked")
  void lateSocketClosed(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    server.handshakeDelayMs = 600;
    EventRecorder rec = new EventRecorder(vertx);
    deploy(
        vertx,
        new ConnectionOptions(server.uri())
            .setConnectTimeout(Duration.ofMillis(200))
            .setReconnectPolicy(fastPolicy(0)));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);
    Promise<Void> closed = Promise.promise();
    vertx.setPeriodic(
        20,
        t -> {
          if (!server.clientCloseCodes().isEmpty()) {
            vertx.cancelTimer(t);
            closed.complete();
          }
        });
    closed.future().await();

    assertThat(server.clientCloseCodes()).containsExactly((short) 1000);
    assertThat(server.open.get()).isZero();
    assertThat(rec.count(EventType.CONNECTED)).isZero();
  }

  @Test
  @DisplayName("outage then restart: every connection comes back")
  void outageAndRestart(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle =
        deploy(
            vertx,
            new ConnectionOptions(server.uri())
                .setConnections(5)
                .setReconnectPolicy(fastPolicy(-1).setMaxReconnectDelay(Duration.ofMillis(200))));
    rec.await(r -> r.count(EventType.CONNECTED) == 5);

    server.stop().await();
    rec.await(r -> r.count(EventType.DISCONNECTED) == 5);
    rec.await(r -> r.count(EventType.FAILED) >= 5);
    server.start();
    rec.await(r -> r.count(EventType.CONNECTED) == 10);

    assertThat(verticle.connections())
        .allSatisfy(c -> assertThat(c.state()).isEqualTo(ConnectionState.CONNECTED));
    assertThat(rec.of(EventType.DISCONNECTED))
        .allSatisfy(e -> assertThat(e.closeCode()).isNotNull());
  }

  @Test
  @DisplayName("auto reconnect off: a disconnected connection stays CLOSED")
  void autoReconnectOff(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    server.closeCode = 4001;
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle =
        deploy(
            vertx,
            new ConnectionOptions(server.uri())
                .setReconnectPolicy(fastPolicy(3).setAutoReconnect(false)));

    rec.await(r -> r.count(EventType.DISCONNECTED) == 1);
    pause(vertx, 300);

    assertThat(rec.types("c-1"))
        .containsExactly(EventType.ATTEMPT, EventType.CONNECTED, EventType.DISCONNECTED);
    assertThat(rec.of(EventType.DISCONNECTED).get(0).state()).isEqualTo(ConnectionState.CLOSED);
    assertThat(verticle.connection("c-1").state()).isEqualTo(ConnectionState.CLOSED);
    assertThat(server.upgrades.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("undeploy closes with 1000, publishes CLOSED, and makes no further attempts")
  void undeploy(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle =
        deploy(
            vertx,
            new ConnectionOptions(server.uri())
                .setConnections(3)
                .setReconnectPolicy(fastPolicy(3)));
    rec.await(r -> r.count(EventType.CONNECTED) == 3);

    vertx.undeploy(verticle.deploymentID()).await();
    rec.await(r -> r.count(EventType.CLOSED) == 3);
    pause(vertx, 300);

    assertThat(server.awaitClientCloseCodes(3))
        .containsExactly((short) 1000, (short) 1000, (short) 1000);
    assertThat(server.upgrades.get()).isEqualTo(3);
    assertThat(rec.count(EventType.DISCONNECTED)).isZero();
    assertThat(rec.of(EventType.CLOSED))
        .allSatisfy(
            e -> {
              assertThat(e.closeCode()).isEqualTo(1000);
              assertThat(e.state()).isEqualTo(ConnectionState.CLOSED);
            });
    assertThat(verticle.connections())
        .allSatisfy(c -> assertThat(c.state()).isEqualTo(ConnectionState.CLOSED));
  }

  @Test
  @DisplayName("undeploy during backoff cancels the scheduled attempt")
  void undeployDuringBackoff(Vertx vertx) {
    EventRecorder rec = new EventRecorder(vertx);
    String uri = "ws://127.0.0.1:" + freePort(vertx) + "/x";
    ConnectionVerticle verticle =
        deploy(
            vertx,
            new ConnectionOptions(uri)
                .setReconnectPolicy(fastPolicy(3).setReconnectDelay(Duration.ofMillis(300))));
    rec.await(r -> r.count(EventType.RECONNECT_SCHEDULED) == 1);

    vertx.undeploy(verticle.deploymentID()).await();
    pause(vertx, 500);

    assertThat(rec.count(EventType.ATTEMPT)).isEqualTo(1);
    assertThat(rec.types("c-1")).endsWith(EventType.CLOSED);
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("200 connections in one verticle all connect (4 x the pool's default 50)")
  void beyondPoolDefault(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle =
        deploy(
            vertx,
            new ConnectionOptions(server.uri())
                .setConnections(200)
                .setConnectTimeout(Duration.ofSeconds(30)));

    rec.await(r -> r.count(EventType.CONNECTED) == 200, 50);

    assertThat(rec.count(EventType.FAILED)).isZero();
    assertThat(verticle.connections()).hasSize(200);
    assertThat(verticle.connection("c-200").state()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(server.open.get()).isEqualTo(200);
  }

  @Test
  @DisplayName("IPv6 loopback [::1] works")
  void ipv6(Vertx vertx) {
    TestServer server = new TestServer(vertx, "::1").start();
    EventRecorder rec = new EventRecorder(vertx);
    deploy(vertx, new ConnectionOptions(server.uri()));

    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    assertThat(rec.of(EventType.CONNECTED).get(0).group()).isEqualTo(server.uri());
  }

  @Test
  @DisplayName("ids are unique across endpoints and ramp-up spreads the first attempts")
  void rampUpAndIds(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    EventRecorder rec = new EventRecorder(vertx);
    java.time.Instant deployed = java.time.Instant.now();
    ConnectionVerticle verticle =
        deploy(
            vertx,
            new ConnectionOptions(server.uri()).setConnections(2).setGroup("a"),
            new ConnectionOptions(server.uri())
                .setConnections(3)
                .setGroup("b")
                .setRampUp(Duration.ofMillis(600)));

    rec.await(r -> r.count(EventType.CONNECTED) == 5);

    assertThat(verticle.connections())
        .extracting(Connection::id)
        .containsExactly("c-1", "c-2", "c-3", "c-4", "c-5");
    assertThat(verticle.connections())
        .extracting(Connection::group)
        .containsExactly("a", "a", "b", "b", "b");
    ConnectionEvent last = rec.of("c-5", EventType.ATTEMPT).get(0);
    assertThat(Duration.between(deployed, last.timestamp()).toMillis())
        .as("the third ramped connection starts 2/3 of the ramp-up after deployment")
        .isGreaterThanOrEqualTo(399);
  }

  @Test
  @DisplayName("close() and connect() on a connection: CLOSED, then a fresh attempt")
  void closeAndConnect(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle = deploy(vertx, new ConnectionOptions(server.uri()));
    rec.await(r -> r.count(EventType.CONNECTED) == 1);
    Connection c = verticle.connection("c-1");
    List<ConnectionState> states = new java.util.concurrent.CopyOnWriteArrayList<>();
    c.stateHandler(states::add);

    c.close().await();
    c.connect().await();
    rec.await(r -> r.count(EventType.CONNECTED) == 2);

    assertThat(rec.types("c-1"))
        .containsExactly(
            EventType.ATTEMPT,
            EventType.CONNECTED,
            EventType.CLOSED,
            EventType.ATTEMPT,
            EventType.CONNECTED);
    assertThat(states)
        .containsExactly(
            ConnectionState.CLOSED, ConnectionState.CONNECTING, ConnectionState.CONNECTED);
    assertThat(server.awaitClientCloseCodes(1)).containsExactly((short) 1000);
    assertThat(verticle.connection("nope")).isNull();
  }

  @Test
  @DisplayName("unknown host fails naming the host")
  void unknownHost(Vertx vertx) {
    EventRecorder rec = new EventRecorder(vertx);
    deploy(
        vertx,
        new ConnectionOptions("ws://no-such-host.invalid:1/").setReconnectPolicy(fastPolicy(0)));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);

    assertThat(rec.of(EventType.FAILED).get(0).reason())
        .isEqualTo("unknown host no-such-host.invalid");
  }
}
