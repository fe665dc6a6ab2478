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
}
