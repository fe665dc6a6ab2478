package dev.wsmon.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ConnectionVerticle;
import dev.wsmon.core.ConnectionVerticleOptions;
import dev.wsmon.core.Durations;
import dev.wsmon.tracker.StatsTrackerVerticle;
import dev.wsmon.tracker.TrackerOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13: N held connections (default 50 000, {@code -Dwsmon.scale.connections}) against a Vert.x
 * echo server in a separate JVM (several event loops), first with a raw Vert.x client (baseline),
 * then with wsmon (ConnectionVerticle per event loop + tracker, pings on, the default counters and
 * packed histograms). Each holds for {@code -Dwsmon.scale.hold} (60s) and reports connect rate,
 * live heap after GC and RSS per connection, CPU while idle-holding, and the time to shut down; the
 * heap histogram gives the top consumers per connection. Results go to {@code
 * bench/results/scale-<N>.json}. When the open-files limit cannot hold N (each JVM needs a
 * descriptor per connection), the test says so and runs the largest N that fits.
 *
 * <pre>mvn -B -Pscale -pl bench -am verify -Djacoco.skip=true -Dwsmon.scale.connections=10000</pre>
 */
@Tag("scale")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("scale: N held connections, raw Vert.x client vs wsmon")
class ScaleTest {

  private static final int REQUESTED = Integer.getInteger("wsmon.scale.connections", 50_000);
  private static final Duration HOLD =
      Durations.parse(System.getProperty("wsmon.scale.hold", "60s"));
  private static final Duration PING =
      Durations.parse(System.getProperty("wsmon.scale.ping", "10s"));
  private static final int RATE = Integer.getInteger("wsmon.scale.rate", 2000);
  private static final int LOOPS = Integer.getInteger("wsmon.scale.loops", 2);
  private static final String SOURCES =
      System.getProperty("wsmon.scale.sources", "127.0.0.1-127.0.0.4");
  private static final Path OUT = Path.of(System.getProperty("wsmon.scale.out", "results"));
  private static final int FD_RESERVE = 600;

  private int n;
  private String note;
  private Process server;
  private int port;
  private final JsonObject results = new JsonObject();

  @BeforeAll
  void startServer() throws Exception {
    long soft = Probe.openFilesSoft();
    n = REQUESTED;
    if (soft > 0 && REQUESTED + FD_RESERVE > soft) {
      n = (int) Math.max(100, soft - FD_RESERVE);
      note =
          String.format(
              "%d connections requested, but the open-files limit here is %d per process (the"
                  + " client and the server JVM each need one descriptor per connection): ran %d."
                  + " To run %d: raise the hard limit (docker --ulimit nofile=%d:%d, LimitNOFILE,"
                  + " /etc/security/limits.conf) and 'ulimit -n %d' before mvn.",
              REQUESTED,
              soft,
              n,
              REQUESTED,
              2 * REQUESTED + 10_000,
              2 * REQUESTED + 10_000,
              REQUESTED + 10_000);
      System.err.println("ScaleTest: " + note);
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    Path serverLog = Files.createTempFile("wsmon-scale-server", ".log");
    server =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ScaleEchoServer.class.getName(),
                String.valueOf(LOOPS))
            .redirectError(serverLog.toFile())
            .start();
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String line =
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return lines.readLine();
                  } catch (Exception e) {
                    return null;
                  }
                })
            .completeOnTimeout(null, 60, TimeUnit.SECONDS)
            .get();
    assertThat(line)
        .as(
            "echo server JVM announces its port; its log: %s; classpath: %s",
            Files.readString(serverLog), System.getProperty("java.class.path"))
        .startsWith("PORT ");
    port = Integer.parseInt(line.substring(5).trim());
    results
        .put("issue", 13)
        .put("generated_at", Instant.now().toString())
        .put("requested_connections", REQUESTED)
        .put("connections", n)
        .put("note", note)
        .put(
            "machine",
            new JsonObject()
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("java", System.getProperty("java.version"))
                .put("open_files_soft", soft)
                .put("load_average_at_start", loadAverage())
                .put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20))
        .put(
            "settings",
            new JsonObject()
                .put("hold", Durations.format(HOLD))
                .put("ping_interval", Durations.format(PING))
                .put("connect_rate_target_per_second", RATE)
                .put("event_loops", LOOPS)
                .put("source_addresses", SOURCES)
                .put("server", "testkit EchoServer x" + LOOPS + " in a separate JVM, 127.0.0.1"));
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server != null) {
      server.getOutputStream().close();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
    if (results.containsKey("wsmon") && results.containsKey("raw")) {
      JsonObject w = results.getJsonObject("wsmon");
      JsonObject r = results.getJsonObject("raw");
      results.put(
          "ratios",
          new JsonObject()
              .put(
                  "heap_per_connection",
                  Probe.round(
                      w.getDouble("heap_per_connection_kb")
                          / r.getDouble("heap_per_connection_kb")))
              .put(
                  "rss_per_connection",
                  Probe.round(
                      w.getDouble("rss_per_connection_kb")
                          / r.getDouble("rss_per_connection_kb"))));
    }
    Files.createDirectories(OUT);
    Path file = OUT.resolve("scale-" + n + ".json");
    Files.writeString(file, results.encodePrettily() + "\n");
    System.err.println("ScaleTest: wrote " + file.toAbsolutePath());
  }

  @Test
  @Order(1)
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  @DisplayName("raw Vert.x client: all connected and held (baseline)")
  void raw() throws Exception {
    JsonObject r = measure(new RawSide());
    results.put("raw", r);
    assertThat(r.getInteger("connected")).isEqualTo(n);
    assertThat(r.getInteger("connected_after_hold")).isEqualTo(n);
  }

  @Test
  @Order(2)
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  @DisplayName("wsmon: all connected and held with pings, shutdown under 10 s")
  void wsmon() throws Exception {
    JsonObject w = measure(new WsmonSide());
    results.put("wsmon", w);
    assertThat(w.getInteger("connected")).isEqualTo(n);
    assertThat(w.getInteger("connected_after_hold")).isEqualTo(n);
    assertThat(w.getLong("disconnections")).isZero();
    assertThat(w.getLong("pongs")).isPositive();
    assertThat(w.getDouble("shutdown_seconds")).isLessThan(10.0);
  }

  /** One client under test. */
  private interface Side {
    /** Opens n connections at the target rate; completes when all are up (or fails). */
    void open(Vertx vertx, int n, List<String> sources) throws Exception;

    int connected() throws Exception;

    void report(JsonObject out) throws Exception;

    /** Closes every connection (graceful). */
    void close(Vertx vertx) throws Exception;
  }

  private JsonObject measure(Side side) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(LOOPS));
    List<String> sources =
        new ConnectionOptions("ws://127.0.0.1/")
            .setSourceAddresses(List.of(SOURCES))
            .getSourceAddresses();
    long pid = Probe.pid();
    Probe.Histogram before = Probe.histogram(pid);
    long rssBefore = Probe.rss(pid);
    long t0 = System.nanoTime();
    side.open(vertx, n, sources);
    double connectSeconds = (System.nanoTime() - t0) / 1e9;
    int connected = side.connected();
    Duration settle = HOLD.dividedBy(6);
    await(vertx, settle);
    long cpu0 = Probe.cpuNanos(pid);
    long serverCpu0 = Probe.cpuNanos(server.pid());
    long h0 = System.nanoTime();
    await(vertx, HOLD.minus(settle));
    long held = System.nanoTime() - h0;
    double cpu = (Probe.cpuNanos(pid) - cpu0) * 100.0 / held;
    double serverCpu = (Probe.cpuNanos(server.pid()) - serverCpu0) * 100.0 / held;
    int connectedAfterHold = side.connected();
    JsonObject out = new JsonObject();
    side.report(out);
    Probe.Histogram after = Probe.histogram(pid);
    long rssAfter = Probe.rss(pid);
    long s0 = System.nanoTime();
    side.close(vertx);
    double shutdown = (System.nanoTime() - s0) / 1e9;
    vertx.close().await();
    double heapPerConn = (after.totalBytes() - before.totalBytes()) / (double) n;
    out.put("connections", n)
        .put("connected", connected)
        .put("connected_after_hold", connectedAfterHold)
        .put("connect_seconds", Probe.round(connectSeconds))
        .put("connect_rate_per_second", Math.round(n / connectSeconds))
        .put("heap_live_before_mb", Probe.round(before.totalBytes() / 1048576.0))
        .put("heap_live_after_mb", Probe.round(after.totalBytes() / 1048576.0))
        .put("heap_per_connection_kb", Probe.round(heapPerConn / 1024))
        .put("rss_before_mb", Probe.round(rssBefore / 1048576.0))
        .put("rss_after_mb", Probe.round(rssAfter / 1048576.0))
        .put("rss_per_connection_kb", Probe.round((rssAfter - rssBefore) / 1024.0 / n))
        .put("idle_hold_cpu_percent_of_one_core", Probe.round(cpu))
        .put("server_idle_hold_cpu_percent_of_one_core", Probe.round(serverCpu))
        .put("shutdown_seconds", Probe.round(shutdown))
        .put("load_average_after", loadAverage())
        .put("top_heap_per_connection", Probe.topPerConnection(before, after, n, 15));
    System.err.println("ScaleTest " + side.getClass().getSimpleName() + ": " + out.encode());
    return out;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return null;
    }
  }

  private static void await(Vertx vertx, Duration d) {
    Promise<Void> done = Promise.promise();
    vertx.setTimer(Math.max(1, d.toMillis()), id -> done.complete());
    done.future().await();
  }

  /** Polls {@code check} every 200 ms until it yields true, failing after {@code timeout}. */
  private static void until(
      Vertx vertx, Duration timeout, java.util.function.Supplier<Future<Boolean>> check) {
    Promise<Void> done = Promise.promise();
    long deadline = System.nanoTime() + timeout.toNanos();
    AtomicBoolean busy = new AtomicBoolean();
    vertx.setPeriodic(
        200,
        id -> {
          if (done.future().isComplete() || !busy.compareAndSet(false, true)) {
            return;
          }
          check
              .get()
              .onComplete(
                  ar -> {
                    busy.set(false);
                    if (ar.succeeded() && ar.result()) {
                      vertx.cancelTimer(id);
                      done.tryComplete();
                    } else if (System.nanoTime() > deadline) {
                      vertx.cancelTimer(id);
                      done.tryFail("not done after " + Durations.format(timeout));
                    }
                  });
        });
    done.future().await();
  }

  private static Duration connectBudget(int n) {
    // generous: on a loaded 2-core machine the achieved rate is far below the target
    return Duration.ofSeconds(120 + n / 40);
  }

  /** A raw Vert.x client: one WebSocketClient per source address, pings from one timer. */
  private final class RawSide implements Side {
    private final Queue<WebSocket> sockets = new ConcurrentLinkedQueue<>();
    private final List<WebSocketClient> clients = new ArrayList<>();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicLong pongs = new AtomicLong();
    private long pingTimer = -1;

    @Override
    public void open(Vertx vertx, int n, List<String> sources) throws Exception {
      for (String s : sources) {
        clients.add(
            vertx.createWebSocketClient(
                new WebSocketClientOptions()
                    .setLocalAddress(s)
                    .setMaxConnections(2 * n / sources.size() + 50)));
      }
      // one launcher verticle per event loop, so the connections spread over the loops as
      // wsmon's do (a connect made on an event loop binds the connection to that loop)
      long t0 = System.nanoTime();
      List<Future<Void>> launchedAll = new ArrayList<>();
      int[] next = {0};
      for (int l = 0; l < LOOPS; l++) {
        int share = n / LOOPS + (l < n % LOOPS ? 1 : 0);
        Promise<Void> launched = Promise.promise();
        launchedAll.add(launched.future());
        vertx
            .deployVerticle(
                new VerticleBase() {
                  @Override
                  public Future<?> start() {
                    int[] started = {0};
                    vertx.setPeriodic(
                        10,
                        id -> {
                          long due =
                              Math.min(
                                  share,
                                  (System.nanoTime() - t0) * RATE / LOOPS / 1_000_000_000L + 1);
                          while (started[0] < due) {
                            started[0]++;
                            int i;
                            synchronized (next) {
                              i = next[0]++;
                            }
                            connectOne(clients.get(i % clients.size()));
                          }
                          if (started[0] >= share) {
                            vertx.cancelTimer(id);
                            launched.complete();
                          }
                        });
                    return Future.succeededFuture();
                  }
                })
            .await();
      }
      Future.all(launchedAll).await();
      until(
          vertx, connectBudget(n), () -> Future.succeededFuture(opened.get() + failed.get() >= n));
      pingTimer =
          vertx.setPeriodic(
              PING.toMillis(),
              id -> {
                Buffer ping = Buffer.buffer(16).appendLong(1).appendLong(System.nanoTime());
                sockets.forEach(ws -> ws.writePing(ping));
              });
    }

    private void connectOne(WebSocketClient client) {
      client
          .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/raw"))
          .onComplete(
              ar -> {
                if (ar.succeeded()) {
                  WebSocket ws = ar.result();
                  ws.pongHandler(b -> pongs.incrementAndGet());
                  ws.handler(b -> {});
                  sockets.add(ws);
                  opened.incrementAndGet();
                } else {
                  failed.incrementAndGet();
                }
              });
    }

    @Override
    public int connected() {
      return (int) sockets.stream().filter(ws -> !ws.isClosed()).count();
    }

    @Override
    public void report(JsonObject out) {
      out.put("failed", failed.get()).put("pongs", pongs.get());
    }

    @Override
    public void close(Vertx vertx) {
      vertx.cancelTimer(pingTimer);
      List<Future<Void>> closing = new ArrayList<>();
      sockets.forEach(ws -> closing.add(ws.close((short) 1000, "done")));
      Future.join(closing).otherwiseEmpty().await();
      List<Future<Void>> clientsClosing = new ArrayList<>();
      clients.forEach(c -> clientsClosing.add(c.close()));
      Future.join(clientsClosing).otherwiseEmpty().await();
    }
  }

  /** wsmon: one ConnectionVerticle per event loop and the stats tracker, pings on. */
  private final class WsmonSide implements Side {
    private StatsTrackerVerticle tracker;
    private final List<String> deployments = new ArrayList<>();
    private JsonObject lastTotals = new JsonObject();

    @Override
    public void open(Vertx vertx, int n, List<String> sources) throws Exception {
      tracker = new StatsTrackerVerticle(new TrackerOptions().setLogStats(false));
      vertx.deployVerticle(tracker).await();
      Duration ramp = Duration.ofMillis(1000L * n / Math.max(1, RATE));
      for (int l = 0; l < LOOPS; l++) {
        int share = n / LOOPS + (l < n % LOOPS ? 1 : 0);
        ConnectionVerticle v =
            new ConnectionVerticle(
                new ConnectionVerticleOptions()
                    .setIdPrefix("l" + (l + 1) + "-")
                    .setEndpoints(
                        List.of(
                            new ConnectionOptions("ws://127.0.0.1:" + port + "/wsmon")
                                .setConnections(share)
                                .setRampUp(ramp)
                                .setConnectTimeout(Duration.ofSeconds(30))
                                .setPingInterval(PING)
                                .setSourceAddresses(sources))));
        deployments.add(vertx.deployVerticle(v).await());
      }
      until(
          vertx,
          connectBudget(n),
          () ->
              tracker
                  .totals()
                  .map(
                      doc -> {
                        JsonObject t = doc.getJsonObject("total");
                        lastTotals = t;
                        return t.getInteger("connected") >= n
                            || t.getLong("failed_connections") > 0;
                      }));
    }

    @Override
    public int connected() {
      lastTotals = tracker.totals().await().getJsonObject("total");
      return lastTotals.getInteger("connected");
    }

    @Override
    public void report(JsonObject out) {
      long t0 = System.nanoTime();
      JsonObject t = tracker.totals().await().getJsonObject("total");
      double totalsMs = (System.nanoTime() - t0) / 1e6;
      long s0 = System.nanoTime();
      int rows = tracker.snapshot().await().connections().size();
      double snapshotMs = (System.nanoTime() - s0) / 1e6;
      out.put("failed", t.getLong("failed_connections"))
          .put("disconnections", t.getLong("disconnections"))
          .put("pongs", t.getJsonObject("ping_rtt_ms").getLong("count"))
          .put("ping_rtt_p50_ms", t.getJsonObject("ping_rtt_ms").getValue("p50"))
          .put("ping_rtt_p99_ms", t.getJsonObject("ping_rtt_ms").getValue("p99"))
          .put("connect_latency_p99_ms", t.getJsonObject("connection_latency_ms").getValue("p99"))
          .put("totals_query_ms", Probe.round(totalsMs))
          .put("full_snapshot_query_ms", Probe.round(snapshotMs))
          .put("full_snapshot_rows", rows);
    }

    @Override
    public void close(Vertx vertx) {
      List<Future<Void>> undeploying = new ArrayList<>();
      deployments.forEach(id -> undeploying.add(vertx.undeploy(id)));
      Future.join(undeploying).otherwiseEmpty().await();
    }
  }
}
