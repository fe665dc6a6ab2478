package dev.wsmon.runner.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.runner.compare.SnapshotComparison.Direction;
import dev.wsmon.runner.compare.SnapshotComparison.Row;
import dev.wsmon.runner.config.ConfigException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("SnapshotComparison: directions, tolerances, zero baselines, bad input")
class SnapshotComparisonTest {

  private static JsonObject doc(JsonObject total) {
    return new JsonObject().put("total", total);
  }

  private static JsonObject total(
      double successRate, long received, double p99, long disconnections, double uptime) {
    return new JsonObject()
        .put("success_rate", successRate)
        .put("messages_received", received)
        .put("disconnections", disconnections)
        .put("total_uptime_seconds", uptime)
        .put("is_connected", true)
        .put("health", "Excellent")
        .putNull("last_close_code")
        .put("rtt_ms", new JsonObject().put("count", received).put("p50", 1.0).put("p99", p99));
  }

  private static Row row(SnapshotComparison comparison, String metric) {
    return comparison.rows().stream()
        .filter(r -> r.metric().equals(metric))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + metric));
  }

  @Test
  @DisplayName("scenario metrics: check rates higher, step latencies and failures lower")
  void scenarioDirections() {
    assertThat(Direction.of("scenario.checks.rate")).isEqualTo(Direction.HIGHER_IS_BETTER);
    assertThat(Direction.of("scenario.checks.by_check.pong.rate"))
        .isEqualTo(Direction.HIGHER_IS_BETTER);
    assertThat(Direction.of("scenario.steps.first-tick.latency_ms.p99"))
        .isEqualTo(Direction.LOWER_IS_BETTER);
    assertThat(Direction.of("scenario.steps.pong.timed_out")).isEqualTo(Direction.LOWER_IS_BETTER);
    assertThat(Direction.of("scenario.failed")).isEqualTo(Direction.LOWER_IS_BETTER);
    assertThat(Direction.of("scenario.steps.pong.runs")).isEqualTo(Direction.NEUTRAL);
  }

  @Test
  @DisplayName("the better direction of each kind of metric")
  void directions() {
    assertThat(Direction.of("success_rate")).isEqualTo(Direction.HIGHER_IS_BETTER);
    assertThat(Direction.of("messages_sent")).isEqualTo(Direction.HIGHER_IS_BETTER);
    assertThat(Direction.of("avg_bytes_received_per_second")).isEqualTo(Direction.HIGHER_IS_BETTER);
    assertThat(Direction.of("current_messages_sent_per_second"))
        .isEqualTo(Direction.HIGHER_IS_BETTER);
    assertThat(Direction.of("rtt_ms.p99")).isEqualTo(Direction.LOWER_IS_BETTER);
    assertThat(Direction.of("connection_latency_ms.p50")).isEqualTo(Direction.LOWER_IS_BETTER);
    assertThat(Direction.of("ping_rtt_ms.max")).isEqualTo(Direction.LOWER_IS_BETTER);
    assertThat(Direction.of("feed.e2e_latency_ms.p99")).isEqualTo(Direction.LOWER_IS_BETTER);
    assertThat(Direction.of("avg_connection_latency_ms")).isEqualTo(Direction.LOWER_IS_BETTER);
    assertThat(Direction.of("attempts_abandoned"))
        .as("attempts in flight at the end of a run: timing, shown but not gated")
        .isEqualTo(Direction.NEUTRAL);
    for (String lower :
        new String[] {
          "failed_connections",
          "disconnections",
          "reconnections",
          "send_failures",
          "request_timeouts",
          "protocol_errors"
        }) {
      assertThat(Direction.of(lower)).as(lower).isEqualTo(Direction.LOWER_IS_BETTER);
    }
    assertThat(Direction.of("rtt_ms.count")).isEqualTo(Direction.NEUTRAL);
    assertThat(Direction.of("total_uptime_seconds")).isEqualTo(Direction.NEUTRAL);
    assertThat(Direction.of("bytes_sent")).isEqualTo(Direction.NEUTRAL);
    assertThat(Direction.of("feed.inter_arrival_ms.p99")).isEqualTo(Direction.NEUTRAL);
    assertThat(Direction.of("health_score")).isEqualTo(Direction.HIGHER_IS_BETTER);
    assertThat(Direction.of("connected")).isEqualTo(Direction.HIGHER_IS_BETTER);
    assertThat(Direction.of("rtt_ms.min")).isEqualTo(Direction.NEUTRAL);
    assertThat(Direction.of("connection_latency_ms.min")).isEqualTo(Direction.NEUTRAL);
  }

  @Test
  @DisplayName(
      "numeric metrics are flattened with dotted names; strings, booleans and nulls skipped")
  void flattensNumbers() {
    SnapshotComparison c =
        SnapshotComparison.of(doc(total(100, 10, 5, 0, 60)), doc(total(100, 10, 5, 0, 60)), 10, 0);
    assertThat(c.rows())
        .extracting(Row::metric)
        .containsExactly(
            "success_rate",
            "messages_received",
            "disconnections",
            "total_uptime_seconds",
            "rtt_ms.count",
            "rtt_ms.p50",
            "rtt_ms.p99");
    assertThat(c.regressions()).isEmpty();
  }

  @Test
  @DisplayName("a lower-is-better metric regresses only beyond the percentage; deltas are exact")
  void lowerIsBetterTolerance() {
    JsonObject base = doc(total(100, 1000, 10, 0, 60));
    SnapshotComparison within =
        SnapshotComparison.of(base, doc(total(100, 1000, 11, 0, 60)), 10, 0);
    assertThat(within.regressions()).isEmpty();
    SnapshotComparison beyond =
        SnapshotComparison.of(base, doc(total(100, 1000, 11.5, 0, 60)), 10, 0);
    assertThat(beyond.regressions()).extracting(Row::metric).containsExactly("rtt_ms.p99");
    Row p99 = row(beyond, "rtt_ms.p99");
    assertThat(p99.delta()).isEqualTo(1.5);
    assertThat(p99.deltaPercent()).isEqualTo(15.0);
    assertThat(beyond.describeRegressions()).isEqualTo("rtt_ms.p99 10 -> 11.500 (+15.0%)");
    SnapshotComparison faster = SnapshotComparison.of(base, doc(total(100, 1000, 2, 0, 60)), 0, 0);
    assertThat(faster.regressions()).isEmpty();
  }

  @Test
  @DisplayName("a higher-is-better metric regresses when it drops beyond the percentage")
  void higherIsBetterTolerance() {
    JsonObject base = doc(total(100, 1000, 10, 0, 60));
    SnapshotComparison c = SnapshotComparison.of(base, doc(total(85, 950, 10, 0, 60)), 10, 0);
    assertThat(c.regressions()).extracting(Row::metric).containsExactly("success_rate");
    assertThat(row(c, "messages_received").deltaPercent()).isEqualTo(-5.0);
    assertThat(SnapshotComparison.of(base, doc(total(200, 5000, 10, 0, 60)), 0, 0).regressions())
        .isEmpty();
  }

  @Test
  @DisplayName("neutral metrics are never gated, however far they move")
  void neutralNotGated() {
    SnapshotComparison c =
        SnapshotComparison.of(doc(total(100, 10, 5, 0, 60)), doc(total(100, 10, 5, 0, 6000)), 0, 0);
    assertThat(row(c, "total_uptime_seconds").deltaPercent()).isEqualTo(9900.0);
    assertThat(c.regressions()).isEmpty();
  }

  @Test
  @DisplayName("a zero baseline is compared by absolute difference, with no delta %")
  void zeroBaselineAbsolute() {
    JsonObject base = doc(total(100, 10, 5, 0, 60));
    JsonObject current = doc(total(100, 10, 5, 2, 60));
    SnapshotComparison strict = SnapshotComparison.of(base, current, 1000, 0);
    assertThat(strict.regressions()).extracting(Row::metric).containsExactly("disconnections");
    assertThat(row(strict, "disconnections").deltaPercent()).isNull();
    assertThat(strict.describeRegressions()).isEqualTo("disconnections 0 -> 2 (+2)");
    assertThat(SnapshotComparison.of(base, current, 0, 2).regressions()).isEmpty();
    assertThat(SnapshotComparison.of(base, current, 0, 1.5).regressions()).hasSize(1);
  }

  @Test
  @DisplayName("a metric missing on one side is shown as missing and not gated")
  void missingSide() {
    JsonObject base = doc(total(100, 10, 5, 0, 60));
    JsonObject current = doc(total(100, 10, 5, 0, 60).put("rtt_ms", new JsonObject()));
    SnapshotComparison c = SnapshotComparison.of(base, current, 0, 0);
    assertThat(row(c, "rtt_ms.p99").current()).isNull();
    assertThat(row(c, "rtt_ms.p99").delta()).isNull();
    assertThat(c.regressions()).isEmpty();
    assertThat(c.table()).containsPattern("rtt_ms\\.p99 +5 +- +- +- +lower +missing");
  }

  @Test
  @DisplayName("the table lists every metric with direction and verdict")
  void table() {
    SnapshotComparison c =
        SnapshotComparison.of(
            doc(total(100, 1000, 10, 0, 60)), doc(total(100, 1100, 20, 0, 60)), 10, 0);
    String table = c.table();
    assertThat(table.lines().findFirst().orElseThrow())
        .containsSubsequence("metric", "baseline", "current", "delta", "delta %", "better");
    assertThat(table).containsPattern("rtt_ms\\.p99 +10 +20 +\\+10 +\\+100\\.0% +lower +REGRESSED");
    assertThat(table)
        .containsPattern("messages_received +1000 +1100 +\\+100 +\\+10\\.0% +higher +better");
    assertThat(table).containsPattern("rtt_ms\\.p50 +1 +1 +0 +\\+0\\.0% +lower +same");
    assertThat(table).containsPattern("total_uptime_seconds +60 +60 +0 +\\+0\\.0% +-\n");
  }

  @Test
  @DisplayName("bad input: no total, negative tolerance, missing file, not JSON")
  void badInput(@TempDir Path dir) throws Exception {
    JsonObject good = doc(total(100, 10, 5, 0, 60));
    assertThatThrownBy(() -> SnapshotComparison.of(good, new JsonObject().put("x", 1), 10, 0))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("current document has no 'total' object");
    assertThatThrownBy(() -> SnapshotComparison.of(good, good, -1, 0))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--max-regression must be a number >= 0, got -1.0");
    assertThatThrownBy(() -> SnapshotComparison.of(good, good, 1, Double.NaN))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--max-absolute-regression must be a number >= 0, got NaN");
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> SnapshotComparison.read(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage("no such file: " + missing);
    Path text = Files.writeString(dir.resolve("text.json"), "hello");
    assertThatThrownBy(() -> SnapshotComparison.read(text))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(text + " is not a JSON object");
    Path array = Files.writeString(dir.resolve("array.json"), "[1,2]");
    assertThatThrownBy(() -> SnapshotComparison.read(array))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(array + " is not a JSON object");
    assertThat(SnapshotComparison.read(Files.writeString(dir.resolve("ok.json"), good.encode())))
        .isEqualTo(good);
  }
}
