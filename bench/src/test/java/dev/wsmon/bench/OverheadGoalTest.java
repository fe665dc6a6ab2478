package dev.wsmon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("ping-pong goals: wsmon at most 5 % above raw; below raw is met")
class OverheadGoalTest {

  @TempDir Path dir;

  @Test
  @DisplayName("met up to 1.05× raw; below 0.95× it says 'below raw'; above 1.05× not met")
  void rule() {
    assertThat(OverheadGoal.verdict(0.86)).isEqualTo("**yes** (below raw)");
    assertThat(OverheadGoal.verdict(0.97)).isEqualTo("**yes**");
    assertThat(OverheadGoal.verdict(1.0)).isEqualTo("**yes**");
    assertThat(OverheadGoal.verdict(1.05)).isEqualTo("**yes**");
    assertThat(OverheadGoal.verdict(1.06)).isEqualTo("**no**");
    assertThat(OverheadGoal.met(0.5)).isTrue();
    assertThat(OverheadGoal.met(1.051)).isFalse();
  }

  @Test
  @DisplayName("a result written under the two-sided rule is judged again in both tables")
  void oldResultsJudgedAgain() throws Exception {
    JsonObject old =
        new JsonObject()
            .put("name", "ping_pong_p99")
            .put("target", "wsmon ping-pong p99 within 5 % of raw (paired median)")
            .put("value", 0.855)
            .put("met", false);
    JsonObject over =
        new JsonObject()
            .put("name", "ping_pong_p50")
            .put("target", "wsmon ping-pong p50 within 5 % of raw (paired median)")
            .put("value", 1.2)
            .put("met", false);
    JsonObject e2e =
        new JsonObject(Files.readString(Path.of("results").resolve("e2e.json")))
            .put("goals", new JsonArray().add(old).add(over));
    Files.writeString(dir.resolve("e2e.json"), e2e.encodePrettily());

    assertThat(GoalSummary.rows(dir))
        .extracting(GoalSummary.Row::goal, GoalSummary.Row::met)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "`bench/run.sh`: wsmon ping-pong p99 at most 5 % above raw (paired median)",
                "**yes** (below raw)"),
            org.assertj.core.groups.Tuple.tuple(
                "`bench/run.sh`: wsmon ping-pong p50 at most 5 % above raw (paired median)",
                "**no**"));
    assertThat(BenchmarkReport.render(dir, ""))
        .contains(
            "| wsmon ping-pong p99 at most 5 % above raw (paired median) | 0.86 × raw | **yes**"
                + " (below raw) |");
  }
}
