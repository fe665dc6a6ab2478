package dev.wsmon.tracker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.core.TrafficBatch;
import dev.wsmon.tracker.HealthScore;
import dev.wsmon.tracker.TrackerOptions;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("request outcomes: abandoned requests, scheduled-send latencies and the health term")
class RequestOutcomesAggregationTest {

  private final StatsAggregator stats =
      new StatsAggregator(new TrackerOptions(), null, TrackerClock.SYSTEM);

  private static Histogram values(long... micros) {
    Histogram h = LatencyHistograms.create();
    for (long m : micros) {
      LatencyHistograms.record(h, m);
    }
    return h;
  }

  private void connected(String id, String group) {
    stats.onEvent(
        new ConnectionEvent(
            id,
            group,
            EventType.CONNECTED,
            Instant.now(),
            0,
            1.0,
            null,
            null,
            ConnectionState.CONNECTED));
  }

  private void traffic(ConnectionDelta... deltas) {
    stats.onBatch(new TrafficBatch("t", Instant.now(), List.of(deltas)));
  }

  private static ConnectionDelta requests(
      String id, String group, long answered, long timedOut, long abandoned, Histogram actual) {
    long[] rtts = new long[(int) answered];
    java.util.Arrays.fill(rtts, 500);
    Histogram rtt = answered == 0 ? null : values(rtts);
    Histogram lag = actual == null ? null : values(100);
    long sent = answered + timedOut + abandoned;
    return new ConnectionDelta(
        id, group, sent, answered, sent, answered, 0, timedOut, abandoned, 0, rtt, actual, lag,
        null, null, null, 0);
  }

  @Test
  @DisplayName("requests_abandoned is summed per connection, group and total")
  void abandonedSummed() {
    connected("c-1", "a");
    connected("c-2", "a");
    connected("c-3", "b");
    traffic(requests("c-1", "a", 8, 0, 2, null), requests("c-2", "a", 9, 0, 1, null));
    traffic(requests("c-3", "b", 10, 0, 0, null), requests("c-1", "a", 0, 0, 3, null));

    assertThat(stats.connectionJson("c-1").getLong("requests_abandoned")).isEqualTo(5);
    assertThat(stats.groupJson("a").getLong("requests_abandoned")).isEqualTo(6);
    assertThat(stats.groupJson("b").getLong("requests_abandoned")).isZero();
    JsonObject total = stats.totalJson();
    assertThat(total.getLong("requests_abandoned")).isEqualTo(6);
    assertThat(
            total.getJsonObject("rtt_ms").getLong("count")
                + total.getLong("request_timeouts")
                + total.getLong("requests_abandoned"))
        .isEqualTo(total.getLong("messages_sent"));
    assertThat(total.containsKey("rtt_actual_ms")).isFalse();
    assertThat(total.containsKey("send_lag_ms")).isFalse();
  }

  private static ConnectionDelta sent(String id, long requests, long plain) {
    return new ConnectionDelta(
        id,
        "g",
        requests + plain,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        null,
        null,
        null,
        null,
        null,
        null,
        requests);
  }

  private static ConnectionDelta outcomes(String id, long answered, long timedOut, long abandoned) {
    long[] rtts = new long[(int) answered];
    java.util.Arrays.fill(rtts, 500);
    return new ConnectionDelta(
        id,
        "g",
        0,
        answered,
        0,
        answered,
        0,
        timedOut,
        abandoned,
        0,
        answered == 0 ? null : values(rtts),
        null,
        null,
        null,
        null,
        null,
        0);
  }

  @Test
  @DisplayName(
      "a stats reset keeps the requests in flight counted as sent: their outcomes after it"
          + " balance, plain sends are cleared")
  void resetKeepsRequestsInFlight() {
    connected("c-1", "g");
    // 10 requests and 5 plain sends left, 4 requests answered, 1 timed out: 5 in flight
    traffic(sent("c-1", 10, 5), outcomes("c-1", 4, 1, 0));
    stats.reset();
    JsonObject afterReset = stats.connectionJson("c-1");
    assertThat(afterReset.getLong("messages_sent")).isEqualTo(5);
    assertThat(afterReset.getLong("request_timeouts")).isZero();
    // after the reset: 2 of them answered, 3 abandoned, and 6 new requests all answered
    traffic(outcomes("c-1", 2, 0, 3), sent("c-1", 6, 0), outcomes("c-1", 6, 0, 0));
    for (JsonObject scope : List.of(stats.connectionJson("c-1"), stats.totalJson())) {
      assertThat(
              scope.getJsonObject("rtt_ms").getLong("count")
                  + scope.getLong("request_timeouts")
                  + scope.getLong("requests_abandoned"))
          .isEqualTo(scope.getLong("messages_sent"))
          .isEqualTo(5 + 6);
    }
  }

  @Test
  @DisplayName(
      "health: answered share of requests < 50 % costs 40, < 80 % costs 20; none with no outcome")
  void healthTerm() {
    connected("c-1", "g");
    connected("c-2", "g");
    connected("c-3", "g");
    connected("c-4", "g");
    assertThat(stats.connectionJson("c-1").getDouble("health_score")).isEqualTo(100.0);

    traffic(
        requests("c-1", "g", 0, 0, 10, null),
        requests("c-2", "g", 7, 3, 0, null),
        requests("c-3", "g", 8, 1, 1, null),
        requests("c-4", "g", 0, 0, 0, null));

    assertThat(stats.connectionJson("c-1").getDouble("health_score")).isEqualTo(60.0);
    assertThat(stats.connectionJson("c-1").getString("health")).isEqualTo("Fair");
    assertThat(stats.connectionJson("c-2").getDouble("health_score")).isEqualTo(80.0);
    assertThat(stats.connectionJson("c-3").getDouble("health_score")).isEqualTo(100.0);
    assertThat(stats.connectionJson("c-4").getDouble("health_score")).isEqualTo(100.0);
    // total: 15 answered of 30 with an outcome = 50 %: not below 50, below 80
    JsonObject total = stats.totalJson();
    assertThat(total.getDouble("health_score")).isEqualTo(80.0);
    assertThat(HealthScore.of(total, 0)).isEqualTo(80.0);
    assertThat(HealthScore.of(total, 1)).isEqualTo(55.0);
    assertThat(HealthScore.label(55.0)).isEqualTo("Fair");
    assertThat(HealthScore.of(new JsonObject(), 0)).isEqualTo(100.0);
  }

  @Test
  @DisplayName(
      "rtt_actual_ms and send_lag_ms appear once a scheduled request was answered, merged exactly")
  void scheduledLatencies() {
    connected("c-1", "a");
    connected("c-2", "b");
    traffic(requests("c-1", "a", 1, 0, 0, values(300)));
    traffic(requests("c-2", "b", 1, 0, 0, values(700, 900)));

    JsonObject total = stats.totalJson();
    JsonObject actual = total.getJsonObject("rtt_actual_ms");
    assertThat(actual.getLong("count")).isEqualTo(3);
    assertThat(actual.getDouble("min")).isEqualTo(0.3);
    assertThat(actual.getDouble("max")).isEqualTo(0.9);
    assertThat(actual.fieldNames())
        .containsExactly("count", "min", "mean", "p50", "p90", "p99", "p999", "max");
    assertThat(total.getJsonObject("send_lag_ms").getLong("count")).isEqualTo(2);
    assertThat(stats.groupJson("a").getJsonObject("rtt_actual_ms").getDouble("max")).isEqualTo(0.3);
    assertThat(stats.connectionJson("c-2").getJsonObject("rtt_actual_ms").getLong("count"))
        .isEqualTo(2);
    assertThat(
            stats
                .snapshotJson()
                .getJsonArray("connections")
                .getJsonObject(0)
                .containsKey("send_lag_ms"))
        .isTrue();

    stats.reset();
    assertThat(stats.totalJson().getJsonObject("rtt_actual_ms").getLong("count")).isZero();
  }
}
