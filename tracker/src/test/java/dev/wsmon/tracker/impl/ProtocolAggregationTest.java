package dev.wsmon.tracker.impl;

import static dev.wsmon.tracker.impl.ManualClock.micros;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.FeedDelta;
import dev.wsmon.core.ProtocolDelta;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("protocol stats: per connection, merged exactly per group and total, meters, reset")
class ProtocolAggregationTest {

  private final MeteredAggregator aggregator = new MeteredAggregator();
  private final ManualClock clock = aggregator.clock;
  private final SimpleMeterRegistry registry = aggregator.registry;
  private final StatsAggregator stats = aggregator.stats;

  private void batch(String id, String group, ProtocolDelta p) {
    aggregator.batch(id, group, null, p);
  }

  @Test
  @DisplayName("sums counters, errors by reason and channels; handshake histograms merge exactly")
  void merges() {
    batch(
        "c-1",
        "a",
        new ProtocolDelta(
            "stomp",
            micros(1000),
            2,
            3,
            Map.of("ERROR: x", 1L),
            Map.of("/topic/x", new long[] {5, 50})));
    batch(
        "c-2",
        "a",
        new ProtocolDelta(
            "stomp", micros(3000), 1, 1, Map.of(), Map.of("/topic/x", new long[] {2, 20})));
    batch(
        "c-1",
        "a",
        new ProtocolDelta(
            "stomp",
            micros(2000),
            0,
            1,
            Map.of("ERROR: x", 2L),
            Map.of("/topic/y", new long[] {1, 7})));
    batch("c-3", "b", null);

    JsonObject c1 = stats.connectionJson("c-1").getJsonObject("protocol");
    assertThat(c1.getString("name")).isEqualTo("stomp");
    assertThat(c1.getLong("heartbeats_sent")).isEqualTo(2);
    assertThat(c1.getLong("heartbeats_received")).isEqualTo(4);
    assertThat(c1.getLong("errors")).isEqualTo(3);
    assertThat(c1.getJsonObject("error_reasons").getLong("ERROR: x")).isEqualTo(3);
    assertThat(c1.getJsonObject("handshake_latency_ms").getLong("count")).isEqualTo(2);
    assertThat(c1.getJsonObject("channels").getJsonObject("/topic/y").getLong("bytes_received"))
        .isEqualTo(7);

    JsonObject total = stats.totalJson().getJsonObject("protocol");
    JsonObject handshake = total.getJsonObject("handshake_latency_ms");
    assertThat(handshake.getLong("count")).isEqualTo(3);
    assertThat(handshake.getDouble("min")).isEqualTo(1.0);
    assertThat(handshake.getDouble("max")).isBetween(3.0, 3.01);
    assertThat(handshake.getDouble("p50")).isBetween(2.0, 2.01);
    assertThat(
            total.getJsonObject("channels").getJsonObject("/topic/x").getLong("messages_received"))
        .isEqualTo(7);
    assertThat(stats.groupJson("a").getJsonObject("protocol").getLong("heartbeats_sent"))
        .isEqualTo(3);
    assertThat(stats.groupJson("b").containsKey("protocol")).isFalse();
    assertThat(stats.connectionJson("c-3").containsKey("protocol")).isFalse();

    assertThat(registry.get("wsmon.protocol.heartbeats.sent").tag("group", "a").counter().count())
        .isEqualTo(3.0);
    assertThat(registry.get("wsmon.protocol.session.errors").tag("group", "a").counter().count())
        .isEqualTo(3.0);
    assertThat(registry.get("wsmon.protocol.handshake.latency").tag("group", "a").timer().count())
        .isEqualTo(3);

    stats.reset();
    JsonObject after = stats.totalJson().getJsonObject("protocol");
    assertThat(after.getString("name")).isEqualTo("stomp");
    assertThat(after.getLong("errors")).isZero();
    assertThat(after.getJsonObject("handshake_latency_ms").getLong("count")).isZero();
  }

  @Test
  @DisplayName("a scope whose connections speak different protocols is named mixed")
  void mixed() {
    batch("c-1", "a", new ProtocolDelta("stomp", null, 0, 0, Map.of(), Map.of()));
    batch("c-2", "a", new ProtocolDelta("socketio", null, 0, 0, Map.of(), Map.of()));
    assertThat(stats.totalJson().getJsonObject("protocol").getString("name")).isEqualTo("mixed");
  }

  private static FeedDelta feed(long gaps, long missing, long dups, long late, Histogram e2e) {
    return new FeedDelta(gaps, missing, dups, late, 0, 0, 0, micros(100), e2e, 5.0, null);
  }

  /** The delta as an agent puts it on the cluster wire, read back by the coordinator. */
  private static ProtocolDelta overTheWire(ProtocolDelta d) {
    return ProtocolDelta.fromJson(new JsonObject(d.toJson().encode()));
  }

  @Test
  @DisplayName(
      "channel feed metrics: per channel on each connection, summed and histogram-merged exactly"
          + " per group and total, also after the cluster wire form; cleared by a reset")
  void channelFeeds() {
    batch(
        "c-1",
        "a",
        overTheWire(
            new ProtocolDelta(
                "socketio",
                null,
                0,
                0,
                Map.of(),
                Map.of("news", new long[] {9, 90}, "prices", new long[] {11, 110}),
                Map.of(
                    "news", feed(1, 1, 0, 0, micros(1000, 2000)),
                    "prices", feed(0, 0, 1, 1, micros(5000))))));
    batch(
        "c-2",
        "a",
        overTheWire(
            new ProtocolDelta(
                "socketio",
                null,
                0,
                0,
                Map.of(),
                Map.of("news", new long[] {3, 30}),
                Map.of("news", feed(2, 5, 1, 0, micros(3000))))));
    batch(
        "c-3",
        "b",
        new ProtocolDelta(
            "socketio", null, 0, 0, Map.of(), Map.of("news", new long[] {1, 10}), Map.of()));

    JsonObject c1 = stats.connectionJson("c-1").getJsonObject("protocol").getJsonObject("channels");
    assertThat(c1.getJsonObject("news").getJsonObject("feed").getLong("gaps")).isEqualTo(1);
    assertThat(c1.getJsonObject("prices").getJsonObject("feed").getLong("duplicates")).isEqualTo(1);
    assertThat(c1.getJsonObject("prices").getJsonObject("feed").getLong("out_of_order"))
        .isEqualTo(1);

    JsonObject news =
        stats.totalJson().getJsonObject("protocol").getJsonObject("channels").getJsonObject("news");
    assertThat(news.getLong("messages_received")).isEqualTo(13);
    JsonObject f = news.getJsonObject("feed");
    assertThat(f.getLong("gaps")).isEqualTo(3);
    assertThat(f.getLong("missing")).isEqualTo(6);
    assertThat(f.getLong("duplicates")).isEqualTo(1);
    JsonObject e2e = f.getJsonObject("e2e_latency_ms");
    assertThat(e2e.getLong("count")).isEqualTo(3);
    assertThat(e2e.getDouble("min")).isEqualTo(1.0);
    assertThat(e2e.getDouble("p50")).isBetween(2.0, 2.01);
    assertThat(e2e.getDouble("max")).isBetween(3.0, 3.01);
    assertThat(f.getJsonObject("inter_arrival_ms").getLong("count")).isEqualTo(2);
    assertThat(f.getDouble("max_silence_ms")).isEqualTo(5.0);
    assertThat(f.getBoolean("stale")).isFalse();
    assertThat(
            stats
                .groupJson("a")
                .getJsonObject("protocol")
                .getJsonObject("channels")
                .getJsonObject("news")
                .getJsonObject("feed")
                .getLong("gaps"))
        .isEqualTo(3);
    JsonObject groupB = stats.groupJson("b").getJsonObject("protocol").getJsonObject("channels");
    assertThat(groupB.getJsonObject("news").containsKey("feed")).isFalse();

    stats.reset();
    assertThat(
            stats
                .totalJson()
                .getJsonObject("protocol")
                .getJsonObject("channels")
                .containsKey("news"))
        .isFalse();
  }
}
