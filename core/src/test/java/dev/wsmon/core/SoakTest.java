package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.internal.AttemptOutcomes;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.EchoServerStats;
import dev.wsmon.testkit.FaultSpec;
import dev.wsmon.testkit.support.LeakCheck;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14's soak: hundreds of connections cycle through the faults of {@link FaultMatrixTest}
 * (switched on the echo server at run time) while they send; after warm-up and at the end, at the
 * same quiet point (faults off, every connection up, nothing in flight), heap after GC, threads,
 * open file descriptors, Vert.x timers and event-bus consumers are compared, and every counter is
 * checked. Runs only with {@code mvn -B verify -Psoak}; {@code -Dwsmon.soak.minutes=N} (default 3)
 * sets the length, {@code -Dwsmon.soak.connections=N} (default 300) the connections.
 */
@Tag("soak")
@ExtendWith(VertxExtension.class)
@DisplayName("soak: connections cycling through faults leak nothing and count exactly")
class SoakTest {

  private static final Duration PHASE = Duration.ofSeconds(3);
  private static final long SEND_EVERY_MS = 200;

  /** The faults the echo server cycles through; OUTAGE stops listening for the phase. */
  private static final List<Object> PHASES =
      List.of(
          new FaultSpec(),
          FaultSpec.parse("close-after=3:1001:going away"),
          FaultSpec.parse("close-after=2:1012:restart"),
          FaultSpec.parse("drop-after=3"),
          FaultSpec.parse("reject=503:retry-after=1"),
          FaultSpec.parse("no-upgrade"),
          FaultSpec.parse("handshake-delay=1500ms"),
          FaultSpec.parse("no-pong"),
          FaultSpec.parse("oversize=300000"),
          FaultSpec.parse("invalid-utf8-every=3"),
          FaultSpec.parse("no-echo"),
          FaultSpec.parse("push=100/s"),
          FaultSpec.parse("reject=401"),
          "OUTAGE",
          FaultSpec.parse("close-after=1:1008:policy"),
          FaultSpec.parse("delay=50ms"));

  private final Map<String, long[]> attempts = new ConcurrentHashMap<>();
  private final Map<EventType, AtomicLong> eventCounts = new ConcurrentHashMap<>();
  private final long[] traffic = new long[EventRecorder.TOTALS];
  private final AtomicLong sendsAttempted = new AtomicLong();
  private final AtomicLong requestsIssued = new AtomicLong();
  private final AtomicLong requestsCompleted = new AtomicLong();
  // the outcome each request's future reported: answered, timed out, abandoned, not sent
  private final AtomicLong[] requestOutcomes = {
    new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()
  };

  private Vertx vertx;

  @Test
  void soak(Vertx vertx) {
    this.vertx = vertx;
    int minutes = Integer.getInteger("wsmon.soak.minutes", 3);
    int connections = Integer.getInteger("wsmon.soak.connections", 300);
    long runNanos = TimeUnit.MINUTES.toNanos(minutes);

    EchoServer server = EchoServer.deploy(vertx, new EchoServerOptions()).await();
    MessageConsumer<ConnectionEvent> events = recordEvents(vertx);
    MessageConsumer<TrafficBatch> batches = recordTraffic(vertx);
    ConnectionVerticle verticle =
        TrafficTest.deployFast(
            vertx,
            new ConnectionOptions(server.uri("/soak"))
                .setConnections(connections)
                .setRampUp(Duration.ofSeconds(2))
                .setConnectTimeout(Duration.ofSeconds(1))
                .setPingInterval(Duration.ofMillis(500))
                .setPongTimeout(Duration.ofMillis(500))
                .setValidateUtf8(true)
                .setReconnectPolicy(
                    new ReconnectPolicy()
                        .setMaxReconnectAttempts(-1)
                        .setReconnectDelay(Duration.ofMillis(100))
                        .setMaxReconnectDelay(Duration.ofSeconds(1))
                        .setStableAfter(Duration.ofSeconds(1))));
    List<Connection> all = verticle.connections();

    long start = System.nanoTime();
    // warm-up: one full cycle of the faults, then the first quiet point
    cycle(vertx, server, all, System.nanoTime() + PHASE.toNanos() * PHASES.size());
    LeakCheck.Figures warm = quiesce(vertx, server, all, connections);
    long warmedAt = System.nanoTime();
    cycle(vertx, server, all, start + Math.max(runNanos, warmedAt - start + PHASE.toNanos()));
    LeakCheck.Figures end = quiesce(vertx, server, all, connections);

    // a clean window after all of it: both sides count exactly the same
    server.resetStats();
    long[] before = traffic.clone();
    long attemptedBefore = sendsAttempted.get();
    long cleanSends = 0;
    for (int round = 0; round < 5; round++) {
      for (Connection c : all) {
        c.sendText("clean " + round);
        cleanSends++;
      }
    }
    sendsAttempted.addAndGet(cleanSends);
    long expectedSends = cleanSends;
    await(
        () -> snapshot()[1] - before[1] == expectedSends,
        "echoes of the clean window",
        Duration.ofSeconds(60));
    EchoServerStats clean = server.stats();
    long[] after = snapshot();

    JsonObject report =
        new JsonObject()
            .put("minutes", minutes)
            .put("connections", connections)
            .put("elapsed_s", (System.nanoTime() - start) / 1e9)
            .put("warm", warm.toJson())
            .put("end", end.toJson())
            .put("events", eventCountsJson())
            .put("sends_attempted", sendsAttempted.get())
            .put("messages_sent", after[0])
            .put("send_failures", after[4])
            .put("messages_received", after[1])
            .put("request_timeouts", after[5])
            .put("protocol_errors", after[6])
            .put("requests_abandoned", after[7])
            .put("requests_answered", after[8])
            .put("requests", requestsIssued.get());
    System.out.println("SOAK " + report.encode());

    // leaks: back to the warm-up values
    long heapSlack = Math.max(warm.heap() / 10, 5L * 1024 * 1024);
    assertThat(end.heap()).as("heap after GC").isLessThanOrEqualTo(warm.heap() + heapSlack);
    assertThat(end.threads()).as("threads").isLessThanOrEqualTo(warm.threads());
    assertThat(end.fds()).as("open file descriptors").isEqualTo(warm.fds());
    assertThat(end.timers()).as("Vert.x timers").isEqualTo(warm.timers());
    assertThat(end.consumers()).as("event-bus consumers").isEqualTo(warm.consumers());
    // counters: every send and every attempt accounted for, and exact in the clean window
    assertThat(after[0] + after[4]).isEqualTo(attemptedBefore + cleanSends);
    assertThat(requestsCompleted.get()).isEqualTo(requestsIssued.get());
    // requests: each ends answered, timed out or abandoned once it left, or is a send failure; the
    // counters match the outcome each request's future reported
    assertThat(after[8]).as("answered").isEqualTo(requestOutcomes[0].get());
    assertThat(after[5]).as("timed out").isEqualTo(requestOutcomes[1].get());
    assertThat(after[7]).as("abandoned").isEqualTo(requestOutcomes[2].get());
    assertThat(after[8] + after[5] + after[7] + requestOutcomes[3].get())
        .isEqualTo(requestsIssued.get());
    attempts.forEach(
        (id, a) -> assertThat(a[0]).as("attempts of %s", id).isEqualTo(a[1] + a[2] + a[3] + a[4]));
    assertThat(after[0] - before[0]).isEqualTo(cleanSends).isEqualTo(clean.messagesReceived());
    assertThat(after[1] - before[1]).isEqualTo(clean.messagesSent());
    assertThat(after[2] - before[2]).isEqualTo(clean.bytesReceived());
    assertThat(after[3] - before[3]).isEqualTo(clean.bytesSent());
    assertThat(eventCounts.get(EventType.DISCONNECTED).get()).isPositive();
    assertThat(eventCounts.get(EventType.PROTOCOL_ERROR).get()).isPositive();
    assertThat(eventCounts.get(EventType.PING_TIMEOUT).get()).isPositive();
    assertThat(after[5]).isPositive();

    vertx.undeploy(verticle.deploymentID()).await();
    // wsmon's own close: every attempt has an outcome, none is in flight
    await(
        () ->
            attempts.values().stream()
                .allMatch(
                    a -> {
                      synchronized (a) {
                        return a[3] == 0 && a[0] == a[1] + a[2] + a[4];
                      }
                    }),
        "attempts == successes + failures + abandoned after the close",
        Duration.ofSeconds(30));
    events.unregister().await();
    batches.unregister().await();
    server.close().await();
  }

  // ------------------------------------------------------------------ run

  /** Cycles the faults until {@code deadline}, sending all along. */
  private void cycle(Vertx vertx, EchoServer server, List<Connection> all, long deadline) {
    long sender = vertx.setPeriodic(SEND_EVERY_MS, t -> sendRound(all));
    int phase = 0;
    try {
      while (System.nanoTime() < deadline) {
        Object fault = PHASES.get(phase++ % PHASES.size());
        if ("OUTAGE".equals(fault)) {
          server.faults(new FaultSpec());
          server.stopListening().await();
        } else {
          server.startListening().await();
          server.faults((FaultSpec) fault);
        }
        revive(all);
        pause(PHASE.toMillis());
      }
    } finally {
      vertx.cancelTimer(sender);
    }
  }

  private long round;
  private final Map<Object, String> pending = new ConcurrentHashMap<>();
  private final AtomicLong futOk = new AtomicLong();
  private final AtomicLong futFail = new AtomicLong();

  private void sendRound(List<Connection> all) {
    round++;
    for (Connection c : all) {
      Object key = new Object();
      pending.put(key, c.id() + " send m" + round);
      c.sendText("m" + round)
          .onComplete(
              ar -> {
                pending.remove(key);
                (ar.succeeded() ? futOk : futFail).incrementAndGet();
              });
    }
    sendsAttempted.addAndGet(all.size());
    // a few requests per round, so timeouts happen (no-echo) and are counted
    for (int i = 0; i < 3; i++) {
      Connection c = all.get((int) ((round * 3 + i) % all.size()));
      requestsIssued.incrementAndGet();
      sendsAttempted.incrementAndGet();
      Object key = new Object();
      pending.put(key, c.id() + " request r" + round);
      c.request("r" + round, Duration.ofMillis(300))
          .onComplete(
              ar -> {
                pending.remove(key);
                requestOutcomes[outcomeOf(ar)].incrementAndGet();
                requestsCompleted.incrementAndGet();
              });
    }
  }

  private static int outcomeOf(io.vertx.core.AsyncResult<String> ar) {
    if (ar.succeeded()) {
      return 0;
    }
    String m = String.valueOf(ar.cause().getMessage());
    return m.startsWith("request timed out") ? 1 : m.endsWith("request abandoned") ? 2 : 3;
  }

  private static void revive(List<Connection> all) {
    for (Connection c : all) {
      if (c.state() == ConnectionState.GAVE_UP || c.state() == ConnectionState.CLOSED) {
        c.connect();
      }
    }
  }

  /** Faults off, every connection up, nothing in flight; then the figures. */
  private LeakCheck.Figures quiesce(
      Vertx vertx, EchoServer server, List<Connection> all, int connections) {
    server.startListening().await();
    server.faults(new FaultSpec());
    await(
        () -> {
          revive(all);
          return all.stream().allMatch(c -> c.state() == ConnectionState.CONNECTED)
              && server.stats().connectionsOpen() == connections;
        },
        "every connection up",
        Duration.ofSeconds(60));
    await(
        () ->
            requestsCompleted.get() == requestsIssued.get()
                && snapshot()[0] + snapshot()[4] == sendsAttempted.get(),
        "every send and request settled",
        Duration.ofSeconds(60));
    pause(500);
    return LeakCheck.measure(vertx);
  }

  private void await(BooleanSupplier condition, String what, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            what
                + " not reached in "
                + timeout
                + "; events "
                + eventCountsJson()
                + "; traffic "
                + java.util.Arrays.toString(snapshot())
                + "; sends attempted "
                + sendsAttempted.get()
                + "; requests "
                + requestsIssued.get()
                + "/"
                + requestsCompleted.get()
                + "; futures ok/failed "
                + futOk
                + "/"
                + futFail
                + "; pending "
                + pending.values().stream().limit(20).toList());
      }
      pause(50);
    }
  }

  private void pause(long ms) {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(ms, t -> p.complete());
    p.future().await();
  }

  // ------------------------------------------------------------------ recording

  private MessageConsumer<ConnectionEvent> recordEvents(Vertx vertx) {
    WsmonCodecs.register(vertx);
    MessageConsumer<ConnectionEvent> c =
        vertx
            .eventBus()
            .consumer(
                Addresses.of(Addresses.DEFAULT_NAMESPACE).events(),
                m -> {
                  ConnectionEvent e = m.body();
                  eventCounts.computeIfAbsent(e.type(), k -> new AtomicLong()).incrementAndGet();
                  // attempts, successes, failures, in flight (0/1), abandoned
                  long[] a = attempts.computeIfAbsent(e.connectionId(), k -> new long[5]);
                  synchronized (a) {
                    switch (e.type()) {
                      case ATTEMPT -> a[0]++;
                      case CONNECTED -> a[1]++;
                      case FAILED -> a[2]++;
                      default -> a[4] += AttemptOutcomes.abandons(a[3] == 1, e.type()) ? 1 : 0;
                    }
                    a[3] = AttemptOutcomes.inFlightAfter(a[3] == 1, e.type()) ? 1 : 0;
                  }
                });
    c.completion().await();
    return c;
  }

  private MessageConsumer<TrafficBatch> recordTraffic(Vertx vertx) {
    MessageConsumer<TrafficBatch> c =
        vertx
            .eventBus()
            .consumer(
                Addresses.of(Addresses.DEFAULT_NAMESPACE).traffic(),
                m -> {
                  synchronized (traffic) {
                    for (ConnectionDelta d : m.body().deltas()) {
                      EventRecorder.add(traffic, d);
                    }
                  }
                });
    c.completion().await();
    return c;
  }

  private long[] snapshot() {
    synchronized (traffic) {
      return traffic.clone();
    }
  }

  private JsonObject eventCountsJson() {
    JsonObject j = new JsonObject();
    eventCounts.forEach((k, v) -> j.put(k.name(), v.get()));
    return j;
  }
}
