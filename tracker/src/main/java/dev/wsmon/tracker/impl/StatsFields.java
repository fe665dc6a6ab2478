package dev.wsmon.tracker.impl;

import dev.wsmon.core.internal.TrafficCounters;
import dev.wsmon.tracker.HistogramSummary;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The contract's stats keys of one connection, or summed over the connections of a group or of the
 * total; built at query time only.
 */
final class StatsFields extends TrafficCounters {

  private long attempts;
  private long successes;
  private long failures;
  private long attemptsAbandoned;
  private long disconnections;
  private long reconnections;
  private double connectLatencySumMs;
  private long connectLatencyCount;
  private Double lastConnectLatencyMs;
  private long lastConnectedAt = ConnectionStats.NEVER;
  private long uptimeNanos;
  private long lastDisconnectedAt = ConnectionStats.NEVER;
  private long rttCount;
  private boolean hasCurrent;
  private double currentMessagesSent;
  private double currentMessagesReceived;
  private double currentBytesSent;
  private double currentBytesReceived;
  private final Map<Integer, Long> closeCodes = new TreeMap<>();
  private FeedStats feed;
  private ProtocolStats protocol;
  private Integer lastCloseCode;
  private String lastCloseReason;

  long attempts() {
    return attempts;
  }

  long failures() {
    return failures;
  }

  long reconnections() {
    return reconnections;
  }

  Double successRate() {
    long completed = successes + failures;
    return completed == 0 ? null : successes * 100.0 / completed;
  }

  Double currentMessagesSent() {
    return hasCurrent ? currentMessagesSent : null;
  }

  Double currentMessagesReceived() {
    return hasCurrent ? currentMessagesReceived : null;
  }

  void add(ConnectionStats c, long now) {
    attempts += c.attempts;
    successes += c.successes;
    failures += c.failures;
    attemptsAbandoned += c.attemptsAbandoned;
    disconnections += c.disconnections;
    reconnections += c.reconnections;
    connectLatencySumMs += c.connectLatencySumMs;
    connectLatencyCount += c.connectLatencyCount();
    if (!Double.isNaN(c.lastConnectLatencyMs) && c.lastConnectedAt >= lastConnectedAt) {
      lastConnectLatencyMs = c.lastConnectLatencyMs;
      lastConnectedAt = c.lastConnectedAt;
    }
    uptimeNanos += c.uptimeAt(now);
    if (c.lastDisconnectedAt != ConnectionStats.NEVER
        && c.lastDisconnectedAt >= lastDisconnectedAt) {
      lastDisconnectedAt = c.lastDisconnectedAt;
      lastCloseCode = c.lastCloseCode;
      lastCloseReason = c.lastCloseReason;
    }
    ConnectionTraffic t = c.traffic();
    if (t != null) {
      add(t);
      rttCount += t.rttCount();
    }
    if (c.hasCurrent) {
      hasCurrent = true;
      if (t != null) {
        currentMessagesSent += t.currentMessagesSent;
        currentMessagesReceived += t.currentMessagesReceived;
        currentBytesSent += t.currentBytesSent;
        currentBytesReceived += t.currentBytesReceived;
      }
    }
    if (c.closeCodes != null) {
      c.closeCodes.forEach((code, n) -> closeCodes.merge(code, n, Long::sum));
    }
    if (t != null && t.feed != null) {
      if (feed == null) {
        feed = new FeedStats();
      }
      feed.add(t.feed);
    }
    if (t != null && t.protocol != null) {
      if (protocol == null) {
        protocol = new ProtocolStats();
      }
      protocol.add(t.protocol);
    }
  }

  /** Writes the {@code protocol} object when some connection speaks a protocol. */
  void writeProtocol(JsonObject json) {
    if (protocol != null) {
      json.put("protocol", protocol.toJson());
    }
  }

  /** Writes the {@code feed} object when some connection carried feed data. */
  void writeFeed(JsonObject json, HistogramSummary interArrival, HistogramSummary e2e) {
    if (feed != null) {
      json.put("feed", feed.toJson(interArrival, e2e));
    }
  }

  /**
   * Writes the stats keys into {@code json}.
   *
   * @param now the tracker clock now
   * @param elapsedNanos time since started_at
   * @param currentUptimeNanos current session (connection) or time since all were up (scope)
   */
  JsonObject writeTo(
      JsonObject json,
      long now,
      long elapsedNanos,
      HistogramSummary connectLatency,
      HistogramSummary rtt,
      HistogramSummary pingRtt,
      long currentUptimeNanos,
      boolean isConnected) {
    Double successRate = successRate();
    Double avgLatency =
        connectLatencyCount == 0
            ? null
            : Rounding.millis(connectLatencySumMs / connectLatencyCount);
    double uptimeSeconds = Rounding.seconds(uptimeNanos);
    json.put("connection_attempts", attempts)
        .put("successful_connections", successes)
        .put("failed_connections", failures)
        .put("attempts_abandoned", attemptsAbandoned)
        .put("disconnections", disconnections)
        .put("reconnections", reconnections)
        .put("success_rate", successRate == null ? null : Rounding.rate(successRate))
        .put("avg_connection_latency_ms", avgLatency)
        .put("last_connection_latency_ms", lastConnectLatencyMs)
        .put("connection_latency_ms", connectLatency.toJson())
        .put("total_uptime_seconds", uptimeSeconds)
        .put("current_uptime_seconds", Rounding.seconds(currentUptimeNanos))
        .put(
            "time_since_last_disconnection_seconds",
            lastDisconnectedAt == ConnectionStats.NEVER
                ? null
                : Rounding.seconds(now - lastDisconnectedAt));
    writeTo(json)
        .put("avg_messages_sent_per_second", perSecond(messagesSent, elapsedNanos))
        .put("avg_messages_received_per_second", perSecond(messagesReceived, elapsedNanos))
        .put("avg_bytes_sent_per_second", perSecond(bytesSent, elapsedNanos))
        .put("avg_bytes_received_per_second", perSecond(bytesReceived, elapsedNanos))
        .put("current_messages_sent_per_second", current(currentMessagesSent))
        .put("current_messages_received_per_second", current(currentMessagesReceived))
        .put("current_bytes_sent_per_second", current(currentBytesSent))
        .put("current_bytes_received_per_second", current(currentBytesReceived))
        .put("rtt_ms", rtt.toJson())
        .put("ping_rtt_ms", pingRtt.toJson())
        .put("close_codes", closeCodesJson())
        .put("last_close_code", lastCloseCode)
        .put("last_close_reason", lastCloseReason)
        .put("is_connected", isConnected);
    return json;
  }

  /** Writes {@code health_score} and {@code health}. */
  void writeHealth(JsonObject json, double downFraction) {
    Double avgLatency = json.getDouble("avg_connection_latency_ms");
    double score =
        Health.score(
            successRate(),
            disconnections,
            uptimeNanos / 1e9,
            avgLatency,
            downFraction,
            answeredRate());
    json.put("health_score", score).put("health", Health.label(score));
  }

  /**
   * Answered requests over requests with an outcome (answered, timed out, abandoned), in percent;
   * null when no request had an outcome (correlation off, or nothing sent yet).
   */
  Double answeredRate() {
    long outcomes = rttCount + requestTimeouts + requestsAbandoned;
    return outcomes == 0 ? null : rttCount * 100.0 / outcomes;
  }

  /** Writes {@code rtt_actual_ms} and {@code send_lag_ms} (requests sent on a schedule only). */
  static void writeScheduled(JsonObject json, HistogramSummary rttActual, HistogramSummary lag) {
    json.put("rtt_actual_ms", rttActual.toJson()).put("send_lag_ms", lag.toJson());
  }

  long uptimeNanos() {
    return uptimeNanos;
  }

  private JsonObject closeCodesJson() {
    JsonObject codes = new JsonObject();
    closeCodes.forEach((code, n) -> codes.put(String.valueOf(code), n));
    return codes;
  }

  private Double current(double value) {
    return hasCurrent ? Rounding.rate(value) : null;
  }

  private static Double perSecond(long count, long elapsedNanos) {
    return elapsedNanos <= 0 ? null : Rounding.rate(count / (elapsedNanos / 1e9));
  }
}
