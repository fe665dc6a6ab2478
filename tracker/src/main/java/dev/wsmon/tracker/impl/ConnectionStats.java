package dev.wsmon.tracker.impl;

import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.core.internal.TrafficCounters;
import dev.wsmon.tracker.WsmonMetrics;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The mutable stats of one connection; touched only on the tracker's event loop. Its traffic side
 * ({@link ConnectionTraffic}) exists from its first traffic on, so a held connection that only
 * pings costs the lifecycle fields here and two small latency arrays.
 */
final class ConnectionStats {

  static final long NEVER = Long.MIN_VALUE;

  final String id;
  final Scope group;
  final WsmonMetrics.Meters meters;

  ConnectionState state;
  boolean connected;
  boolean everConnected;
  // the current rates exist once a sample interval ended while the connection was known
  boolean hasCurrent;

  long attempts;
  long successes;
  long failures;
  long attemptsAbandoned;
  // an attempt counted and without an outcome yet (AttemptOutcomes)
  boolean attemptInFlight;
  long disconnections;
  long reconnections;

  // LazyHistogram: null, plain values, or the packed histogram
  private Object connectLatency;
  private Object pingRtt;
  private ConnectionTraffic traffic;
  double connectLatencySumMs;
  double lastConnectLatencyMs = Double.NaN; // NaN: none yet (a boxed Double costs 16 bytes)
  long lastConnectedAt = NEVER;

  long uptimeNanos;
  long sessionStart;
  long lastDisconnectedAt = NEVER;
  Map<Integer, Long> closeCodes;
  Integer lastCloseCode;
  String lastCloseReason;

  ConnectionStats(String id, Scope group, WsmonMetrics.Meters meters) {
    this.id = id;
    this.group = group;
    this.meters = meters;
  }

  /** The traffic side, or {@code null} before the first traffic. */
  ConnectionTraffic traffic() {
    return traffic;
  }

  /** The traffic side, created now when this is the first traffic. */
  ConnectionTraffic trafficNow() {
    if (traffic == null) {
      traffic = new ConnectionTraffic();
    }
    return traffic;
  }

  /** Adds the counters of {@code delta}; a delta without any leaves the traffic side absent. */
  void add(ConnectionDelta d) {
    if (traffic != null || !TrafficCounters.isZero(d)) {
      trafficNow().add(d);
    }
  }

  void recordRtt(long micros, long count) {
    trafficNow().recordRtt(micros, count);
  }

  void recordPingRtt(long micros, long count) {
    pingRtt = LazyHistogram.record(pingRtt, micros, count);
  }

  /**
   * Correlated requests counted as sent whose outcome (answer, timeout, abandon) is not counted
   * yet; kept across a stats reset, which counts them as sent again so that every outcome counted
   * after the reset has its send counted after it too.
   */
  private long requestsOutstanding;

  /** Follows the requests of one delta: those sent, less those that got an outcome. */
  void followRequests(ConnectionDelta d) {
    long outcomes =
        (d.rtt() == null ? 0 : d.rtt().getTotalCount())
            + d.requestTimeouts()
            + d.requestsAbandoned();
    requestsOutstanding += d.requestsSent() - outcomes;
  }

  /** The number of message round trips recorded. */
  long rttCount() {
    return traffic == null ? 0 : traffic.rttCount();
  }

  /** The message round trips as a histogram for a query, or {@code null}. */
  Histogram rttHistogram() {
    return traffic == null ? null : traffic.rttHistogram();
  }

  /** The ping round trips as a histogram for a query, or {@code null}. */
  Histogram pingRttHistogram() {
    return LazyHistogram.histogram(pingRtt);
  }

  /** Records a connect latency (clamped to the histogram's range). */
  void recordConnectLatency(long micros) {
    connectLatency =
        LazyHistogram.record(
            connectLatency, Math.max(1, Math.min(LatencyHistograms.HIGHEST_MICROS, micros)), 1);
  }

  /** The number of connect latencies recorded. */
  long connectLatencyCount() {
    return LazyHistogram.totalCount(connectLatency);
  }

  /** The connect latencies as a histogram for a query, or {@code null} when there are none. */
  Histogram connectLatencies() {
    return LazyHistogram.histogram(connectLatency);
  }

  void countCloseCode(int code) {
    if (closeCodes == null) {
      closeCodes = new TreeMap<>();
    }
    closeCodes.merge(code, 1L, Long::sum);
  }

  long uptimeAt(long now) {
    return uptimeNanos + (connected ? now - sessionStart : 0);
  }

  /** Takes the current rates over the interval that ends now. */
  void sample(double seconds) {
    if (traffic != null) {
      traffic.sample(seconds);
    }
    hasCurrent = true;
  }

  /**
   * Clears counters and histograms; keeps the state, and restarts a live session now. An attempt in
   * flight stays counted in {@code attempts}, as requests in flight stay counted as sent.
   */
  void reset(long now) {
    // an attempt in flight stays counted: its outcome is counted after the reset
    attempts = attemptInFlight ? 1 : 0;
    successes = 0;
    failures = 0;
    attemptsAbandoned = 0;
    disconnections = 0;
    reconnections = 0;
    if (traffic != null) {
      traffic.reset();
    }
    if (requestsOutstanding > 0) {
      // requests in flight stay counted as sent: their outcomes arrive after the reset
      trafficNow().messagesSent = requestsOutstanding;
    }
    connectLatency = null;
    pingRtt = null;
    connectLatencySumMs = 0;
    lastConnectLatencyMs = Double.NaN;
    lastConnectedAt = NEVER;
    uptimeNanos = 0;
    sessionStart = now;
    lastDisconnectedAt = NEVER;
    closeCodes = null;
    lastCloseCode = null;
    lastCloseReason = null;
    hasCurrent = false;
  }
}
