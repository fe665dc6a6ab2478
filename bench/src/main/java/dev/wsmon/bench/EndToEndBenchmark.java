package dev.wsmon.bench;

import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ConnectionVerticle;
import dev.wsmon.core.ConnectionVerticleOptions;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.tracker.StatsTrackerVerticle;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * End-to-end overhead of wsmon against a raw Vert.x {@code WebSocketClient} doing the same work on
 * the same machine: an echo flood (connections x window in flight, fixed-size text messages, msgs/s
 * and process CPU time per message) and a ping-pong (1 connection, 1 in flight, p50 RTT). The sides
 * alternate in A/B rounds so that drift (JIT, thermal, other load) hits both alike.
 *
 * <p>Arguments (all optional, {@code key=value}): {@code rounds=5}, {@code warmup=1} (rounds run
 * first and not recorded), {@code seconds=5} (flood length per side and round; the ping-pong runs
 * for half of it), {@code connections=10}, {@code window=64}, {@code size=64}, {@code
 * out=bench/target/e2e-results.json}.
 */
public final class EndToEndBenchmark {

  /** Settings of a run. */
  record Settings(
      int rounds,
      int warmup,
      Duration flood,
      Duration pingPong,
      int connections,
      int window,
      int size,
      Path out) {

    static Settings parse(String... args) {
      int rounds = 5;
      int warmup = 1;
      double seconds = 5;
      int connections = 10;
      int window = 64;
      int size = 64;
      Path out = Path.of("bench/target/e2e-results.json");
      for (String arg : args) {
        int eq = arg.indexOf('=');
        if (eq < 1) {
          throw new IllegalArgumentException("expected key=value, got " + arg);
        }
        String key = arg.substring(0, eq);
        String value = arg.substring(eq + 1);
        switch (key) {
          case "rounds" -> rounds = positive(key, Integer.parseInt(value));
          case "warmup" -> warmup = Integer.parseInt(value);
          case "seconds" -> seconds = Double.parseDouble(value);
          case "connections" -> connections = positive(key, Integer.parseInt(value));
          case "window" -> window = positive(key, Integer.parseInt(value));
          case "size" -> size = positive(key, Integer.parseInt(value));
          case "out" -> out = Path.of(value);
          default -> throw new IllegalArgumentException("unknown argument " + key + " in " + arg);
        }
      }
      if (warmup < 0) {
        throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
      }
      if (!(seconds > 0)) {
        throw new IllegalArgumentException("seconds must be > 0, got " + seconds);
      }
      Duration flood = Duration.ofNanos((long) (seconds * 1e9));
      return new Settings(
          rounds, warmup, flood, flood.dividedBy(2), connections, window, size, out);
    }

    private static int positive(String key, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(key + " must be >= 1, got " + value);
      }
      return value;
    }
  }

  /** One flood measurement. */
  record Flood(long messages, double seconds, long cpuNanos) {
    double perSecond() {
      return messages / seconds;
    }

    double cpuMicrosPerMessage() {
      return messages == 0 ? Double.NaN : cpuNanos / 1000.0 / messages;
    }
  }

  /** One side of the comparison. */
  interface Side extends AutoCloseable {
    Flood flood(int round) throws Exception;

    /** Ping-pong RTTs in microseconds. */
    Histogram pingPong(int round) throws Exception;

    @Override
    void close() throws Exception;
  }

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private EndToEndBenchmark() {}

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    JsonObject results = run(Settings.parse(args), System.out);
    System.out.println("results: " + results.getString("out"));
  }

  static JsonObject run(Settings settings, java.io.PrintStream log) throws Exception {
    Vertx serverVertx = Vertx.vertx();
    Vertx clientVertx = Vertx.vertx();
    try {
      EchoServer server = EchoServer.deploy(serverVertx).await();
      String uri = server.uri("/echo");
      String payload = "x".repeat(settings.size());
      StatsTrackerVerticle tracker = new StatsTrackerVerticle();
      clientVertx.deployVerticle(tracker).await();
      List<Flood> raw = new ArrayList<>();
      List<Flood> wsmon = new ArrayList<>();
      List<Double> rawP50 = new ArrayList<>();
      List<Double> wsmonP50 = new ArrayList<>();
      try (Side a = new RawSide(clientVertx, uri, payload, settings);
          Side b = new WsmonSide(clientVertx, tracker, uri, payload, settings)) {
        for (int round = 1; round <= settings.warmup(); round++) {
          log.printf("warm-up round %d (not recorded)%n", round);
          a.flood(-round);
          b.flood(-round);
          a.pingPong(-round);
          b.pingPong(-round);
        }
        for (int round = 1; round <= settings.rounds(); round++) {
          boolean rawFirst = round % 2 == 1;
          Side first = rawFirst ? a : b;
          Side second = rawFirst ? b : a;
          Flood f1 = first.flood(round);
          Flood f2 = second.flood(round);
          raw.add(rawFirst ? f1 : f2);
          wsmon.add(rawFirst ? f2 : f1);
          Histogram h1 = first.pingPong(round);
          Histogram h2 = second.pingPong(round);
          rawP50.add(p50Millis(rawFirst ? h1 : h2));
          wsmonP50.add(p50Millis(rawFirst ? h2 : h1));
          log.printf(
              Locale.ROOT,
              "round %d: raw %.0f msg/s %.2f us cpu/msg p50 %.3f ms | wsmon %.0f msg/s %.2f us"
                  + " cpu/msg p50 %.3f ms%n",
              round,
              raw.get(round - 1).perSecond(),
              raw.get(round - 1).cpuMicrosPerMessage(),
              rawP50.get(round - 1),
              wsmon.get(round - 1).perSecond(),
              wsmon.get(round - 1).cpuMicrosPerMessage(),
              wsmonP50.get(round - 1));
        }
      }
      JsonObject trackerTotal = tracker.snapshot().await().total();
      JsonObject results = results(settings, raw, wsmon, rawP50, wsmonP50, trackerTotal);
      Files.createDirectories(settings.out().toAbsolutePath().getParent());
      Files.writeString(settings.out(), results.encodePrettily());
      log.print(table(results));
      return results.put("out", settings.out().toString());
    } finally {
      clientVertx.close().await();
      serverVertx.close().await();
    }
  }

  static double p50Millis(Histogram histogram) {
    return histogram.getTotalCount() == 0
        ? Double.NaN
        : histogram.getValueAtPercentile(50) / 1000.0;
  }

  private static JsonObject results(
      Settings settings,
      List<Flood> raw,
      List<Flood> wsmon,
      List<Double> rawP50,
      List<Double> wsmonP50,
      JsonObject trackerTotal) {
    JsonObject metrics = new JsonObject();
    metrics.put(
        "msgs_per_second",
        metric(
            raw.stream().mapToDouble(Flood::perSecond).toArray(),
            wsmon.stream().mapToDouble(Flood::perSecond).toArray(),
            "higher"));
    metrics.put(
        "cpu_us_per_message",
        metric(
            raw.stream().mapToDouble(Flood::cpuMicrosPerMessage).toArray(),
            wsmon.stream().mapToDouble(Flood::cpuMicrosPerMessage).toArray(),
            "lower"));
    metrics.put(
        "ping_pong_p50_ms",
        metric(
            rawP50.stream().mapToDouble(Double::doubleValue).toArray(),
            wsmonP50.stream().mapToDouble(Double::doubleValue).toArray(),
            "lower"));
    return new JsonObject()
        .put(
            "settings",
            new JsonObject()
                .put("rounds", settings.rounds())
                .put("warmup_rounds", settings.warmup())
                .put("flood_seconds", settings.flood().toMillis() / 1000.0)
                .put("ping_pong_seconds", settings.pingPong().toMillis() / 1000.0)
                .put("connections", settings.connections())
                .put("window", settings.window())
                .put("message_bytes", settings.size()))
        .put(
            "machine",
            new JsonObject()
                .put("processors", Runtime.getRuntime().availableProcessors())
                .put("java", System.getProperty("java.version"))
                .put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch")))
        .put("metrics", metrics)
        .put(
            "wsmon_tracker_total",
            new JsonObject()
                .put("messages_sent", trackerTotal.getValue("messages_sent"))
                .put("messages_received", trackerTotal.getValue("messages_received"))
                .put("send_failures", trackerTotal.getValue("send_failures"))
                .put("rtt_ms_p50", trackerTotal.getJsonObject("rtt_ms").getValue("p50")));
  }

  private static JsonObject metric(double[] raw, double[] wsmon, String better) {
    double rawMedian = median(raw);
    double wsmonMedian = median(wsmon);
    return new JsonObject()
        .put("better", better)
        .put("raw", array(raw))
        .put("wsmon", array(wsmon))
        .put("raw_median", rawMedian)
        .put("wsmon_median", wsmonMedian)
        .put("raw_spread_percent", spreadPercent(raw))
        .put("wsmon_spread_percent", spreadPercent(wsmon))
        .put("ratio_wsmon_to_raw", wsmonMedian / rawMedian)
        .put("paired_ratio_median", median(pairedRatios(raw, wsmon)));
  }

  /** wsmon / raw of each round: both sides ran back to back, so drift hits both alike. */
  static double[] pairedRatios(double[] raw, double[] wsmon) {
    double[] ratios = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      ratios[i] = wsmon[i] / raw[i];
    }
    return ratios;
  }

  private static JsonArray array(double[] values) {
    JsonArray array = new JsonArray();
    Arrays.stream(values).forEach(v -> array.add(Double.isFinite(v) ? v : null));
    return array;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** (max - min) / median, in percent. */
  static double spreadPercent(double[] values) {
    double min = Arrays.stream(values).min().orElse(Double.NaN);
    double max = Arrays.stream(values).max().orElse(Double.NaN);
    return (max - min) / median(values) * 100;
  }

  static String table(JsonObject results) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%n%-20s %14s %14s %10s %12s %12s %12s%n",
            "metric (median)",
            "raw Vert.x",
            "wsmon",
            "wsmon/raw",
            "paired w/r",
            "raw spread",
            "wsmon spread"));
    JsonObject metrics = results.getJsonObject("metrics");
    for (String name : metrics.fieldNames()) {
      JsonObject m = metrics.getJsonObject(name);
      out.append(
          String.format(
              Locale.ROOT,
              "%-20s %14.3f %14.3f %10.3f %12.3f %11.1f%% %11.1f%%%n",
              name,
              m.getDouble("raw_median"),
              m.getDouble("wsmon_median"),
              m.getDouble("ratio_wsmon_to_raw"),
              m.getDouble("paired_ratio_median"),
              m.getDouble("raw_spread_percent"),
              m.getDouble("wsmon_spread_percent")));
    }
    return out.toString();
  }

  static long cpuNanos() {
    return OS.getProcessCpuTime();
  }

  static void awaitUntil(java.util.function.BooleanSupplier done, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  /** Counters of a flood or ping-pong, touched on one event loop and read by the main thread. */
  static final class Traffic {
    final AtomicLong sent = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    volatile boolean running = true;

    void drain(String side) {
      running = false;
      awaitUntil(() -> received.get() >= sent.get(), Duration.ofSeconds(30), side + " drain");
    }
  }

  /** A raw Vert.x WebSocketClient on one event loop, as ConnectionVerticle uses one. */
  static final class RawSide implements Side {
    private final Context context;
    private final URI uri;
    private final String payload;
    private final Settings settings;
    private WebSocketClient client;

    RawSide(Vertx vertx, String uri, String payload, Settings settings) {
      this.context = vertx.getOrCreateContext();
      this.uri = URI.create(uri);
      this.payload = payload;
      this.settings = settings;
      onContext(
              () -> {
                client =
                    vertx.createWebSocketClient(
                        new WebSocketClientOptions().setMaxConnections(settings.connections() + 1));
                return Future.succeededFuture();
              })
          .await();
    }

    private <T> Future<T> onContext(java.util.function.Supplier<Future<T>> task) {
      Promise<T> promise = Promise.promise();
      context.runOnContext(v -> task.get().onComplete(promise));
      return promise.future();
    }

    private List<WebSocket> open(int count) {
      return onContext(
              () -> {
                List<Future<WebSocket>> all = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                  all.add(client.connect(uri.getPort(), uri.getHost(), uri.getPath()));
                }
                return Future.all(all).map(cf -> cf.<WebSocket>list());
              })
          .await();
    }

    private void closeAll(List<WebSocket> sockets) {
      onContext(() -> Future.all(sockets.stream().map(WebSocket::close).toList())).await();
    }

    @Override
    public Flood flood(int round) {
      List<WebSocket> sockets = open(settings.connections());
      Traffic traffic = new Traffic();
      long cpu0 = cpuNanos();
      long t0 = System.nanoTime();
      onContext(
              () -> {
                for (WebSocket ws : sockets) {
                  ws.textMessageHandler(
                      text -> {
                        traffic.received.incrementAndGet();
                        if (traffic.running) {
                          traffic.sent.incrementAndGet();
                          ws.writeTextMessage(payload);
                        }
                      });
                  for (int i = 0; i < settings.window(); i++) {
                    traffic.sent.incrementAndGet();
                    ws.writeTextMessage(payload);
                  }
                }
                return Future.succeededFuture();
              })
          .await();
      LockSupport.parkNanos(settings.flood().toNanos());
      long inWindow = traffic.received.get();
      long t1 = System.nanoTime();
      long cpu1 = cpuNanos();
      traffic.drain("raw flood");
      closeAll(sockets);
      return new Flood(inWindow, (t1 - t0) / 1e9, cpu1 - cpu0);
    }

    @Override
    public Histogram pingPong(int round) {
      WebSocket ws = open(1).get(0);
      Histogram rtt = new Histogram(3);
      Traffic traffic = new Traffic();
      long[] sentAt = new long[1];
      onContext(
              () -> {
                ws.textMessageHandler(
                    text -> {
                      rtt.recordValue((System.nanoTime() - sentAt[0]) / 1000);
                      traffic.received.incrementAndGet();
                      if (traffic.running) {
                        traffic.sent.incrementAndGet();
                        sentAt[0] = System.nanoTime();
                        ws.writeTextMessage(payload);
                      }
                    });
                traffic.sent.incrementAndGet();
                sentAt[0] = System.nanoTime();
                ws.writeTextMessage(payload);
                return Future.succeededFuture();
              })
          .await();
      LockSupport.parkNanos(settings.pingPong().toNanos());
      traffic.drain("raw ping-pong");
      closeAll(List.of(ws));
      return onContext(() -> Future.succeededFuture(rtt.copy())).await();
    }

    @Override
    public void close() {
      onContext(() -> client.close()).await();
    }
  }

  /** wsmon's path: a ConnectionVerticle counted by a StatsTrackerVerticle. */
  static final class WsmonSide implements Side {
    private final Vertx vertx;
    private final StatsTrackerVerticle tracker;
    private final String uri;
    private final String payload;
    private final Settings settings;

    WsmonSide(
        Vertx vertx, StatsTrackerVerticle tracker, String uri, String payload, Settings settings) {
      this.vertx = vertx;
      this.tracker = tracker;
      this.uri = uri;
      this.payload = payload;
      this.settings = settings;
    }

    private ConnectionVerticle deploy(String prefix, int connections) {
      ConnectionVerticle verticle =
          new ConnectionVerticle(
              new ConnectionVerticleOptions()
                  .setIdPrefix(prefix)
                  .addEndpoint(new ConnectionOptions(uri).setConnections(connections)));
      String id = vertx.deployVerticle(verticle).await();
      awaitUntil(
          () -> verticle.connections().stream().allMatch(Connection::isConnected),
          Duration.ofSeconds(30),
          "wsmon connections to open");
      deployments.add(id);
      return verticle;
    }

    private final List<String> deployments = new ArrayList<>();

    private void undeployLast() {
      vertx.undeploy(deployments.remove(deployments.size() - 1)).await();
    }

    private long trackerReceived() {
      return tracker.snapshot().await().total().getLong("messages_received");
    }

    @Override
    public Flood flood(int round) {
      ConnectionVerticle verticle = deploy("f" + round + "-", settings.connections());
      long before = trackerReceived();
      Traffic traffic = new Traffic();
      long cpu0 = cpuNanos();
      long t0 = System.nanoTime();
      for (Connection connection : verticle.connections()) {
        Consumer<Void> sendOne =
            v -> {
              traffic.sent.incrementAndGet();
              connection.sendText(payload);
            };
        connection.textMessageHandler(
            text -> {
              traffic.received.incrementAndGet();
              if (traffic.running) {
                sendOne.accept(null);
              }
            });
        for (int i = 0; i < settings.window(); i++) {
          sendOne.accept(null);
        }
      }
      LockSupport.parkNanos(settings.flood().toNanos());
      long inWindow = traffic.received.get();
      long t1 = System.nanoTime();
      long cpu1 = cpuNanos();
      traffic.drain("wsmon flood");
      long all = traffic.received.get();
      undeployLast();
      awaitUntil(
          () -> trackerReceived() - before >= all, Duration.ofSeconds(10), "the tracker's count");
      long counted = trackerReceived() - before;
      // The tracker counted the whole flood, including the drain after the window.
      long messages = counted - (all - inWindow);
      return new Flood(messages, (t1 - t0) / 1e9, cpu1 - cpu0);
    }

    @Override
    public Histogram pingPong(int round) {
      Connection connection = deploy("p" + round + "-", 1).connections().get(0);
      Histogram rtt = new Histogram(3);
      Traffic traffic = new Traffic();
      Duration timeout = Duration.ofSeconds(10);
      Runnable[] next = new Runnable[1];
      next[0] =
          () -> {
            traffic.sent.incrementAndGet();
            long sentAt = System.nanoTime();
            connection
                .request(payload, timeout)
                .onComplete(
                    reply -> {
                      rtt.recordValue((System.nanoTime() - sentAt) / 1000);
                      traffic.received.incrementAndGet();
                      if (traffic.running) {
                        next[0].run();
                      }
                    });
          };
      next[0].run();
      LockSupport.parkNanos(settings.pingPong().toNanos());
      traffic.drain("wsmon ping-pong");
      undeployLast();
      return rtt.copy();
    }

    @Override
    public void close() {}
  }
}
