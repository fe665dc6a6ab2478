package dev.wsmon.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

  private static JsonObject snapshot(JsonObject feed) {
    JsonObject total =
        new JsonObject()
            .put("connections", 2)
            .put("connected", 1)
            .put("connection_attempts", 3)
            .put("rtt_ms", new JsonObject().put("p50", 1.25).put("p99", 9.5));
    if (feed != null) {
      total.put("feed", feed);
    }
    return new JsonObject().put("total", total);
  }

  @Test
  void showsTheCoreFiguresAndNoFeedWithoutFeedMetrics() {
    String line =
        ProgressLine.format(snapshot(null), Duration.ofSeconds(5), Duration.ofSeconds(20));
    assertThat(line)
        .startsWith("[5s/20s] connected 1/2  attempts 3")
        .contains("rtt p50 1.25ms p99 9.50ms");
    assertThat(line).doesNotContain("feed");
  }

  @Test
  void showsFeedGapsDuplicatesOrderAndStaleness() {
    JsonObject feed =
        new JsonObject()
            .put("gaps", 4)
            .put("duplicates", 2)
            .put("out_of_order", 1)
            .put("stale", true);
    String line = ProgressLine.format(snapshot(feed), Duration.ofSeconds(5), null);
    assertThat(line).endsWith("feed gaps 4 dup 2 ooo 1 STALE");
  }

  @Test
  void showsScenarioIterationsStepsAndChecksBetweenRttAndFeed() {
    JsonObject snapshot = snapshot(new JsonObject().put("gaps", 0));
    snapshot
        .getJsonObject("total")
        .put(
            "scenario",
            new JsonObject()
                .put("iterations", 12)
                .put("completed", 10)
                .put("failed", 1)
                .put(
                    "steps",
                    new JsonObject()
                        .put("login", new JsonObject().put("ok", 300).put("failed", 1))
                        .put("read", new JsonObject().put("ok", 40).put("timed_out", 1)))
                .put("checks", new JsonObject().put("rate", 0.994)));
    assertThat(ProgressLine.format(snapshot, Duration.ofSeconds(65), null))
        .startsWith("[1m05s] connected 1/2  attempts 3  failures -")
        .contains(
            "p99 9.50ms  scenario it 12 ok 10 fail 1  steps ok 340 fail 2  checks 99.4%  feed gaps 0"
                + " dup -");
  }

  @Test
  void showsAScenarioWithoutChecksAsADash() {
    JsonObject snapshot = snapshot(null);
    snapshot.getJsonObject("total").put("scenario", new JsonObject());
    assertThat(ProgressLine.format(snapshot, Duration.ofSeconds(5), null))
        .endsWith("  scenario it 0 ok 0 fail 0  steps ok 0 fail 0  checks -");
  }
}
