package dev.wsmon.tracker.impl;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One time-series point: the state at the end of an interval and the rates and latency percentiles
 * over it. Immutable.
 */
record SeriesPoint(
    Instant timestamp,
    long intervalNanos,
    long connections,
    long connected,
    long attempts,
    long failures,
    long disconnections,
    long reconnections,
    double messagesSentPerSecond,
    double messagesReceivedPerSecond,
    double bytesSentPerSecond,
    double bytesReceivedPerSecond,
    Double rttP50,
    Double rttP90,
    Double rttP99,
    Double rttMax,
    Double connectP50,
    Double connectP99,
    Long feedGaps) {

  /**
   * {@code earlier} and {@code later} as one point covering both intervals: state and cumulative
   * counts of the later one, rates weighted by interval length, and for each latency percentile the
   * larger of the two (a merged series keeps its worst moments visible).
   */
  static SeriesPoint merge(SeriesPoint earlier, SeriesPoint later) {
    long total = earlier.intervalNanos + later.intervalNanos;
    double a = total == 0 ? 0.5 : earlier.intervalNanos / (double) total;
    double b = 1 - a;
    return new SeriesPoint(
        later.timestamp,
        total,
        later.connections,
        later.connected,
        later.attempts,
        later.failures,
        later.disconnections,
        later.reconnections,
        earlier.messagesSentPerSecond * a + later.messagesSentPerSecond * b,
        earlier.messagesReceivedPerSecond * a + later.messagesReceivedPerSecond * b,
        earlier.bytesSentPerSecond * a + later.bytesSentPerSecond * b,
        earlier.bytesReceivedPerSecond * a + later.bytesReceivedPerSecond * b,
        max(earlier.rttP50, later.rttP50),
        max(earlier.rttP90, later.rttP90),
        max(earlier.rttP99, later.rttP99),
        max(earlier.rttMax, later.rttMax),
        max(earlier.connectP50, later.connectP50),
        max(earlier.connectP99, later.connectP99),
        later.feedGaps);
  }

  JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("timestamp", timestamp.toString())
            .put("connections", connections)
            .put("connected", connected)
            .put("connection_attempts", attempts)
            .put("failed_connections", failures)
            .put("disconnections", disconnections)
            .put("reconnections", reconnections)
            .put("messages_sent_per_second", Rounding.rate(messagesSentPerSecond))
            .put("messages_received_per_second", Rounding.rate(messagesReceivedPerSecond))
            .put("bytes_sent_per_second", Rounding.rate(bytesSentPerSecond))
            .put("bytes_received_per_second", Rounding.rate(bytesReceivedPerSecond))
            .put("rtt_p50_ms", rttP50)
            .put("rtt_p90_ms", rttP90)
            .put("rtt_p99_ms", rttP99)
            .put("rtt_max_ms", rttMax)
            .put("connection_latency_p50_ms", connectP50)
            .put("connection_latency_p99_ms", connectP99);
    if (feedGaps != null) {
      json.put("feed_gaps", feedGaps);
    }
    return json;
  }

  private static Double max(Double x, Double y) {
    if (x == null) {
      return y;
    }
    return y == null ? x : Math.max(x, y);
  }
}
