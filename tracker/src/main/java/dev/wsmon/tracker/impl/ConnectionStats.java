package dev.wsmon.tracker.impl;

import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.core.internal.TrafficCounters;
import dev.wsmon.tracker.WsmonMetrics;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** The mutable stats of one connection; touched only on the tracker's event loop. */
final class ConnectionStats extends TrafficCounters {

  static final long NEVER = Long.MIN_VALUE;

  final String id;
  final ConnectionOrder order;
  final Scope group;
  final WsmonMetrics.Meters meters;

  ConnectionState state;
  boolean connected;
  boolean everConnected;

  long attempts;
  long successes;
  long failures;
  long disconnections;
  long reconnections;

  // null until the first value; plain values, then packed (LazyHistogram)
  private LazyHistogram connectLatency;
  private LazyHistogram rtt;
  private LazyHistogram pingRtt;
  Histogram rttActual;
  Histogram sendLag;
  FeedStats feed;
  ProtocolStats protocol;
  Histogram feedInterArrival;
  Histogram feedE2e;
  double connectLatencySumMs;
  long connectLatencyCount;
  double lastConnectLatencyMs = Double.NaN; // NaN: none yet (a boxed Double costs 16 bytes)
  long lastConnectedAt = NEVER;

  long uptimeNanos;
  long sessionStart;
  long lastDisconnectedAt = NEVER;
  Map<Integer, Long> closeCodes;
  Integer lastCloseCode;
  String lastCloseReason;

  boolean hasCurrent;
  long tickMessagesSent;
  long tickMessagesReceived;
  long tickBytesSent;
  long tickBytesReceived;
  double currentMessagesSent;
  double currentMessagesReceived;
  double currentBytesSent;
  double currentBytesReceived;

  ConnectionStats(String id, Scope group, WsmonMetrics.Meters meters) {
    this.id = id;
    this.order = new ConnectionOrder(id);
    this.group = group;
    this.meters = meters;
  }

  void recordRtt(long micros, long count) {
    if (rtt == null) {
      rtt = new LazyHistogram();
    }
    rtt.record(micros, count);
  }

  Histogram rttActual() {
    if (rttActual == null) {
      rttActual = LatencyHistograms.create();
    }
    return rttActual;
  }

  Histogram sendLag() {
    if (sendLag == null) {
      sendLag = LatencyHistograms.create();
    }
    return sendLag;
  }

  void recordPingRtt(long micros, long count) {
    if (pingRtt == null) {
      pingRtt = new LazyHistogram();
    }
    pingRtt.record(micros, count);
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
    return rtt == null ? 0 : rtt.totalCount();
  }

  /** The message round trips as a histogram for a query, or {@code null}. */
  Histogram rttHistogram() {
    return LazyHistogram.of(rtt);
  }

  /** The ping round trips as a histogram for a query, or {@code null}. */
  Histogram pingRttHistogram() {
    return LazyHistogram.of(pingRtt);
  }

  Histogram feedInterArrival() {
    if (feedInterArrival == null) {
      feedInterArrival = LatencyHistograms.create();
    }
    return feedInterArrival;
  }

  Histogram feedE2e() {
    if (feedE2e == null) {
      feedE2e = LatencyHistograms.create();
    }
    return feedE2e;
  }

  /** Records a connect latency (clamped to the histogram's range). */
  void recordConnectLatency(long micros) {
    if (connectLatency == null) {
      connectLatency = new LazyHistogram();
    }
    connectLatency.record(Math.max(1, Math.min(LatencyHistograms.HIGHEST_MICROS, micros)), 1);
  }

  /** The connect latencies as a histogram for a query, or {@code null} when there are none. */
  Histogram connectLatencies() {
    return LazyHistogram.of(connectLatency);
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
    currentMessagesSent = (messagesSent - tickMessagesSent) / seconds;
    currentMessagesReceived = (messagesReceived - tickMessagesReceived) / seconds;
    currentBytesSent = (bytesSent - tickBytesSent) / seconds;
    currentBytesReceived = (bytesReceived - tickBytesReceived) / seconds;
    markTick();
    hasCurrent = true;
  }

  private void markTick() {
    tickMessagesSent = messagesSent;
    tickMessagesReceived = messagesReceived;
    tickBytesSent = bytesSent;
    tickBytesReceived = bytesReceived;
  }

  /** Clears counters and histograms; keeps the state, and restarts a live session now. */
  void reset(long now) {
    attempts = 0;
    successes = 0;
    failures = 0;
    disconnections = 0;
    reconnections = 0;
    clearCounters();
    // requests in flight stay counted as sent: their outcomes arrive after the reset
    messagesSent = Math.max(0, requestsOutstanding);
    connectLatency = null;
    rtt = null;
    rttActual = null;
    sendLag = null;
    pingRtt = null;
    if (protocol != null) {
      protocol.reset();
    }
    if (feed != null) {
      feed.reset();
    }
    feedInterArrival = null;
    feedE2e = null;
    connectLatencySumMs = 0;
    connectLatencyCount = 0;
    lastConnectLatencyMs = Double.NaN;
    lastConnectedAt = NEVER;
    uptimeNanos = 0;
    sessionStart = now;
    lastDisconnectedAt = NEVER;
    closeCodes = null;
    lastCloseCode = null;
    lastCloseReason = null;
    hasCurrent = false;
    markTick();
  }
}
