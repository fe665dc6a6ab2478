package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement, not a unit test: in a fresh JVM (the fat jar), the first connects of a run cost
 * about what its reconnects do. Timing on a shared machine depends on its load, so it runs in the
 * {@code soak} profile ({@code mvn -Psoak verify -pl runner -am -Dit.test=ColdStartIT}); the
 * default suite checks its parts deterministically (core {@code ClientWarmUpTest}, {@code
 * ConnectionVerticleDeferStartTest}, runner {@code RunWarmUpTest}). It runs {@value #RUNS} fresh
 * JVMs and judges the median one.
 */
@Tag("soak")
@Timeout(240)
@DisplayName("cold start: 10 connections in a fresh JVM connect about as fast as their reconnects")
class ColdStartIT {

  @TempDir Path dir;
  private Vertx vertx;
  private EchoServer server;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = EchoServer.deploy(vertx).await();
    // the target is a running server: warm its side, so that only the client's cold start is
    // measured (a cold server costs its first handshakes hundreds of ms too)
    WebSocketClient client = vertx.createWebSocketClient();
    for (int i = 0; i < 20; i++) {
      client.connect(server.port(), "127.0.0.1", "/").compose(ws -> ws.close()).await();
    }
    client.close().await();
    // then one unmeasured run: it warms the server with what is measured next, ten handshakes at
    // once on its event loops (after 20 sequential ones only, the first measured JVM was the
    // slowest of three: its ten first connects took 88-194 ms)
    coldRun(dir.resolve("events-server-warm-up.jsonl"));
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  /**
   * Runs of a fresh JVM; the median one is judged, so that one scheduler hiccup does not fail it.
   */
  private static final int RUNS = 3;

  private static final Path SETSID = Path.of("/usr/bin/setsid");

  @Test
  void firstConnectsWithinThreeTimesTheReconnectMedian() throws Exception {
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      runs.add(coldRun(dir.resolve("events-" + i + ".jsonl")));
    }
    for (int i = 0; i < RUNS; i++) {
      System.out.printf("ColdStartIT JVM %d: %s%n", i + 1, runs.get(i));
    }
    runs.sort(Comparator.comparingDouble(Run::excess));
    Run median = runs.get(RUNS / 2);
    // 3x the goal, plus 15 ms for a scheduler hiccup on a busy machine
    assertThat(median.firstMax())
        .as("median of %d fresh JVMs: %s; all: %s", RUNS, median, runs)
        .isLessThanOrEqualTo(3 * median.reconnectMedian() + 15);
  }

  /**
   * One fresh JVM's run: its first connects, the median of its reconnects (ms), and its reconnects
   * that started with at least {@value #CONCURRENT} others within {@value #WINDOW_MS} ms, as the
   * ten first connects do: the reconnects of a {@code --hold} run drift apart, so most of them run
   * alone, and handshakes started together cost more on any JVM (docs/reliability.md). Reported,
   * not judged.
   */
  record Run(List<Double> first, double reconnectMedian, List<Double> concurrentReconnects) {
    double firstMax() {
      return first.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** How far the first connects are over the goal (with its slack). */
    double excess() {
      return firstMax() - (3 * reconnectMedian + 15);
    }

    @Override
    public String toString() {
      List<Double> c = concurrentReconnects;
      return String.format(
          "first max %.2f ms (%s), reconnect median %.2f ms, ratio %.1f; reconnects started with"
              + " %d+ others within %d ms: %d, median %.2f ms, max %.2f ms",
          firstMax(),
          first,
          reconnectMedian,
          firstMax() / reconnectMedian,
          CONCURRENT,
          WINDOW_MS,
          c.size(),
          c.isEmpty() ? Double.NaN : c.get(c.size() / 2),
          c.isEmpty() ? Double.NaN : c.get(c.size() - 1));
    }
  }

  /** Others started nearby that make a reconnect as concurrent as the first ten: {@value}. */
  static final int CONCURRENT = 6;

  /** How near another connect's start must be (ms): {@value}. */
  static final int WINDOW_MS = 5;

  /**
   * The reconnects (ms, sorted) that started with at least {@link #CONCURRENT} other connects
   * within {@link #WINDOW_MS} ms (by start time: a slow connect does not overlap more because it
   * was slow).
   */
  static List<Double> concurrent(List<double[]> connects) {
    List<Double> out = new ArrayList<>();
    for (double[] c : connects) {
      if (c[3] == 0) {
        continue; // a first connect
      }
      int others = -1;
      for (double[] o : connects) {
        if (Math.abs(o[0] - c[0]) <= WINDOW_MS) {
          others++;
        }
      }
      if (others >= CONCURRENT) {
        out.add(c[2]);
      }
    }
    out.sort(null);
    return out;
  }

  private Run coldRun(Path events) throws Exception {
    List<String> command = new ArrayList<>();
    // a session of its own, as a user's terminal: on Linux with autogroup scheduling, a session is
    // the unit that shares the CPU, and this test's JVM (the server, Maven) is not wsmon's
    if (Files.isExecutable(SETSID)) {
      command.addAll(List.of(SETSID.toString(), "-w"));
    }
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            Path.of(System.getProperty("wsmon.jar", "target/wsmon.jar")).toString(),
            "run",
            server.uri("/"),
            "-c",
            "10",
            "-d",
            "5s",
            "--hold",
            "300ms",
            "--quiet",
            "--events-jsonl",
            events.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    List<Double> first = new ArrayList<>();
    List<Double> reconnects = new ArrayList<>();
    // each connect as {start ms, end ms, duration ms, 0 for a first connect}
    List<double[]> connects = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String line : Files.readAllLines(events)) {
      JsonObject e = new JsonObject(line);
      if ("CONNECTED".equals(e.getString("type"))) {
        boolean isFirst = seen.add(e.getString("connection_id"));
        double ms = e.getDouble("duration_ms");
        (isFirst ? first : reconnects).add(ms);
        Instant at = Instant.parse(e.getString("timestamp"));
        double end = at.getEpochSecond() * 1000.0 + at.getNano() / 1e6;
        connects.add(new double[] {end - ms, end, ms, isFirst ? 0 : 1});
      }
    }
    assertThat(first).hasSize(10);
    assertThat(reconnects).hasSizeGreaterThanOrEqualTo(10);
    reconnects.sort(null);
    return new Run(first, reconnects.get(reconnects.size() / 2), concurrent(connects));
  }
}
