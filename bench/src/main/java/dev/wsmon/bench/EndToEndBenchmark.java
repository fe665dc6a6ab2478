package dev.wsmon.bench;

import dev.wsmon.runner.load.ConnectionSpread;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * End-to-end overhead of wsmon against a raw Vert.x client doing the same work: the real {@code
 * wsmon run} ({@link WsmonRun} drives {@code RunExecution}) against {@link RawClient} on the same
 * number of event loops, both against the testkit echo server running in a child process (so CPU
 * time is the client's alone). Each round runs every test on both sides back to back, the order
 * alternating per round, after unrecorded warm-up rounds:
 *
 * <ul>
 *   <li><b>flood</b>: {@code connections} x {@code window} text messages of {@code size} bytes in
 *       flight ({@code wsmon run --rate 0 --window W -c N}); msgs/s and process CPU time per
 *       message over {@code seconds}, after {@code settle} seconds;
 *   <li><b>ping-pong</b>: 1 connection, 1 message in flight; p50 and p99 RTT as each side measures
 *       it (wsmon: its own {@code rtt_ms} after a {@code stats.reset}; raw: send-to-echo times);
 *   <li><b>delay</b>: the same against a server that delays each echo by {@code delay} ms; wsmon's
 *       p50 should be {@code delay} + the raw ping-pong p50.
 * </ul>
 *
 * <p>Arguments ({@code key=value}, all optional): {@code rounds=5 warmup=1 seconds=5 settle=1
 * connections=10 window=64 size=64 eventLoops=0} (0 = wsmon's default), {@code pingSeconds} (half
 * of {@code seconds}), {@code delay=20}, {@code delaySeconds=3}, {@code
 * out=bench/results/e2e.json}.
 */
public final class EndToEndBenchmark {

  /** Settings of a run. */
  record Settings(
      int rounds,
      int warmup,
      double seconds,
      double settle,
      double pingSeconds,
      int connections,
      int window,
      int size,
      int eventLoops,
      int delayMs,
      double delaySeconds,
      Path out) {

    static Settings parse(String... args) {
      int rounds = 5;
      int warmup = 1;
      double seconds = 5;
      double settle = 1;
      Double pingSeconds = null;
      int connections = 10;
      int window = 64;
      int size = 64;
      int eventLoops = 0;
      int delay = 20;
      double delaySeconds = 3;
      Path out = Path.of("bench/results/e2e.json");
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
          case "settle" -> settle = Double.parseDouble(value);
          case "pingSeconds" -> pingSeconds = Double.parseDouble(value);
          case "connections" -> connections = positive(key, Integer.parseInt(value));
          case "window" -> window = positive(key, Integer.parseInt(value));
          case "size" -> size = positive(key, Integer.parseInt(value));
          case "eventLoops" -> eventLoops = Integer.parseInt(value);
          case "delay" -> delay = positive(key, Integer.parseInt(value));
          case "delaySeconds" -> delaySeconds = Double.parseDouble(value);
          case "out" -> out = Path.of(value);
          default -> throw new IllegalArgumentException("unknown argument " + key + " in " + arg);
        }
      }
      if (warmup < 0) {
        throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
      }
      if (!(seconds >= 1.5)) {
        throw new IllegalArgumentException(
            "seconds must be >= 1.5 (wsmon flushes counts every second), got " + seconds);
      }
      if (!(settle >= 0) || !(delaySeconds > 0) || eventLoops < 0) {
        throw new IllegalArgumentException("settle, delaySeconds and eventLoops must be positive");
      }
      int loops = ConnectionSpread.loops(eventLoops, connections);
      return new Settings(
          rounds,
          warmup,
          seconds,
          settle,
          pingSeconds != null ? pingSeconds : seconds / 2,
          connections,
          window,
          size,
          loops,
          delay,
          delaySeconds,
          out);
    }

    private static int positive(String key, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(key + " must be >= 1, got " + value);
      }
      return value;
    }
  }

  /**
   * One flood measurement: msgs/s and the client's CPU µs per message; per message the echo
   * server's CPU µs and each side's read+write system calls; and the machine's busy processors (all
   * processes) on average.
   */
  record Flood(
      double perSecond,
      double cpuMicrosPerMessage,
      double serverCpuMicrosPerMessage,
      double clientSyscallsPerMessage,
      double serverSyscallsPerMessage,
      double busyCores) {

    static Flood of(
        double perSecond,
        double messages,
        long cpuNanos,
        ProcCounters server0,
        ProcCounters server1,
        ProcCounters client0,
        ProcCounters client1,
        double busyCores) {
      return new Flood(
          perSecond,
          cpuNanos / 1000.0 / messages,
          server0.cpuMicrosPerMessage(server1, messages),
          client0.syscallsPerMessage(client1, messages),
          server0.syscallsPerMessage(server1, messages),
          busyCores);
    }
  }

  /** One latency measurement, ms. */
  record Latency(double p50, double p99, long count) {}

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private EndToEndBenchmark() {}

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    JsonObject results = run(Settings.parse(args), System.out);
    System.out.println("results: " + results.getString("out"));
    System.exit(0);
  }

  static JsonObject run(Settings s, PrintStream log) throws Exception {
    String payload = "x".repeat(s.size());
    String loadBefore = loadAverage();
    Instant startedAt = Instant.now();
    List<double[]> rows = new ArrayList<>();
    List<String> loads = new ArrayList<>();
    JsonArray checks = new JsonArray();
    try (ServerProcess plain = ServerProcess.start();
        ServerProcess delayed = ServerProcess.start("delay=" + s.delayMs() + "ms")) {
      String uri = plain.uri("/echo");
      String slowUri = delayed.uri("/echo");
      for (int round = 1 - s.warmup(); round <= s.rounds(); round++) {
        boolean recorded = round >= 1;
        boolean rawFirst = Math.floorMod(round, 2) == 1;
        log.printf(
            "%s round %d (%s first)%n",
            recorded ? "measured" : "warm-up (not recorded)", round, rawFirst ? "raw" : "wsmon");
        Flood rawFlood = null;
        Flood wsFlood = null;
        for (int side = 0; side < 2; side++) {
          if ((side == 0) == rawFirst) {
            rawFlood = rawFlood(plain, s, payload);
          } else {
            wsFlood = wsmonFlood(plain, s, payload, checks, round);
          }
        }
        Latency rawPing = null;
        Latency wsPing = null;
        Latency rawDelay = null;
        Latency wsDelay = null;
        for (int side = 0; side < 2; side++) {
          if ((side == 0) == rawFirst) {
            rawPing = rawPingPong(uri, s.settle(), s.pingSeconds(), payload);
            rawDelay = rawPingPong(slowUri, s.settle(), s.delaySeconds(), payload);
          } else {
            wsPing = wsmonPingPong(uri, s.settle(), s.pingSeconds(), payload);
            wsDelay = wsmonPingPong(slowUri, s.settle(), s.delaySeconds(), payload);
          }
        }
        String load = loadAverage();
        log.printf(
            Locale.ROOT,
            "  flood per message: server cpu %.2f / %.2f us, client syscalls %.3f / %.3f, server"
                + " syscalls %.3f / %.3f; busy cores %.2f / %.2f (raw / wsmon)%n",
            rawFlood.serverCpuMicrosPerMessage(),
            wsFlood.serverCpuMicrosPerMessage(),
            rawFlood.clientSyscallsPerMessage(),
            wsFlood.clientSyscallsPerMessage(),
            rawFlood.serverSyscallsPerMessage(),
            wsFlood.serverSyscallsPerMessage(),
            rawFlood.busyCores(),
            wsFlood.busyCores());
        log.printf(
            Locale.ROOT,
            "  raw   %9.0f msg/s %6.2f us cpu/msg | ping p50 %.3f p99 %.3f ms | delay p50 %.3f ms%n"
                + "  wsmon %9.0f msg/s %6.2f us cpu/msg | ping p50 %.3f p99 %.3f ms | delay p50"
                + " %.3f ms | load %s%n",
            rawFlood.perSecond(),
            rawFlood.cpuMicrosPerMessage(),
            rawPing.p50(),
            rawPing.p99(),
            rawDelay.p50(),
            wsFlood.perSecond(),
            wsFlood.cpuMicrosPerMessage(),
            wsPing.p50(),
            wsPing.p99(),
            wsDelay.p50(),
            load);
        if (recorded) {
          loads.add(load);
          rows.add(
              new double[] {
                rawFlood.perSecond(),
                wsFlood.perSecond(),
                rawFlood.cpuMicrosPerMessage(),
                wsFlood.cpuMicrosPerMessage(),
                rawPing.p50(),
                wsPing.p50(),
                rawPing.p99(),
                wsPing.p99(),
                rawDelay.p50(),
                wsDelay.p50(),
                rawFlood.serverCpuMicrosPerMessage(),
                wsFlood.serverCpuMicrosPerMessage(),
                rawFlood.clientSyscallsPerMessage(),
                wsFlood.clientSyscallsPerMessage(),
                rawFlood.serverSyscallsPerMessage(),
                wsFlood.serverSyscallsPerMessage(),
                rawFlood.busyCores(),
                wsFlood.busyCores()
              });
        }
      }
    }
    JsonObject results = results(s, rows, loadBefore, loadAverage(), loads, checks, startedAt);
    Path out = s.out().toAbsolutePath();
    Files.createDirectories(out.getParent());
    Files.writeString(out, results.encodePrettily() + "\n");
    log.print(table(results));
    return results.put("out", s.out().toString());
  }

  // ------------------------------------------------------------------ the two sides

  static Flood rawFlood(ServerProcess server, Settings s, String payload) {
    try (RawClient raw =
        RawClient.open(server.uri("/echo"), s.connections(), s.eventLoops(), payload)) {
      raw.flood(s.window());
      park(s.settle());
      long r0 = raw.received();
      long cpu0 = cpuNanos();
      ProcCounters server0 = server.counters();
      ProcCounters client0 = ProcCounters.self();
      MachineCpu machine0 = MachineCpu.now();
      long t0 = System.nanoTime();
      park(s.seconds());
      long r1 = raw.received();
      long cpu1 = cpuNanos();
      ProcCounters server1 = server.counters();
      ProcCounters client1 = ProcCounters.self();
      MachineCpu machine1 = MachineCpu.now();
      long t1 = System.nanoTime();
      raw.stopAndDrain();
      long messages = r1 - r0;
      return Flood.of(
          messages / ((t1 - t0) / 1e9),
          messages,
          cpu1 - cpu0,
          server0,
          server1,
          client0,
          client1,
          machine0.busyCoresUntil(machine1));
    }
  }

  static Flood wsmonFlood(
      ServerProcess server, Settings s, String payload, JsonArray checks, int round)
      throws Exception {
    WsmonRun run =
        WsmonRun.start(server.uri("/echo"), s.connections(), s.eventLoops(), s.window(), payload);
    try {
      park(s.settle());
      Instant from = Instant.now();
      long cpu0 = cpuNanos();
      ProcCounters server0 = server.counters();
      ProcCounters client0 = ProcCounters.self();
      MachineCpu machine0 = MachineCpu.now();
      long t0 = System.nanoTime();
      park(s.seconds());
      Instant to = Instant.now();
      long cpu1 = cpuNanos();
      ProcCounters server1 = server.counters();
      ProcCounters client1 = ProcCounters.self();
      MachineCpu machine1 = MachineCpu.now();
      long t1 = System.nanoTime();
      // the flush nearest to the end of the window arrives up to a second later
      park(1.5);
      double rate = run.receivedPerSecond(from, to);
      int code = run.stop();
      JsonObject total = run.finalTotal();
      checks.add(
          new JsonObject()
              .put("round", round)
              .put("exit_code", code)
              .put("connections", total.getValue("connections"))
              .put("messages_sent", total.getValue("messages_sent"))
              .put("messages_received", total.getValue("messages_received"))
              .put("send_failures", total.getValue("send_failures"))
              .put("failed_connections", total.getValue("failed_connections")));
      double seconds = (t1 - t0) / 1e9;
      return Flood.of(
          rate,
          rate * seconds,
          cpu1 - cpu0,
          server0,
          server1,
          client0,
          client1,
          machine0.busyCoresUntil(machine1));
    } finally {
      run.close();
    }
  }

  static Latency rawPingPong(String uri, double settle, double seconds, String payload) {
    try (RawClient raw = RawClient.open(uri, 1, 1, payload)) {
      raw.pingPong();
      park(settle);
      raw.resetRtt();
      park(seconds);
      Histogram h = raw.rtt();
      raw.stopAndDrain();
      return new Latency(
          h.getValueAtPercentile(50) / 1000.0,
          h.getValueAtPercentile(99) / 1000.0,
          h.getTotalCount());
    }
  }

  static Latency wsmonPingPong(String uri, double settle, double seconds, String payload)
      throws Exception {
    WsmonRun run = WsmonRun.start(uri, 1, 1, 1, payload);
    try {
      park(settle);
      run.resetStats();
      park(seconds);
      // wsmon flushes its counts and histograms every second: wait for the last flush
      park(1.1);
      JsonObject rtt = run.total().getJsonObject("rtt_ms");
      return new Latency(rtt.getDouble("p50"), rtt.getDouble("p99"), rtt.getLong("count"));
    } finally {
      run.close();
    }
  }

  // ------------------------------------------------------------------ results

  private static final String[] METRICS = {
    "msgs_per_second", "higher",
    "cpu_us_per_message", "lower",
    "ping_pong_p50_ms", "lower",
    "ping_pong_p99_ms", "lower",
    "delay_p50_ms", "lower",
    "server_cpu_us_per_message", "lower",
    "client_syscalls_per_message", "lower",
    "server_syscalls_per_message", "lower",
    "machine_busy_cores", "higher"
  };

  static JsonObject results(
      Settings s,
      List<double[]> rows,
      String loadBefore,
      String loadAfter,
      List<String> loads,
      JsonArray checks,
      Instant startedAt) {
    JsonObject metrics = new JsonObject();
    for (int m = 0; m < METRICS.length / 2; m++) {
      int col = m * 2;
      double[] raw = rows.stream().mapToDouble(r -> r[col]).toArray();
      double[] wsmon = rows.stream().mapToDouble(r -> r[col + 1]).toArray();
      metrics.put(METRICS[col], metric(raw, wsmon, METRICS[col + 1]));
    }
    JsonArray goals = new JsonArray();
    double tput = metrics.getJsonObject("msgs_per_second").getDouble("paired_ratio_median");
    goals.add(goal("throughput", "wsmon msgs/s >= 0.90× raw (paired median)", tput, tput >= 0.90));
    double cpu = metrics.getJsonObject("cpu_us_per_message").getDouble("paired_ratio_median");
    goals.add(
        goal("cpu_per_message", "wsmon CPU/msg <= 1.25× raw (paired median)", cpu, cpu <= 1.25));
    for (String p : List.of("p50", "p99")) {
      double r = metrics.getJsonObject("ping_pong_" + p + "_ms").getDouble("paired_ratio_median");
      goals.add(goal("ping_pong_" + p, OverheadGoal.target(p), r, OverheadGoal.met(r)));
    }
    double wsDelay = metrics.getJsonObject("delay_p50_ms").getDouble("wsmon_median");
    double rawBase = metrics.getJsonObject("ping_pong_p50_ms").getDouble("raw_median");
    double expected = s.delayMs() + rawBase;
    goals.add(
        goal(
                "echo_delay",
                "wsmon p50 against a " + s.delayMs() + " ms echo delay = delay + raw p50 +- 1 ms",
                wsDelay - expected,
                Math.abs(wsDelay - expected) <= 1.0)
            .put("expected_ms", round3(expected))
            .put("wsmon_ms", round3(wsDelay))
            .put("raw_ms", round3(metrics.getJsonObject("delay_p50_ms").getDouble("raw_median"))));
    return new JsonObject()
        .put("benchmark", "end-to-end: wsmon run vs a raw Vert.x client")
        .put("started_at", startedAt.truncatedTo(ChronoUnit.SECONDS).toString())
        .put(
            "settings",
            new JsonObject()
                .put("rounds", s.rounds())
                .put("warmup_rounds", s.warmup())
                .put("flood_seconds", s.seconds())
                .put("settle_seconds", s.settle())
                .put("ping_pong_seconds", s.pingSeconds())
                .put("delay_seconds", s.delaySeconds())
                .put("connections", s.connections())
                .put("window", s.window())
                .put("message_bytes", s.size())
                .put("event_loops", s.eventLoops())
                .put("echo_delay_ms", s.delayMs()))
        .put("machine", machine(loadBefore, loadAfter, loads))
        .put("metrics", metrics)
        .put("goals", goals)
        .put("wsmon_flood_runs", checks);
  }

  private static JsonObject goal(String name, String target, double value, boolean met) {
    return new JsonObject()
        .put("name", name)
        .put("target", target)
        .put("value", round3(value))
        .put("met", met);
  }

  private static JsonObject machine(String before, String after, List<String> loads) {
    return new JsonObject()
        .put("processors", Runtime.getRuntime().availableProcessors())
        .put("cpu", cpuModel())
        .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
        .put("vertx", vertxVersion())
        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"))
        .put("load_average_before", before)
        .put("load_average_after", after)
        .put("load_average_per_round", new JsonArray(new ArrayList<>(loads)));
  }

  private static JsonObject metric(double[] raw, double[] wsmon, String better) {
    return new JsonObject()
        .put("better", better)
        .put("raw", array(raw))
        .put("wsmon", array(wsmon))
        .put("raw_median", round3(median(raw)))
        .put("wsmon_median", round3(median(wsmon)))
        .put("raw_spread_percent", round3(spreadPercent(raw)))
        .put("wsmon_spread_percent", round3(spreadPercent(wsmon)))
        .put("ratio_of_medians", round3(median(wsmon) / median(raw)))
        .put("paired_ratio_median", round3(median(pairedRatios(raw, wsmon))))
        .put("paired_ratios", array(pairedRatios(raw, wsmon)));
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
    Arrays.stream(values).forEach(v -> array.add(Double.isFinite(v) ? round3(v) : null));
    return array;
  }

  static double round3(double v) {
    return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : Double.NaN;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n == 0
        ? Double.NaN
        : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
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
              m.getDouble("ratio_of_medians"),
              m.getDouble("paired_ratio_median"),
              m.getDouble("raw_spread_percent"),
              m.getDouble("wsmon_spread_percent")));
    }
    for (Object g : results.getJsonArray("goals")) {
      JsonObject goal = (JsonObject) g;
      out.append(
          String.format(
              Locale.ROOT,
              "goal %-16s %-5s value %.3f  (%s)%n",
              goal.getString("name"),
              goal.getBoolean("met") ? "MET" : "NOT",
              goal.getDouble("value"),
              goal.getString("target")));
    }
    return out.toString();
  }

  static long cpuNanos() {
    return OS.getProcessCpuTime();
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return String.format(Locale.ROOT, "%.2f", OS.getSystemLoadAverage());
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String vertxVersion() {
    try (InputStream in =
        io.vertx.core.Vertx.class.getResourceAsStream(
            "/META-INF/maven/io.vertx/vertx-core/pom.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  static void park(double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long left;
    while ((left = end - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }

  static Duration seconds(double s) {
    return Duration.ofNanos((long) (s * 1e9));
  }
}
