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
  Histogram rtt;
  Histogram pingRtt;
  int connections;
  int connected;
  private long allUpSince = NOT_ALL_UP;

  Scope(String name, Supplier<Histogram> factory) {
    this.name = name;
    this.factory = factory;
    clearHistograms();
  }

  void clearHistograms() {
    connectLatency = factory.get();
    rtt = factory.get();
    pingRtt = factory.get();
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
