package dev.wsmon.tracker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.core.TrafficBatch;
import dev.wsmon.tracker.TrackerOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("StatsAggregator on a manual clock")
class StatsAggregatorTest {

  private final ManualClock clock = new ManualClock();
  private final StatsAggregator stats =
      new StatsAggregator(new TrackerOptions().setSeriesCapacity(4), null, clock);

  private void event(String id, String group, EventType type, ConnectionState state) {
    stats.onEvent(
        new ConnectionEvent(
            id,
            group,
            type,
            clock.now(),
            0,
            1.0,
            type == EventType.DISCONNECTED ? 1006 : null,
            null,
            state));
  }

  private void traffic(String id, long sent) {
    stats.onBatch(
        new TrafficBatch(
            "t",
            clock.now(),
            List.of(
                new ConnectionDelta(
                    id, "g", sent, sent, sent, sent, 0, 0, 0, 0, null, null, null, null, null, null,
                    0))));
  }

  private void pings(String id, long... micros) {
    org.HdrHistogram.Histogram h = dev.wsmon.core.LatencyHistograms.create();
    for (long m : micros) {
      h.recordValue(m);
    }
    stats.onBatch(
        new TrafficBatch(
            "t",
            clock.now(),
            List.of(
                new ConnectionDelta(
                    id, "g", 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, h, null, null, 0))));
  }

  @Test
  @DisplayName(
      "a held connection that only pings has no traffic side, and reads like one with zero traffic")
  void pingOnlyConnectionsCarryNoTrafficSide() {
    event("c-1", "g", EventType.CONNECTED, ConnectionState.CONNECTED);
    event("c-2", "g", EventType.CONNECTED, ConnectionState.CONNECTED);
    JsonObject before = stats.connectionJson("c-1");
    assertThat(before.getValue("current_messages_sent_per_second")).isNull();
    pings("c-1", 300, 310);
    traffic("c-2", 0);
    clock.advance(Duration.ofSeconds(2));
    stats.sample();
    assertThat(stats.connectionStats("c-1").traffic()).isNull();
    assertThat(stats.connectionStats("c-2").traffic()).isNull();
    JsonObject c1 = stats.connectionJson("c-1");
    assertThat(c1.getJsonObject("ping_rtt_ms").getLong("count")).isEqualTo(2);
    assertThat(c1.getDouble("current_messages_sent_per_second")).isZero();
    assertThat(c1.getDouble("current_bytes_received_per_second")).isZero();
    assertThat(c1.getLong("messages_sent")).isZero();
    assertThat(c1.getJsonObject("rtt_ms").getLong("count")).isZero();
    JsonObject c2 = stats.connectionJson("c-2");
    for (String key : c1.fieldNames()) {
      if (!key.equals("connection_id") && !key.equals("ping_rtt_ms")) {
        assertThat(c1.getValue(key)).as(key).isEqualTo(c2.getValue(key));
      }
    }

    // the first traffic after samples without any: rates over the last interval only
    traffic("c-1", 30);
    clock.advance(Duration.ofSeconds(3));
    stats.sample();
    assertThat(stats.connectionStats("c-1").traffic()).isNotNull();
    c1 = stats.connectionJson("c-1");
    assertThat(c1.getDouble("current_messages_sent_per_second")).isEqualTo(10.0);
    assertThat(c1.getLong("messages_sent")).isEqualTo(30);
    assertThat(stats.totalJson().getDouble("current_messages_sent_per_second")).isEqualTo(10.0);
    clock.advance(Duration.ofSeconds(1));
    stats.sample();
    assertThat(stats.connectionJson("c-1").getDouble("current_messages_sent_per_second")).isZero();
    stats.reset();
    assertThat(stats.connectionJson("c-1").getLong("messages_sent")).isZero();
    assertThat(stats.connectionJson("c-1").getValue("current_messages_sent_per_second")).isNull();
  }

  @Test
  @DisplayName("uptimes, all-up-together time and rates follow the clock exactly")
  void uptimesAndRates() {
    event("c-1", "g", EventType.CONNECTED, ConnectionState.CONNECTED);
    clock.advance(Duration.ofSeconds(10));
    event("c-2", "g", EventType.CONNECTED, ConnectionState.CONNECTED);
    clock.advance(Duration.ofSeconds(5));
    JsonObject total = stats.totalJson();
    assertThat(total.getDouble("total_uptime_seconds")).isEqualTo(20.0);
    assertThat(total.getDouble("current_uptime_seconds")).isEqualTo(5.0);
    assertThat(total.getDouble("health_score")).isEqualTo(100.0);
    assertThat(total.getString("health")).isEqualTo("Excellent");

    traffic("c-1", 30);
    stats.sample();
    JsonObject c1 = stats.connectionJson("c-1");
    assertThat(c1.getDouble("current_messages_sent_per_second")).isEqualTo(2.0);
    assertThat(c1.getDouble("avg_messages_sent_per_second")).isEqualTo(2.0);
    assertThat(stats.seriesJson()).hasSize(1);
    assertThat(stats.seriesJson().get(0).getDouble("messages_sent_per_second")).isEqualTo(2.0);

    event("c-1", "g", EventType.DISCONNECTED, ConnectionState.RECONNECTING);
    clock.advance(Duration.ofSeconds(5));
    total = stats.totalJson();
    assertThat(total.getDouble("total_uptime_seconds")).isEqualTo(15.0 + 10.0);
    assertThat(total.getDouble("current_uptime_seconds")).isZero();
    assertThat(total.getDouble("time_since_last_disconnection_seconds")).isEqualTo(5.0);
    // one of two down: -25 x 0.5; one disconnection in under an hour is not > 2 per hour
    assertThat(total.getDouble("health_score")).isEqualTo(87.5);
    assertThat(stats.groupJson("g").getInteger("connected")).isEqualTo(1);
    assertThat(stats.groupJson("nope")).isNull();
    assertThat(stats.connectionJson("nope")).isNull();
    assertThat(stats.summaryLine()).startsWith("wsmon stats: up 1/2, attempts 0, failures 0");
  }

  @Test
  @DisplayName("a full series merges adjacent points: later state, weighted rates, worst latency")
  void seriesMerge() {
    event("c-1", "g", EventType.CONNECTED, ConnectionState.CONNECTED);
    for (int i = 1; i <= 5; i++) {
      clock.advance(Duration.ofSeconds(1));
      traffic("c-1", i * 10L);
      stats.sample();
    }
    List<JsonObject> points = stats.seriesJson();
    assertThat(points).hasSize(3);
    assertThat(points.get(0).getDouble("messages_sent_per_second")).isEqualTo(15.0);
    assertThat(points.get(0).getString("timestamp")).isEqualTo("2026-01-01T00:00:02Z");
    assertThat(points.get(0).getDouble("connection_latency_p50_ms")).isEqualTo(1.0);
    assertThat(points.get(1).getDouble("messages_sent_per_second")).isEqualTo(35.0);
    assertThat(points.get(2).getDouble("messages_sent_per_second")).isEqualTo(50.0);
    assertThat(points.get(2).getValue("connection_latency_p50_ms")).isNull();
    clock.advance(Duration.ofSeconds(1));
    stats.sample();
    stats.sample(); // no time passed: no point
    assertThat(stats.seriesJson()).hasSize(4);
  }

  @Test
  @DisplayName("DEGRADED keeps the connection open and up; counted per scope and on a gauge")
  void degraded() {
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    dev.wsmon.tracker.WsmonMetrics metrics = new dev.wsmon.tracker.WsmonMetrics();
    metrics.bindTo(registry);
    StatsAggregator agg = new StatsAggregator(new TrackerOptions(), metrics, clock);
    java.util.function.BiConsumer<EventType, ConnectionState> on =
        (type, state) ->
            agg.onEvent(
                new ConnectionEvent("c-1", "g", type, clock.now(), 0, null, null, "r", state));
    on.accept(EventType.CONNECTED, ConnectionState.CONNECTED);
    assertThat(agg.totalJson().containsKey("degraded")).isFalse();
    clock.advance(Duration.ofSeconds(2));
    on.accept(EventType.DEGRADED, ConnectionState.DEGRADED);
    clock.advance(Duration.ofSeconds(3));
    JsonObject c = agg.connectionJson("c-1");
    assertThat(c.getString("state")).isEqualTo("DEGRADED");
    assertThat(c.getBoolean("is_connected")).isTrue();
    assertThat(c.getDouble("total_uptime_seconds")).isEqualTo(5.0);
    assertThat(agg.totalJson().getInteger("degraded")).isEqualTo(1);
    assertThat(agg.groupJson("g").getInteger("degraded")).isEqualTo(1);
    assertThat(registry.get("wsmon.connections.degraded").gauge().value()).isEqualTo(1.0);
    assertThat(registry.get("wsmon.connections.active").gauge().value()).isEqualTo(1.0);
    on.accept(EventType.RECOVERED, ConnectionState.CONNECTED);
    assertThat(agg.totalJson().getInteger("degraded")).isZero();
    assertThat(registry.get("wsmon.connections.degraded").gauge().value()).isZero();
    on.accept(EventType.DEGRADED, ConnectionState.DEGRADED);
    on.accept(EventType.DISCONNECTED, ConnectionState.RECONNECTING);
    assertThat(agg.totalJson().getInteger("degraded")).isZero();
    assertThat(agg.totalJson().getInteger("connected")).isZero();
  }

  @Test
  @DisplayName("events other than the counted ones only move state; health labels")
  void otherEvents() {
    event("c-1", "g", EventType.CONNECTED, ConnectionState.CONNECTED);
    event("c-1", "g", EventType.PING_TIMEOUT, ConnectionState.CONNECTED);
    event("c-1", "g", EventType.GAVE_UP, ConnectionState.GAVE_UP);
    JsonObject c = stats.connectionJson("c-1");
    assertThat(c.getBoolean("is_connected")).isFalse();
    assertThat(c.getLong("disconnections")).isZero();
    assertThat(c.getString("state")).isEqualTo("GAVE_UP");
    event("c-1", "g", EventType.STALE, ConnectionState.CONNECTED);
    assertThat(stats.connectionJson("c-1").getBoolean("is_connected")).isTrue();
    assertThat(Health.label(95)).isEqualTo("Excellent");
    assertThat(Health.label(70)).isEqualTo("Good");
    assertThat(Health.label(50)).isEqualTo("Fair");
    assertThat(Health.label(49.9)).isEqualTo("Poor");
    assertThat(Health.score(40.0, 10, 60, 6000.0, 1, null)).isEqualTo(0.0);
    assertThat(Health.score(70.0, 3, 60, 3000.0, 0, null)).isEqualTo(55.0);
  }
}
