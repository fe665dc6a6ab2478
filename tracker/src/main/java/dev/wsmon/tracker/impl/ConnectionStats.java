package dev.wsmon.tracker.impl;

import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.tracker.WsmonMetrics;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** The mutable stats of one connection; touched only on the tracker's event loop. */
final class ConnectionStats {

  static final long NEVER = Long.MIN_VALUE;

  final String id;
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

  long messagesSent;
  long messagesReceived;
  long bytesSent;
  long bytesReceived;
  long sendFailures;
  long requestTimeouts;
  long requestsAbandoned;
  long protocolErrors;

  /**
   * Null until the connection's {@value #FEW}th + 1 connect latency; see {@link #connectLatencies}.
   */
  private Histogram connectLatency;

  private long[] fewConnectLatencies;
  private int fewConnectLatencyCount;
  Histogram rtt;
  Histogram rttActual;
  Histogram sendLag;
  Histogram pingRtt;
  FeedStats feed;
  Histogram feedInterArrival;
  Histogram feedE2e;
  double connectLatencySumMs;
  long connectLatencyCount;
  Double lastConnectLatencyMs;
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
    this.group = group;
    this.meters = meters;
  }

  Histogram rtt() {
    if (rtt == null) {
      rtt = LatencyHistograms.create();
    }
    return rtt;
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

  Histogram pingRtt() {
    if (pingRtt == null) {
      pingRtt = LatencyHistograms.create();
    }
    return pingRtt;
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

  /** Connect latencies kept as plain values before a histogram is worth its ~1.3 KB. */
  static final int FEW = 4;

  /**
   * Records a connect latency. Most connections connect once or a few times, so the first {@value
   * #FEW} values are kept in a small array (40 bytes) and the packed histogram is built only when a
   * fifth arrives; queries see the same values either way.
   */
  void recordConnectLatency(long micros) {
    if (connectLatency != null) {
      LatencyHistograms.record(connectLatency, micros);
      return;
    }
    if (fewConnectLatencies == null) {
      fewConnectLatencies = new long[FEW];
    }
    if (fewConnectLatencyCount < FEW) {
      fewConnectLatencies[fewConnectLatencyCount++] = micros;
      return;
    }
    connectLatency = LatencyHistograms.create();
    for (int i = 0; i < fewConnectLatencyCount; i++) {
      LatencyHistograms.record(connectLatency, fewConnectLatencies[i]);
    }
    LatencyHistograms.record(connectLatency, micros);
    fewConnectLatencies = null;
    fewConnectLatencyCount = 0;
  }

  /**
   * The connect latencies as a histogram for a query: the kept one, or one built now from the few
   * values; {@code null} when there are none.
   */
  Histogram connectLatencies() {
    if (connectLatency != null || fewConnectLatencyCount == 0) {
      return connectLatency;
    }
    Histogram h = LatencyHistograms.create();
    for (int i = 0; i < fewConnectLatencyCount; i++) {
      LatencyHistograms.record(h, fewConnectLatencies[i]);
    }
    return h;
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
    messagesSent = 0;
    messagesReceived = 0;
    bytesSent = 0;
    bytesReceived = 0;
    sendFailures = 0;
    requestTimeouts = 0;
    requestsAbandoned = 0;
    protocolErrors = 0;
    connectLatency = null;
    fewConnectLatencies = null;
    fewConnectLatencyCount = 0;
    rtt = null;
    rttActual = null;
    sendLag = null;
    pingRtt = null;
    if (feed != null) {
      feed.reset();
    }
    feedInterArrival = null;
    feedE2e = null;
    connectLatencySumMs = 0;
    connectLatencyCount = 0;
    lastConnectLatencyMs = null;
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
