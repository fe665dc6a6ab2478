package dev.wsmon.tracker.impl;

import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.core.internal.TrafficCounters;
import org.HdrHistogram.Histogram;

/**
 * The traffic side of one connection's stats: its counters, current rates, message round trips,
 * feed and protocol stats. Created by the connection's first traffic, so a held connection that
 * only pings carries none of it. Touched only on the tracker's event loop.
 */
final class ConnectionTraffic extends TrafficCounters {

  private Object rtt; // LazyHistogram
  Histogram rttActual;
  Histogram sendLag;
  FeedStats feed;
  ProtocolStats protocol;
  Histogram feedInterArrival;
  Histogram feedE2e;

  private long tickMessagesSent;
  private long tickMessagesReceived;
  private long tickBytesSent;
  private long tickBytesReceived;
  double currentMessagesSent;
  double currentMessagesReceived;
  double currentBytesSent;
  double currentBytesReceived;

  /** Makes room for a delta of round trips whose packed storage takes {@code deltaLongs}. */
  void expectRtt(int deltaLongs) {
    rtt = LazyHistogram.expect(rtt, deltaLongs);
  }

  void recordRtt(long micros, long count) {
    rtt = LazyHistogram.record(rtt, micros, count);
  }

  long rttCount() {
    return LazyHistogram.totalCount(rtt);
  }

  Histogram rttHistogram() {
    return LazyHistogram.histogram(rtt);
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

  /** Takes the current rates over the interval that ends now. */
  void sample(double seconds) {
    currentMessagesSent = (messagesSent - tickMessagesSent) / seconds;
    currentMessagesReceived = (messagesReceived - tickMessagesReceived) / seconds;
    currentBytesSent = (bytesSent - tickBytesSent) / seconds;
    currentBytesReceived = (bytesReceived - tickBytesReceived) / seconds;
    tickMessagesSent = messagesSent;
    tickMessagesReceived = messagesReceived;
    tickBytesSent = bytesSent;
    tickBytesReceived = bytesReceived;
  }

  /** Clears counters, rates and histograms; feed and protocol keep their shape. */
  void reset() {
    clearCounters();
    rtt = null;
    rttActual = null;
    sendLag = null;
    if (protocol != null) {
      protocol.reset();
    }
    if (feed != null) {
      feed.reset();
    }
    feedInterArrival = null;
    feedE2e = null;
    tickMessagesSent = 0;
    tickMessagesReceived = 0;
    tickBytesSent = 0;
    tickBytesReceived = 0;
    currentMessagesSent = 0;
    currentMessagesReceived = 0;
    currentBytesSent = 0;
    currentBytesReceived = 0;
  }
}
