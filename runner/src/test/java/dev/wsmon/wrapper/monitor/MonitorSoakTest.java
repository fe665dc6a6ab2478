package dev.wsmon.wrapper.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.Durations;
import dev.wsmon.core.EventType;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.FaultSpec;
import dev.wsmon.testkit.support.LeakCheck;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The monitor left running against a flapping endpoint (down, up, not answering probes, up, ...)
 * with probes, notifications and a client polling {@code /health} and {@code /stats}. At the same
 * quiet point (endpoint up, probes passing, no notification pending) after a warm-up cycle and at
 * the end, heap after GC, Vert.x timers and event-bus consumers are compared; {@code /health}
 * latency is recorded throughout. Duration: {@code -Dwsmon.soak.monitor.duration=30m} (default).
 *
 * <pre>mvn -B verify -Psoak -pl runner -am -Dtest=MonitorSoakTest -Dwsmon.soak.monitor.duration=4m
 * </pre>
 */
@Tag("soak")
@DisplayName("monitor soak: flapping endpoint, flat memory, no timer or consumer leak")
class MonitorSoakTest {

  private static final int CONNECTIONS = 4;
  private static final Duration PHASE = Duration.ofSeconds(3);

  @Test
  void soak() throws Exception {
    Duration run = Durations.parse(System.getProperty("wsmon.soak.monitor.duration", "30m"));
    Vertx outside = Vertx.vertx();
    Vertx vertx = Vertx.vertx();
    try {
      EchoServer server = EchoServer.deploy(outside).await();
      // counts only: the test keeps nothing per event or notification (that would be heap growth)
      AtomicInteger notifications = new AtomicInteger();
      int receiverPort =
          outside
              .createHttpServer()
              .requestHandler(
                  req ->
                      req.body()
                          .onSuccess(
                              b -> {
                                notifications.incrementAndGet();
                                req.response().setStatusCode(204).end();
                              }))
              .listen(0, "127.0.0.1")
              .await()
              .actualPort();
      MonitorOptions options = MonitorFixture.options(server, CONNECTIONS);
      options
          .setSampleInterval(Duration.ofMillis(500))
          .addProbe(
              ProbeOptions.parse("every=1s,send={\"op\":\"probe\"},expect=probe,timeout=500ms"))
          .addNotify(new NotifyTarget("http://127.0.0.1:" + receiverPort + "/hook"))
          .setNotifyAfter(Duration.ofMillis(1500));
      Map<EventType, AtomicLong> events = new EnumMap<>(EventType.class);
      for (EventType type : EventType.values()) {
        events.put(type, new AtomicLong());
      }
      dev.wsmon.core.WsmonCodecs.register(vertx);
      vertx
          .eventBus()
          .<dev.wsmon.core.ConnectionEvent>consumer(
              dev.wsmon.core.Addresses.of(MonitorFixture.NS).events(),
              m -> events.get(m.body().type()).incrementAndGet())
          .completion()
          .await();
      MonitorVerticle monitor = MonitorVerticle.deploy(vertx, options).await();

      Load load = new Load(outside, monitor.actualPort());
      long start = System.nanoTime();
      long warmUntil = start + Math.max(PHASE.toNanos() * 4, run.toNanos() / 4);
      int cycles = 0;
      load.start();
      while (cycles == 0 || System.nanoTime() < warmUntil) {
        cycle(outside, server);
        cycles++;
      }
      load.stop();
      Figures warm = quiet(vertx, monitor, server);
      load.start();
      while (System.nanoTime() - start < run.toNanos()) {
        cycle(outside, server);
        cycles++;
      }
      load.stop();
      Figures end = quiet(vertx, monitor, server);
      Histogram health = load.health;

      double p50;
      double p99;
      double max;
      long count;
      synchronized (health) {
        p50 = health.getValueAtPercentile(50) / 1000.0;
        p99 = health.getValueAtPercentile(99) / 1000.0;
        max = health.getMaxValue() / 1000.0;
        count = health.getTotalCount();
      }
      double controlP50;
      double controlP99;
      double controlMax;
      synchronized (load.control) {
        controlP50 = load.control.getValueAtPercentile(50) / 1000.0;
        controlP99 = load.control.getValueAtPercentile(99) / 1000.0;
        controlMax = load.control.getMaxValue() / 1000.0;
      }
      JsonObject report =
          new JsonObject()
              .put("minutes", (System.nanoTime() - start) / 60e9)
              .put("cycles", cycles)
              .put("connections", CONNECTIONS)
              .put("warm", warm.toJson())
              .put("end", end.toJson())
              .put("disconnections", events.get(EventType.DISCONNECTED).get())
              .put("degraded_events", events.get(EventType.DEGRADED).get())
              .put("recovered_events", events.get(EventType.RECOVERED).get())
              .put("notifications", notifications.get())
              .put("probes_passed", monitor.probes().passed())
              .put("probes_failed", monitor.probes().failed())
              .put(
                  "health_ms",
                  new JsonObject()
                      .put("count", count)
                      .put("p50", p50)
                      .put("p99", p99)
                      .put("max", max)
                      .put("errors", load.healthErrors.get())
                      .put("stats_requests", load.stats.get()))
              .put(
                  "control_ms",
                  new JsonObject()
                      .put("p50", controlP50)
                      .put("p99", controlP99)
                      .put("max", controlMax));
      System.out.println("MONITOR SOAK " + report.encode());

      assertThat(end.leaks().heap() - warm.leaks().heap())
          .as("heap after GC growth")
          .isLessThanOrEqualTo(5L << 20);
      // a probe may be waiting for its echo at the quiet point: one timer per connection at most
      assertThat(end.leaks().timers())
          .as("Vert.x timers")
          .isBetween(warm.leaks().timers() - CONNECTIONS, warm.leaks().timers() + CONNECTIONS);
      assertThat(end.leaks().consumers())
          .as("event-bus consumers")
          .isEqualTo(warm.leaks().consumers());
      assertThat(end.ownTimers()).as("notifier timers at the quiet point").isZero();
      assertThat(events.get(EventType.GAVE_UP).get()).isZero();
      load.close();
      // /health latency can only be judged where a trivial server in this JVM answers in time
      org.junit.jupiter.api.Assumptions.assumeTrue(
          controlP99 < 10,
          "machine too loaded to judge /health latency: a trivial server's p99 is "
              + controlP99
              + " ms (the leak checks passed)");
      assertThat(p99).as("/health p99 ms (control p99 %s ms)", controlP99).isLessThan(50);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
      outside.close().await(10, TimeUnit.SECONDS);
    }
  }

  /**
   * The load of the soak: {@code /health} every 50 ms on its own connection (its latency recorded)
   * and {@code /stats} every 100 ms on others; stopped (and drained) at the quiet points, so
   * in-flight requests hold no reply consumer there.
   */
  private static final class Load {
    final Histogram health = new Histogram(60_000_000L, 3);

    /** The same polling of a trivial server in this JVM: what the machine alone costs. */
    final Histogram control = new Histogram(60_000_000L, 3);

    final AtomicInteger healthErrors = new AtomicInteger();
    final AtomicLong stats = new AtomicLong();
    private final Vertx vertx;
    private final WebClient healthClient;
    private final WebClient statsClient;
    private final WebClient controlClient;
    private long controlTimer = -1;
    private final AtomicInteger inFlight = new AtomicInteger();
    private long healthTimer = -1;
    private long statsTimer = -1;

    Load(Vertx vertx, int port) {
      this.vertx = vertx;
      WebClientOptions o = new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port);
      healthClient = WebClient.create(vertx, new WebClientOptions(o));
      statsClient = WebClient.create(vertx, o);
      int controlPort =
          vertx
              .createHttpServer()
              .requestHandler(r -> r.response().end("{\"status\":\"UP\"}"))
              .listen(0, "127.0.0.1")
              .await()
              .actualPort();
      controlClient = WebClient.create(vertx, new WebClientOptions(o).setDefaultPort(controlPort));
    }

    void start() {
      healthTimer =
          vertx.setPeriodic(
              50,
              t -> {
                long t0 = System.nanoTime();
                inFlight.incrementAndGet();
                healthClient
                    .get("/health")
                    .send()
                    .onComplete(
                        ar -> {
                          synchronized (health) {
                            health.recordValue((System.nanoTime() - t0) / 1000);
                          }
                          if (ar.failed()) {
                            healthErrors.incrementAndGet();
                          }
                          inFlight.decrementAndGet();
                        });
              });
      controlTimer =
          vertx.setPeriodic(
              50,
              t -> {
                long t0 = System.nanoTime();
                inFlight.incrementAndGet();
                controlClient
                    .get("/health")
                    .send()
                    .onComplete(
                        ar -> {
                          synchronized (control) {
                            control.recordValue((System.nanoTime() - t0) / 1000);
                          }
                          inFlight.decrementAndGet();
                        });
              });
      statsTimer =
          vertx.setPeriodic(
              100,
              t -> {
                inFlight.incrementAndGet();
                stats.incrementAndGet();
                statsClient.get("/stats").send().onComplete(ar -> inFlight.decrementAndGet());
              });
    }

    void stop() {
      vertx.cancelTimer(healthTimer);
      vertx.cancelTimer(statsTimer);
      vertx.cancelTimer(controlTimer);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (inFlight.get() > 0 && System.nanoTime() < deadline) {
        pause(vertx, Duration.ofMillis(20));
      }
    }

    void close() {
      healthClient.close();
      statsClient.close();
      controlClient.close();
    }
  }

  /** One flap: up, down, up, not answering probes. */
  private static void cycle(Vertx outside, EchoServer server) {
    pause(outside, PHASE);
    server.stopListening().await();
    pause(outside, PHASE);
    server.startListening().await();
    pause(outside, PHASE);
    server.faults(new FaultSpec().setNoEcho(true));
    pause(outside, PHASE);
    server.faults(new FaultSpec());
  }

  /**
   * Waits until every connection is connected and passing probes and no notification is pending.
   */
  private static Figures quiet(Vertx vertx, MonitorVerticle monitor, EchoServer server) {
    server.faults(new FaultSpec());
    server.startListening().await();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!(monitor.connections().stream().allMatch(c -> c.state() == ConnectionState.CONNECTED)
        && monitor.statusBoard().up() == CONNECTIONS
        && onLoop(vertx, () -> monitor.notifier().timers()) == 0)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no quiet point within 60 s");
      }
      pause(vertx, Duration.ofMillis(100));
    }
    return new Figures(LeakCheck.measure(vertx), onLoop(vertx, () -> monitor.notifier().timers()));
  }

  private static int onLoop(Vertx vertx, java.util.function.Supplier<Integer> read) {
    return vertx.executeBlocking(read::get).await();
  }

  private static void pause(Vertx vertx, Duration d) {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(Math.max(1, d.toMillis()), t -> p.complete());
    p.future().await();
  }

  /** The leak figures and the notifier's own timers. */
  record Figures(LeakCheck.Figures leaks, int ownTimers) {
    JsonObject toJson() {
      return leaks.toJson().put("notifier_timers", ownTimers);
    }
  }
}
