package dev.wsmon.tracker.impl;

import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * A group of connections, or all of them: merged histograms kept up to date as values arrive (the
 * same values recorded into histograms of the same layout, so exactly the merge of its members'),
 * and the counts needed for "connected since all were up together".
 */
final class Scope {

  private static final long NOT_ALL_UP = Long.MIN_VALUE;

  final String name;
  private final Supplier<Histogram> factory;
  Histogram connectLatency;
  Histogram pingRtt;
  // created by their first value: the total's plain histograms are about 190 KB each
  private Histogram rtt;
  private Histogram rttActual;
  private Histogram sendLag;
  private Histogram feedInterArrival;
  private Histogram feedE2e;
  int connections;
  int connected;
  int degraded;
  private long allUpSince = NOT_ALL_UP;

  Scope(String name, Supplier<Histogram> factory) {
    this.name = name;
    this.factory = factory;
    clearHistograms();
  }

  void clearHistograms() {
    connectLatency = factory.get();
    pingRtt = factory.get();
    rtt = null;
    rttActual = null;
    sendLag = null;
    feedInterArrival = null;
    feedE2e = null;
  }

  /** The merged message round trips, created on first use ({@code null} until then). */
  Histogram rtt(boolean create) {
    if (rtt == null && create) {
      rtt = factory.get();
    }
    return rtt;
  }

  /**
   * The merged round trips from the actual send, created on first use ({@code null} until then).
   */
  Histogram rttActual(boolean create) {
    if (rttActual == null && create) {
      rttActual = factory.get();
    }
    return rttActual;
  }

  /** The merged send lags, created on first use ({@code null} until then). */
  Histogram sendLag(boolean create) {
    if (sendLag == null && create) {
      sendLag = factory.get();
    }
    return sendLag;
  }

  /** The merged feed inter-arrival times, created on first use ({@code null} until then). */
  Histogram feedInterArrival(boolean create) {
    if (feedInterArrival == null && create) {
      feedInterArrival = factory.get();
    }
    return feedInterArrival;
  }

  /** The merged feed end-to-end latencies, created on first use ({@code null} until then). */
  Histogram feedE2e(boolean create) {
    if (feedE2e == null && create) {
      feedE2e = factory.get();
    }
    return feedE2e;
  }

  void added() {
    connections++;
    allUpSince = NOT_ALL_UP;
  }

  void up(long now) {
    connected++;
    if (connected == connections) {
      allUpSince = now;
    }
  }

  void down() {
    connected--;
    allUpSince = NOT_ALL_UP;
  }

  /** Restarts "all up together" at {@code now} when all are up (after a reset). */
  void restart(long now) {
    if (allUpSince != NOT_ALL_UP) {
      allUpSince = now;
    }
  }

  long currentUptimeNanos(long now) {
    return allUpSince == NOT_ALL_UP ? 0 : now - allUpSince;
  }

  boolean allConnected() {
    return connections > 0 && connected == connections;
  }

  double downFraction() {
    return connections == 0 ? 1.0 : (connections - connected) / (double) connections;
  }
}
