package dev.wsmon.tracker.impl;

import static dev.wsmon.tracker.impl.ManualClock.micros;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.FeedDelta;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("feed stats: per connection, merged per group and total, meters, series")
class FeedAggregationTest {

  private final MeteredAggregator aggregator = new MeteredAggregator();
  private final ManualClock clock = aggregator.clock;
  private final SimpleMeterRegistry registry = aggregator.registry;
  private final StatsAggregator stats = aggregator.stats;

  private void batch(String id, String group, FeedDelta feed) {
    aggregator.batch(id, group, feed, null);
  }

  private double counter(String name, String group) {
    return registry.get(name).tag("group", group).counter().count();
  }

  @Test
  @DisplayName("sums, exact merges, stale = any, late fills subtract; no feed without feed data")
  void merges() {
    batch("c-1", "a", new FeedDelta(3, 5, 2, 1, 0, 1, 0, micros(1000), micros(50_000), 12, true));
    batch("c-2", "a", new FeedDelta(1, 1, 0, 0, 1, 0, 0, micros(3000), micros(70_000), 30, null));
    batch("c-1", "a", new FeedDelta(0, -2, 0, 2, 0, 0, 1, null, micros(60_000), 4, null));
    batch("c-3", "b", null);

    JsonObject c1 = stats.connectionJson("c-1").getJsonObject("feed");
    assertThat(c1.getLong("gaps")).isEqualTo(2);
    assertThat(c1.getLong("missing")).isEqualTo(3);
    assertThat(c1.getLong("duplicates")).isEqualTo(2);
    assertThat(c1.getLong("out_of_order")).isEqualTo(3);
    assertThat(c1.getLong("unparsed")).isEqualTo(1);
    assertThat(c1.getBoolean("stale")).isTrue();
    assertThat(c1.getDouble("max_silence_ms")).isEqualTo(12.0);
    assertThat(c1.getJsonObject("e2e_latency_ms").getLong("count")).isEqualTo(2);
    assertThat(c1.getJsonObject("e2e_latency_ms").getDouble("min")).isBetween(49.9, 50.1);

    JsonObject a = stats.groupJson("a").getJsonObject("feed");
    assertThat(a.getLong("gaps")).isEqualTo(3);
    assertThat(a.getLong("missing")).isEqualTo(4);
    assertThat(a.getLong("resets")).isEqualTo(1);
    assertThat(a.getBoolean("stale")).as("any connection stale").isTrue();
    assertThat(a.getDouble("max_silence_ms")).isEqualTo(30.0);
    JsonObject e2e = a.getJsonObject("e2e_latency_ms");
    assertThat(e2e.getLong("count")).isEqualTo(3);
    assertThat(e2e.getDouble("p50")).isBetween(59.9, 60.1);
    assertThat(e2e.getDouble("max")).isBetween(69.9, 70.1);
    assertThat(a.getJsonObject("inter_arrival_ms").getLong("count")).isEqualTo(2);
    assertThat(a.getJsonObject("inter_arrival_ms").getDouble("max")).isBetween(2.99, 3.01);

    JsonObject total = stats.totalJson().getJsonObject("feed");
    assertThat(total).isEqualTo(a);
    assertThat(stats.groupJson("b").containsKey("feed")).as("no feed data in group b").isFalse();
    assertThat(stats.connectionJson("c-3").containsKey("feed")).isFalse();
    assertThat(stats.snapshotJson().getJsonObject("total").containsKey("feed")).isTrue();

    // meters: monotonic counters (a late fill does not lower them), stale gauge, e2e timer
    assertThat(counter("wsmon.feed.gaps", "a")).isEqualTo(4);
    assertThat(counter("wsmon.feed.missing", "a")).isEqualTo(6);
    assertThat(counter("wsmon.feed.duplicates", "a")).isEqualTo(2);
    assertThat(counter("wsmon.feed.out_of_order", "a")).isEqualTo(3);
    assertThat(registry.get("wsmon.feed.stale").tag("group", "a").gauge().value()).isEqualTo(1);
    assertThat(registry.get("wsmon.feed.e2e.latency").tag("group", "a").timer().count())
        .isEqualTo(3);
    assertThat(
            registry
                .get("wsmon.feed.e2e.latency")
                .tag("group", "a")
                .timer()
                .max(TimeUnit.MILLISECONDS))
        .isBetween(69.9, 70.1);
    assertThat(registry.find("wsmon.feed.gaps").tag("group", "b").counter()).isNull();

    batch("c-1", "a", new FeedDelta(0, 0, 0, 0, 0, 0, 0, null, null, 0, false));
    assertThat(stats.groupJson("a").getJsonObject("feed").getBoolean("stale")).isFalse();
    assertThat(registry.get("wsmon.feed.stale").tag("group", "a").gauge().value()).isZero();
  }

  @Test
  @DisplayName("series points carry cumulative feed_gaps only once feed data arrived; reset clears")
  void seriesAndReset() {
    clock.advance(Duration.ofSeconds(1));
    stats.sample();
    assertThat(stats.seriesJson().get(0).containsKey("feed_gaps")).isFalse();
    batch("c-1", "a", new FeedDelta(4, 4, 0, 0, 0, 0, 1, null, null, 0, null));
    clock.advance(Duration.ofSeconds(1));
    stats.sample();
    batch("c-1", "a", new FeedDelta(2, 2, 0, 0, 0, 0, 0, null, null, 0, true));
    clock.advance(Duration.ofSeconds(1));
    stats.sample();
    List<JsonObject> points = stats.seriesJson();
    assertThat(points.get(1).getLong("feed_gaps")).isEqualTo(3);
    assertThat(points.get(2).getLong("feed_gaps")).isEqualTo(5);

    stats.reset();
    JsonObject feed = stats.totalJson().getJsonObject("feed");
    assertThat(feed.getLong("gaps")).isZero();
    assertThat(feed.getJsonObject("e2e_latency_ms").getLong("count")).isZero();
    assertThat(feed.getBoolean("stale")).as("a state, kept by a reset").isTrue();
    clock.advance(Duration.ofSeconds(1));
    stats.sample();
    assertThat(stats.seriesJson().get(0).getLong("feed_gaps")).isZero();
  }
}
