package dev.wsmon.core;

import static dev.wsmon.core.ConnectionLifecycleTest.fastPolicy;
import static dev.wsmon.core.ConnectionLifecycleTest.freePort;
import static dev.wsmon.core.EventRecorder.ABANDONED;
import static dev.wsmon.core.EventRecorder.ANSWERED;
import static dev.wsmon.core.EventRecorder.BYTES_RECEIVED;
import static dev.wsmon.core.EventRecorder.BYTES_SENT;
import static dev.wsmon.core.EventRecorder.FAILURES;
import static dev.wsmon.core.EventRecorder.PROTOCOL;
import static dev.wsmon.core.EventRecorder.RECEIVED;
import static dev.wsmon.core.EventRecorder.SENT;
import static dev.wsmon.core.EventRecorder.TIMEOUTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.EchoServerStats;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.dns.AddressResolverOptions;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 14: for each fault the target can show, wsmon's events and traffic batches tell exactly
 * what happened, follow the documented policy, and wsmon keeps running. Every case also checks the
 * two accounting invariants: per connection, attempts = successes + failures + abandoned + attempts
 * in flight (from the events; none in flight once wsmon closed it), and messages sent + send
 * failures = sends attempted (from the batches). The table in docs/reliability.md lists the cases.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("fault matrix: exact accounting and the documented policy under every fault")
class FaultMatrixTest {

  private final List<String> clients = new ArrayList<>();
  private final List<EchoServer> servers = new ArrayList<>();
  private Vertx vertx;

  private final List<EventRecorder> recorders = new ArrayList<>();

  /**
   * Undeploys the clients (wsmon's own close) and checks that every attempt then has one outcome:
   * attempts = successes + failures + attempts_abandoned, for every connection of every case.
   */
  @AfterEach
  void undeployClientsThenServers() {
    clients.forEach(id -> vertx.undeploy(id).otherwiseEmpty().await());
    try {
      recorders.forEach(rec -> rec.await(EventRecorder::everyAttemptHasAnOutcome));
    } finally {
      servers.forEach(s -> s.close().otherwiseEmpty().await());
    }
  }

  private EventRecorder recorder(Vertx vertx) {
    this.vertx = vertx;
    EventRecorder rec = new EventRecorder(vertx);
    recorders.add(rec);
    return rec;
  }

  private EchoServer serve(Vertx vertx, FaultSpec faults) {
    this.vertx = vertx;
    EchoServer server = EchoServer.deploy(vertx, new EchoServerOptions().setFaults(faults)).await();
    servers.add(server);
    return server;
  }

  private ConnectionVerticle client(Vertx vertx, ConnectionOptions options) {
    this.vertx = vertx;
    ConnectionVerticle verticle = TrafficTest.deployFast(vertx, options);
    clients.add(verticle.deploymentID());
    return verticle;
  }

  private static EchoServerStats serverWhen(EchoServer server, Predicate<EchoServerStats> p) {
    return server.statsWhen(p, Duration.ofSeconds(10)).await();
  }

  /**
   * Attempts = successes + failures + abandoned + attempts in flight, for every connection (the
   * attempt invariant while running; {@link #undeployClientsThenServers} checks it with none in
   * flight after wsmon's own close).
   */
  static void assertAttemptAccounting(EventRecorder rec, List<String> ids) {
    for (String id : ids) {
      long[] o = rec.attemptOutcomes(id);
      assertThat(o[EventRecorder.ATTEMPTS])
          .as(
              "attempts of %s = successes + failures + abandoned + in flight; events %s",
              id, rec.types(id))
          .isEqualTo(
              o[EventRecorder.SUCCESSES]
                  + o[EventRecorder.FAILED_ATTEMPTS]
                  + o[EventRecorder.ABANDONED_ATTEMPTS]
                  + o[EventRecorder.IN_FLIGHT]);
    }
  }

  /** Waits until the batches account for every send attempted: sent + failed = attempted. */
  static long[] awaitSends(EventRecorder rec, String id, long attempted) {
    rec.await(r -> r.totals(id)[SENT] + r.totals(id)[FAILURES] == attempted);
    return rec.totals(id);
  }

  private static List<Future<Void>> sendTexts(Connection c, String... texts) {
    List<Future<Void>> sends = new ArrayList<>();
    for (String t : texts) {
      sends.add(c.sendText(t));
    }
    Future.join(new ArrayList<>(sends)).otherwiseEmpty().await();
    return sends;
  }

  @ParameterizedTest(name = "close {0} ''{1}'': retried = {2}")
  @CsvSource({
    "1000, normal closure, true",
    "1001, going away, true",
    "1008, policy violation, false",
    "1011, internal error, true",
    "1012, service restart, true",
    "1013, try again later, true",
    "4000, application says bye, true",
    "4999, last application code, true"
  })
  @DisplayName("clean close by the server: code and reason reported; 1008 not retried")
  void cleanClose(int code, String reason, boolean retried, Vertx vertx) {
    EchoServer server = serve(vertx, new FaultSpec().setCloseAfter(2, code, reason));
    EventRecorder rec = recorder(vertx);
    Connection c =
        client(vertx, new ConnectionOptions(server.uri("/close")).setReconnectPolicy(fastPolicy(1)))
            .connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    sendTexts(c, "one", "two");

    if (retried) {
      rec.await(r -> r.count(EventType.CONNECTED) == 2);
      assertThat(rec.types("c-1"))
          .containsExactly(
              EventType.ATTEMPT,
              EventType.CONNECTED,
              EventType.DISCONNECTED,
              EventType.RECONNECT_SCHEDULED,
              EventType.ATTEMPT,
              EventType.CONNECTED);
      assertThat(c.state()).isEqualTo(ConnectionState.CONNECTED);
    } else {
      rec.await(r -> r.count(EventType.GAVE_UP) == 1);
      assertThat(rec.types("c-1"))
          .containsExactly(
              EventType.ATTEMPT, EventType.CONNECTED, EventType.DISCONNECTED, EventType.GAVE_UP);
      assertThat(rec.of(EventType.GAVE_UP).get(0).reason())
          .isEqualTo("close code " + code + " is not retried");
    }
    ConnectionEvent lost = rec.of(EventType.DISCONNECTED).get(0);
    assertThat(lost.closeCode()).isEqualTo(code);
    assertThat(lost.reason()).isEqualTo(reason);
    long[] t = awaitSends(rec, "c-1", 2);
    rec.await(r -> r.totals("c-1")[RECEIVED] == 2);
    int opened = retried ? 2 : 1;
    EchoServerStats s =
        serverWhen(server, x -> x.messagesReceived() == 2 && x.connectionsOpened() == opened);
    assertThat(t[SENT]).isEqualTo(2).isEqualTo(s.messagesReceived());
    assertThat(rec.totals("c-1")[RECEIVED]).isEqualTo(s.messagesSent());
    assertThat(rec.totals("c-1")[BYTES_SENT]).isEqualTo(6).isEqualTo(s.bytesReceived());
    assertAttemptAccounting(rec, List.of("c-1"));
  }

  @Test
  @DisplayName("sends racing server closes: every send completes, as sent or failed, and counts")
  void sendsRacingCloses(Vertx vertx) {
    EchoServer server = serve(vertx, new FaultSpec().setCloseAfter(2, 1012, "restart"));
    EventRecorder rec = recorder(vertx);
    ConnectionVerticle verticle =
        client(
            vertx,
            new ConnectionOptions(server.uri("/race"))
                .setConnections(20)
                .setReconnectPolicy(fastPolicy(-1)));
    rec.await(r -> r.count(EventType.CONNECTED) >= 20);

    // a send between the server's close frame and the close event used to throw inside wsmon
    // and leave its future pending forever, uncounted
    List<Future<Void>> sends = new ArrayList<>();
    for (int round = 0; round < 10; round++) {
      for (Connection c : verticle.connections()) {
        sends.add(c.sendText("m" + round));
      }
      ConnectionLifecycleTest.pause(vertx, 10);
    }
    Future.join(new ArrayList<>(sends))
        .otherwiseEmpty()
        .timeout(20, java.util.concurrent.TimeUnit.SECONDS)
        .await();

    long ok = sends.stream().filter(Future::succeeded).count();
    long failed = sends.stream().filter(Future::failed).count();
    assertThat(ok + failed).isEqualTo(sends.size());
    rec.await(
        r -> {
          long[] t = new long[7];
          verticle
              .connections()
              .forEach(
                  c -> {
                    long[] x = r.totals(c.id());
                    t[SENT] += x[SENT];
                    t[FAILURES] += x[FAILURES];
                  });
          return t[SENT] == ok && t[FAILURES] == failed;
        });
    assertAttemptAccounting(rec, verticle.connections().stream().map(Connection::id).toList());
  }

  @Test
  @DisplayName("TCP drop without a close frame: 1006, reconnected; the echoes before it counted")
  void tcpDrop(Vertx vertx) {
    EchoServer server = serve(vertx, new FaultSpec().setDropAfterMessages(2));
    EventRecorder rec = recorder(vertx);
    Connection c =
        client(vertx, new ConnectionOptions(server.uri("/drop")).setReconnectPolicy(fastPolicy(1)))
            .connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    sendTexts(c, "a", "b");
    rec.await(r -> r.count(EventType.CONNECTED) == 2);

    ConnectionEvent lost = rec.of(EventType.DISCONNECTED).get(0);
    assertThat(lost.closeCode()).isEqualTo(1006);
    assertThat(lost.reason()).isNotBlank();
    assertThat(lost.state()).isEqualTo(ConnectionState.RECONNECTING);
    assertThat(awaitSends(rec, "c-1", 2)[SENT]).isEqualTo(2);
    rec.await(r -> r.totals("c-1")[RECEIVED] == 2);
    assertThat(server.stats().closeCodesReceived()).isEmpty();
    assertAttemptAccounting(rec, List.of("c-1"));
  }

  @Test
  @DisplayName("outage and restart: every connection returns; the attempts follow the backoff")
  void outageAndRestart(Vertx vertx) {
    EchoServer server = serve(vertx, new FaultSpec());
    EventRecorder rec = recorder(vertx);
    ReconnectPolicy policy = fastPolicy(-1).setMaxReconnectDelay(Duration.ofMillis(400));
    ConnectionVerticle verticle =
        client(
            vertx,
            new ConnectionOptions(server.uri("/outage"))
                .setConnections(4)
                .setReconnectPolicy(policy));
    rec.await(r -> r.count(EventType.CONNECTED) == 4);

    server.stopListening().await();
    rec.await(r -> r.count(EventType.FAILED) >= 4 * 3);
    server.startListening().await();
    rec.await(r -> r.count(EventType.CONNECTED) == 8);

    List<String> ids = verticle.connections().stream().map(Connection::id).toList();
    for (String id : ids) {
      List<ConnectionEvent> scheduled = rec.of(id, EventType.RECONNECT_SCHEDULED);
      List<ConnectionEvent> attempts = rec.of(id, EventType.ATTEMPT);
      assertThat(scheduled).hasSizeGreaterThanOrEqualTo(3);
      assertThat(attempts).hasSize(scheduled.size() + 1);
      for (int k = 1; k <= scheduled.size(); k++) {
        ConnectionEvent s = scheduled.get(k - 1);
        double base = Math.min(50 * Math.pow(2, k - 1), 400);
        assertThat(s.attempt()).isEqualTo(k);
        assertThat(s.durationMs()).isBetween(base * 0.8, base * 1.2);
        double gapMs = Duration.between(s.timestamp(), attempts.get(k).timestamp()).toNanos() / 1e6;
        assertThat(gapMs).isGreaterThanOrEqualTo(s.durationMs() - 1);
      }
      assertThat(rec.of(id, EventType.DISCONNECTED))
          .singleElement()
          .satisfies(e -> assertThat(e.closeCode()).isEqualTo(1006));
    }
    assertThat(verticle.connections())
        .allSatisfy(c -> assertThat(c.state()).isEqualTo(ConnectionState.CONNECTED));
    assertThat(serverWhen(server, s -> s.connectionsOpen() == 4).connectionsOpened()).isEqualTo(8);
    assertAttemptAccounting(rec, ids);
  }

  @ParameterizedTest(name = "HTTP {0}, Retry-After {1}: retried = {2}")
  @CsvSource({
    "401, -1, false, Unauthorized",
    "403, -1, false, Forbidden",
    "429, 1, true, Too Many Requests",
    "503, -1, true, Service Unavailable"
  })
  @DisplayName("handshake rejected: the status in the reason, retried per policy, Retry-After")
  void rejected(int status, int retryAfter, boolean retried, String phrase, Vertx vertx) {
    EchoServer server = serve(vertx, new FaultSpec().setReject(status, retryAfter));
    EventRecorder rec = recorder(vertx);
    client(vertx, new ConnectionOptions(server.uri("/reject")).setReconnectPolicy(fastPolicy(1)));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);

    assertThat(rec.of(EventType.FAILED))
        .allSatisfy(e -> assertThat(e.reason()).isEqualTo("HTTP " + status + " " + phrase));
    if (!retried) {
      assertThat(rec.types("c-1"))
          .containsExactly(EventType.ATTEMPT, EventType.FAILED, EventType.GAVE_UP);
      assertThat(rec.of(EventType.GAVE_UP).get(0).reason())
          .isEqualTo("HTTP " + status + " " + phrase + " is not retried");
    } else {
      assertThat(rec.types("c-1"))
          .containsExactly(
              EventType.ATTEMPT,
              EventType.FAILED,
              EventType.RECONNECT_SCHEDULED,
              EventType.ATTEMPT,
              EventType.FAILED,
              EventType.GAVE_UP);
      ConnectionEvent scheduled = rec.of(EventType.RECONNECT_SCHEDULED).get(0);
      Duration gap =
          Duration.between(
              rec.of(EventType.FAILED).get(0).timestamp(),
              rec.of(EventType.ATTEMPT).get(1).timestamp());
      if (retryAfter > 0) {
        assertThat(scheduled.durationMs()).isEqualTo(retryAfter * 1000.0);
        assertThat(scheduled.reason()).isEqualTo("Retry-After " + retryAfter + "s");
        assertThat(gap.toMillis()).isGreaterThanOrEqualTo(retryAfter * 1000L - 1);
      } else {
        assertThat(scheduled.durationMs()).isBetween(40.0, 60.0);
        assertThat(scheduled.reason()).isNull();
      }
    }
    assertThat(server.stats().handshakesRejected()).isEqualTo(retried ? 2 : 1);
    assertAttemptAccounting(rec, List.of("c-1"));
  }

  @Test
  @DisplayName("upgrade never answered: each attempt fails at the connect timeout")
  void upgradeNeverAnswered(Vertx vertx) {
    EchoServer server = serve(vertx, new FaultSpec().setNoUpgrade(true));
    EventRecorder rec = recorder(vertx);
    client(
        vertx,
        new ConnectionOptions(server.uri("/silent"))
            .setConnectTimeout(Duration.ofMillis(300))
            .setReconnectPolicy(fastPolicy(1)));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);

    assertThat(rec.of(EventType.FAILED))
        .hasSize(2)
        .allSatisfy(
            e -> {
              assertThat(e.reason()).isEqualTo("connect timeout after 300ms");
              assertThat(e.durationMs()).isGreaterThanOrEqualTo(299.0);
            });
    assertThat(serverWhen(server, s -> s.handshakesUnanswered() == 2).connectionsOpened()).isZero();
    assertAttemptAccounting(rec, List.of("c-1"));
  }

  @Test
  @DisplayName("handshake slower than the connect timeout: fails; the late socket is closed")
  void handshakeSlowerThanTimeout(Vertx vertx) {
    EchoServer server = serve(vertx, new FaultSpec().setHandshakeDelay(Duration.ofMillis(600)));
    EventRecorder rec = recorder(vertx);
    client(
        vertx,
        new ConnectionOptions(server.uri("/slow"))
            .setConnectTimeout(Duration.ofMillis(200))
            .setReconnectPolicy(fastPolicy(0)));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);
    EchoServerStats s =
        serverWhen(
            server,
            x -> x.closeCodesReceived().getOrDefault(1000, 0L) == 1 && x.connectionsOpen() == 0);

    assertThat(rec.of(EventType.FAILED).get(0).reason()).isEqualTo("connect timeout after 200ms");
    assertThat(rec.count(EventType.CONNECTED)).isZero();
    assertThat(s.connectionsOpened()).isEqualTo(1);
    assertAttemptAccounting(rec, List.of("c-1"));
  }

  @Test
  @DisplayName("unknown host (.invalid, resolved against a local dead resolver): named, no leak")
  void unknownHost() {
    // the resolver asks 127.0.0.1:9 only, where nothing answers: no query leaves the machine
    Vertx local =
        Vertx.vertx(
            new VertxOptions()
                .setAddressResolverOptions(
                    new AddressResolverOptions()
                        .setServers(List.of("127.0.0.1:9"))
                        .setHostsValue(Buffer.buffer("127.0.0.1 localhost\n"))
                        .setSearchDomains(List.of())
                        .setQueryTimeout(300)
                        .setMaxQueries(1)));
    try {
      EventRecorder rec = new EventRecorder(local);
      ConnectionVerticle verticle =
          TrafficTest.deployFast(
              local,
              new ConnectionOptions("ws://wsmon-fault.invalid:8080/x")
                  .setReconnectPolicy(fastPolicy(1)));

      rec.await(r -> r.count(EventType.GAVE_UP) == 1);

      assertThat(rec.of(EventType.FAILED))
          .hasSize(2)
          .allSatisfy(e -> assertThat(e.reason()).isEqualTo("unknown host wsmon-fault.invalid"));
      assertAttemptAccounting(rec, List.of("c-1"));
      Future<Void> send = verticle.connection("c-1").sendText("x");
      assertThat(send.otherwiseEmpty().await()).isNull();
      assertThat(send.cause()).hasMessage("not connected: connection c-1 is GAVE_UP");
      assertThat(awaitSends(rec, "c-1", 1)[FAILURES]).isEqualTo(1);
    } finally {
      local.close().await();
    }
  }

  @Test
  @DisplayName("refused port: 1 + max attempts, each 'connection refused'")
  void refusedPort(Vertx vertx) {
    this.vertx = vertx;
    EventRecorder rec = recorder(vertx);
    client(
        vertx,
        new ConnectionOptions("ws://127.0.0.1:" + freePort(vertx) + "/x")
            .setReconnectPolicy(fastPolicy(2)));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);

    assertThat(rec.of(EventType.FAILED))
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.reason()).isEqualTo("connection refused"));
    assertThat(rec.of(EventType.GAVE_UP).get(0).reason())
        .isEqualTo("gave up after 2 reconnect attempts");
    assertAttemptAccounting(rec, List.of("c-1"));
  }

  @Test
  @DisplayName("pongs withheld: the half-open connection is detected after ping + pong timeout")
  void pongsWithheld(Vertx vertx) {
    EchoServer server = serve(vertx, new FaultSpec().setNoPong(true));
    EventRecorder rec = recorder(vertx);
    client(
        vertx,
        new ConnectionOptions(server.uri("/nopong"))
            .setPingInterval(Duration.ofMillis(100))
            .setPongTimeout(Duration.ofMillis(300))
            .setReconnectPolicy(fastPolicy(1)));

    rec.await(r -> r.count(EventType.DISCONNECTED) == 1);
    rec.await(r -> r.count(EventType.ATTEMPT) == 2);

    ConnectionEvent connected = rec.of(EventType.CONNECTED).get(0);
    ConnectionEvent timeout = rec.of(EventType.PING_TIMEOUT).get(0);
    double detectedAfterMs =
        Duration.between(connected.timestamp(), timeout.timestamp()).toNanos() / 1e6;
    // not before the first ping (100 ms) plus its pong timeout (300 ms); the tick is 50 ms, and
    // the upper bound is generous for a loaded machine
    assertThat(detectedAfterMs).isBetween(399.0, 400 + 50 + 2000.0);
    assertThat(timeout.reason()).isEqualTo("no pong within 300ms");
    ConnectionEvent lost = rec.of(EventType.DISCONNECTED).get(0);
    assertThat(lost.closeCode()).isEqualTo(1006);
    assertThat(lost.reason()).isEqualTo("ping timeout: no pong within 300ms");
    EchoServerStats s = serverWhen(server, x -> x.closeCodesReceived().getOrDefault(1001, 0L) >= 1);
    assertThat(s.pingsReceived()).isPositive();
    assertThat(s.pongsSent()).isZero();
    assertAttemptAccounting(rec, List.of("c-1"));
  }

  @Test
  @DisplayName("over-size message: dropped, counted, the connection stays open (KEEP_OPEN)")
  void oversizeMessage(Vertx vertx) {
    EchoServer server = serve(vertx, new FaultSpec().setOversize(5000));
    EventRecorder rec = recorder(vertx);
    Connection c =
        client(vertx, new ConnectionOptions(server.uri("/big")).setMaxMessageSize(1000))
            .connection("c-1");
    rec.await(r -> r.count(EventType.PROTOCOL_ERROR) == 1);

    assertThat(c.request("still here", Duration.ofSeconds(10)).await()).isEqualTo("still here");

    assertThat(rec.of(EventType.PROTOCOL_ERROR).get(0).reason())
        .isEqualTo("message over maxMessageSize 1000 bytes dropped");
    long[] t = awaitSends(rec, "c-1", 1);
    rec.await(r -> r.totals("c-1")[RECEIVED] == 1);
    EchoServerStats s = server.stats();
    assertThat(t[PROTOCOL]).isEqualTo(1);
    assertThat(rec.totals("c-1")[RECEIVED]).isEqualTo(s.messagesSent() - 1);
    assertThat(rec.totals("c-1")[BYTES_RECEIVED]).isEqualTo(s.bytesSent() - 5000);
    assertThat(c.state()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(rec.count(EventType.DISCONNECTED)).isZero();
    assertAttemptAccounting(rec, List.of("c-1"));
  }

  @Test
  @DisplayName("over-size frame: a protocol error, disconnected with 1009 (the stream is broken)")
  void oversizeFrame(Vertx vertx) {
    EchoServer server = serve(vertx, new FaultSpec().setOversize(2000));
    EventRecorder rec = recorder(vertx);
    client(
        vertx,
        new ConnectionOptions(server.uri("/bigframe"))
            .setMaxFrameSize(1000)
            .setReconnectPolicy(fastPolicy(1)));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);

    assertThat(rec.types("c-1"))
        .containsExactly(
            EventType.ATTEMPT,
            EventType.CONNECTED,
            EventType.PROTOCOL_ERROR,
            EventType.DISCONNECTED,
            EventType.RECONNECT_SCHEDULED,
            EventType.ATTEMPT,
            EventType.CONNECTED,
            EventType.PROTOCOL_ERROR,
            EventType.DISCONNECTED,
            EventType.GAVE_UP);
    assertThat(rec.of(EventType.PROTOCOL_ERROR))
        .allSatisfy(e -> assertThat(e.reason()).isEqualTo("frame over maxFrameSize 1000 bytes"));
    assertThat(rec.of(EventType.DISCONNECTED))
        .allSatisfy(e -> assertThat(e.closeCode()).isEqualTo(1009));
    rec.await(r -> r.totals("c-1")[PROTOCOL] == 2);
    assertThat(rec.totals("c-1")[RECEIVED]).isZero();
    assertAttemptAccounting(rec, List.of("c-1"));
  }

  @Test
  @DisplayName("invalid UTF-8 (validation on): delivered, counted, reported; stays open")
  void invalidUtf8(Vertx vertx) {
    EchoServer server = serve(vertx, new FaultSpec().setInvalidUtf8Every(2));
    EventRecorder rec = recorder(vertx);
    Connection c =
        client(vertx, new ConnectionOptions(server.uri("/utf8")).setValidateUtf8(true))
            .connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    sendTexts(c, "a", "b", "c", "d");
    rec.await(r -> r.totals("c-1")[RECEIVED] == 4 && r.totals("c-1")[PROTOCOL] == 2);

    assertThat(rec.of(EventType.PROTOCOL_ERROR))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.reason()).isEqualTo("invalid UTF-8 in a text message"));
    long[] t = awaitSends(rec, "c-1", 4);
    EchoServerStats s = server.stats();
    assertThat(t[SENT]).isEqualTo(4).isEqualTo(s.messagesReceived());
    assertThat(t[RECEIVED]).isEqualTo(s.messagesSent());
    assertThat(c.state()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(rec.count(EventType.DISCONNECTED)).isZero();
    assertAttemptAccounting(rec, List.of("c-1"));
  }

  @Test
  @DisplayName(
      "a server pushing faster than wsmon reads: every message counted, requests still answered")
  void pushFlood(Vertx vertx) {
    EchoServer server = serve(vertx, new FaultSpec().setPush(20_000, 0, 0, 0));
    EventRecorder rec = recorder(vertx);
    Connection c =
        client(
                vertx,
                new ConnectionOptions(server.uri("/flood"))
                    .setSendOptions(new SendOptions().setCorrelation(Correlation.jsonField("id")))
                    .setReconnectPolicy(fastPolicy(0)))
            .connection("c-1");
    rec.await(r -> r.totals("c-1")[RECEIVED] >= 2000);

    // pushes carry no "id": the reply is found among them
    assertThat(c.request("{\"id\":1}", Duration.ofSeconds(10)).await()).isEqualTo("{\"id\":1}");
    // the server closes after echoing the next message; its close frame follows every push
    server.faults(new FaultSpec().setCloseAfter(1, 1000, "flood over"));
    sendTexts(c, "{\"id\":2}");
    rec.await(r -> r.count(EventType.GAVE_UP) == 1);

    EchoServerStats s = server.stats();
    rec.await(r -> r.totals("c-1")[RECEIVED] == s.messagesSent());
    long[] t = awaitSends(rec, "c-1", 2);
    assertThat(t[SENT]).isEqualTo(2).isEqualTo(s.messagesReceived());
    assertThat(t[BYTES_RECEIVED]).isEqualTo(s.bytesSent());
    assertThat(t[PROTOCOL]).isZero();
    assertThat(rec.of(EventType.DISCONNECTED).get(0).closeCode()).isEqualTo(1000);
    assertAttemptAccounting(rec, List.of("c-1"));
  }

  @Test
  @DisplayName("unanswered correlated requests: each times out and is counted; sends still count")
  void unansweredRequests(Vertx vertx) {
    EchoServer server = serve(vertx, new FaultSpec().setNoEcho(true));
    EventRecorder rec = recorder(vertx);
    Connection c = client(vertx, new ConnectionOptions(server.uri("/mute"))).connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    List<Future<String>> requests = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      requests.add(c.request("q" + i, Duration.ofMillis(200)));
    }
    Future.join(new ArrayList<>(requests)).otherwiseEmpty().await();

    assertThat(requests)
        .allSatisfy(f -> assertThat(f.cause()).hasMessage("request timed out after 200ms"));
    long[] t = awaitSends(rec, "c-1", 5);
    rec.await(r -> r.totals("c-1")[TIMEOUTS] == 5);
    assertThat(t[SENT]).isEqualTo(5);
    assertThat(serverWhen(server, s -> s.messagesReceived() == 5).messagesSent()).isZero();
    assertThat(rec.totals("c-1")[RECEIVED]).isZero();
    assertThat(c.state()).isEqualTo(ConnectionState.CONNECTED);
    assertAttemptAccounting(rec, List.of("c-1"));
  }

  /**
   * The request invariant: every request that left ends in exactly one of answered, timed out or
   * abandoned, and every request that did not leave is a send failure; the batches' counters agree
   * with the outcome each request's future reports.
   */
  static void assertRequestAccounting(EventRecorder rec, String id, List<Future<String>> requests) {
    long answered = requests.stream().filter(Future::succeeded).count();
    long timedOut = failedWith(requests, "request timed out after");
    long abandoned = failedWith(requests, "request abandoned");
    long notSent = failedWith(requests, "request not sent") + failedWith(requests, "too many");
    assertThat(answered + timedOut + abandoned + notSent)
        .as(
            "every request has one known outcome: %s",
            requests.stream().map(Future::cause).toList())
        .isEqualTo(requests.size());
    rec.await(
        r -> {
          long[] t = r.totals(id);
          return t[SENT] + t[FAILURES] == requests.size()
              && t[ANSWERED] + t[TIMEOUTS] + t[ABANDONED] == t[SENT];
        });
    long[] t = rec.totals(id);
    assertThat(t[ANSWERED]).as("answered").isEqualTo(answered);
    assertThat(t[TIMEOUTS]).as("timed out").isEqualTo(timedOut);
    assertThat(t[ABANDONED]).as("abandoned").isEqualTo(abandoned);
    assertThat(t[FAILURES]).as("not sent").isEqualTo(notSent);
  }

  private static long failedWith(List<Future<String>> requests, String text) {
    return requests.stream()
        .filter(f -> f.failed() && String.valueOf(f.cause().getMessage()).contains(text))
        .count();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "echo, '', 5000",
    "no-echo, no-echo, 200",
    "slow echo, delay=400ms, 150",
    "server close, close-after=2:4000:bye, 5000",
    "TCP drop, drop-after=2, 5000",
    "outage while unanswered, no-echo, 5000",
    "wsmon close while unanswered, no-echo, 5000"
  })
  @DisplayName(
      "correlated requests under a fault: answered + timed out + abandoned == sent; the rest are"
          + " send failures")
  void requestOutcomes(String name, String spec, long timeoutMs, Vertx vertx) {
    EchoServer server = serve(vertx, spec.isEmpty() ? new FaultSpec() : FaultSpec.parse(spec));
    EventRecorder rec = recorder(vertx);
    Connection c =
        client(vertx, new ConnectionOptions(server.uri("/req")).setReconnectPolicy(fastPolicy(0)))
            .connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    List<Future<String>> requests = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      requests.add(c.request("q" + i, Duration.ofMillis(timeoutMs)));
    }
    if (name.startsWith("outage")) {
      serverWhen(server, s -> s.messagesReceived() == 6);
      server.stopListening().await();
    } else if (name.startsWith("wsmon close")) {
      serverWhen(server, s -> s.messagesReceived() == 6);
      c.close().await();
    }
    Future.join(new ArrayList<>(requests)).otherwiseEmpty().await();

    assertRequestAccounting(rec, "c-1", requests);
    long[] t = rec.totals("c-1");
    switch (name) {
      case "echo" -> assertThat(t[ANSWERED]).isEqualTo(6);
      case "no-echo", "slow echo" -> assertThat(t[TIMEOUTS]).isEqualTo(6);
      case "outage while unanswered", "wsmon close while unanswered" ->
          assertThat(t[ABANDONED]).isEqualTo(6);
      // a drop may discard echoes already written: nothing waits for a timeout, though
      case "TCP drop" -> assertThat(t[TIMEOUTS]).isZero();
      default -> assertThat(t[ANSWERED]).isGreaterThanOrEqualTo(2);
    }
    assertAttemptAccounting(rec, List.of("c-1"));
  }

  @Test
  @DisplayName(
      "a request over maxPendingRequests is a send failure naming the cap, never a silent drop")
  void tooManyPendingRequests(Vertx vertx) {
    EchoServer server = serve(vertx, new FaultSpec().setNoEcho(true));
    EventRecorder rec = recorder(vertx);
    Connection c =
        client(
                vertx,
                new ConnectionOptions(server.uri("/cap"))
                    .setSendOptions(new SendOptions().setMaxPendingRequests(3)))
            .connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    List<Future<String>> requests = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      requests.add(c.request("q" + i, Duration.ofSeconds(30)));
    }
    Future.join(new ArrayList<>(requests.subList(3, 5))).otherwiseEmpty().await();
    assertThat(requests.subList(3, 5))
        .allSatisfy(f -> assertThat(f.cause()).hasMessage("too many pending requests (3)"));
    rec.await(r -> r.totals("c-1")[SENT] == 3 && r.totals("c-1")[FAILURES] == 2);

    c.close().await();
    Future.join(new ArrayList<>(requests)).otherwiseEmpty().await();
    assertThat(requests.subList(0, 3))
        .allSatisfy(
            f -> assertThat(f.cause()).hasMessage("connection closed by wsmon: request abandoned"));
    assertRequestAccounting(rec, "c-1", requests);
  }
}
