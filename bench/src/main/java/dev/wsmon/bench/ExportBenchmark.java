package dev.wsmon.bench;

import dev.wsmon.exporters.Exporters;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JSON and CSV export of a snapshot document with many connections (default 10 000), built to the
 * contract of {@code docs/export-format.md}: every metric key, three histograms, close codes, and
 * one event per connection.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xms1g", "-Xmx1g"})
public class ExportBenchmark {

  @Param({"10000"})
  public int connections;

  private JsonObject snapshot;

  @Setup
  public void setUp() {
    snapshot = snapshot(connections);
  }

  @Benchmark
  public String jsonCompact() {
    return Exporters.json(snapshot, false);
  }

  @Benchmark
  public String jsonPretty() {
    return Exporters.json(snapshot, true);
  }

  @Benchmark
  public String csv() {
    return Exporters.csv(snapshot);
  }

  static JsonObject snapshot(int connections) {
    JsonArray conns = new JsonArray();
    JsonArray events = new JsonArray();
    JsonObject groups = new JsonObject();
    for (int g = 0; g < 4; g++) {
      groups.put(
          "ws://10.0.0." + g + ":8080/feed",
          metrics(connections / 4, g)
              .put("connections", connections / 4)
              .put("connected", connections / 4));
    }
    for (int i = 1; i <= connections; i++) {
      conns.add(
          metrics(1, i)
              .put("connection_id", "c-" + i)
              .put("group", "ws://10.0.0." + (i % 4) + ":8080/feed")
              .put("state", "CONNECTED"));
      events.add(
          new JsonObject()
              .put("connection_id", "c-" + i)
              .put("type", "CONNECTED")
              .put("timestamp", "2026-01-01T00:00:00." + String.format("%03d", i % 1000) + "Z")
              .put("attempt", 0)
              .put("duration_ms", 10.0 + i % 100 / 7.0)
              .putNull("close_code")
              .putNull("reason"));
    }
    return new JsonObject()
        .put("generated_at", "2026-01-01T01:00:00Z")
        .put("started_at", "2026-01-01T00:00:00Z")
        .put("elapsed_seconds", 3600.0)
        .put(
            "total",
            metrics(connections, 0).put("connections", connections).put("connected", connections))
        .put("groups", groups)
        .put("connections", conns)
        .put("events", events);
  }

  private static JsonObject metrics(long scale, int seed) {
    double jitter = (seed % 97) / 97.0;
    return new JsonObject()
        .put("connection_attempts", 3 * scale)
        .put("successful_connections", 3 * scale)
        .put("failed_connections", 0)
        .put("disconnections", 2 * scale)
        .put("reconnections", 2 * scale)
        .put("success_rate", 100.0)
        .put("avg_connection_latency_ms", 12.345 + jitter)
        .put("last_connection_latency_ms", 11.5 + jitter)
        .put("connection_latency_ms", histogram(3 * scale, 10 + jitter))
        .put("total_uptime_seconds", 3590.25 * scale)
        .put("current_uptime_seconds", 1200.5)
        .put("time_since_last_disconnection_seconds", 1200.5)
        .put("messages_sent", 360_000 * scale)
        .put("messages_received", 359_990 * scale)
        .put("bytes_sent", 23_040_000L * scale)
        .put("bytes_received", 23_039_360L * scale)
        .put("send_failures", 0)
        .put("request_timeouts", 0)
        .put("protocol_errors", 0)
        .put("avg_messages_sent_per_second", 100.0 * scale)
        .put("avg_messages_received_per_second", 99.997 * scale)
        .put("avg_bytes_sent_per_second", 6400.0 * scale)
        .put("avg_bytes_received_per_second", 6399.8 * scale)
        .put("current_messages_sent_per_second", 100.0 * scale)
        .put("current_messages_received_per_second", 100.0 * scale)
        .put("current_bytes_sent_per_second", 6400.0 * scale)
        .put("current_bytes_received_per_second", 6400.0 * scale)
        .put("rtt_ms", histogram(359_990 * scale, 0.25 + jitter))
        .put("ping_rtt_ms", histogram(0, 0))
        .put("close_codes", new JsonObject().put("1001", scale).put("1006", scale))
        .put("last_close_code", 1006)
        .put("last_close_reason", "connection reset by peer")
        .put("is_connected", true)
        .put("health_score", 100)
        .put("health", "Excellent");
  }

  private static JsonObject histogram(long count, double base) {
    JsonObject json = new JsonObject().put("count", count);
    if (count == 0) {
      return json.putNull("min")
          .putNull("mean")
          .putNull("p50")
          .putNull("p90")
          .putNull("p99")
          .putNull("p999")
          .putNull("max");
    }
    return json.put("min", base)
        .put("mean", base * 1.5)
        .put("p50", base * 1.4)
        .put("p90", base * 2)
        .put("p99", base * 3.25)
        .put("p999", base * 4)
        .put("max", base * 4.125);
  }
}
