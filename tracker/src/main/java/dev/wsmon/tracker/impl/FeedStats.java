package dev.wsmon.tracker.impl;

import dev.wsmon.core.FeedDelta;
import dev.wsmon.core.internal.FeedCounters;
import dev.wsmon.tracker.HistogramSummary;
import io.vertx.core.json.JsonObject;

/**
 * The feed counters of one connection, or summed over a group or the total, with the longest
 * silence and the stale state. Histograms live in {@link ConnectionStats} and {@link Scope}, where
 * they are kept up to date as values arrive.
 */
final class FeedStats extends FeedCounters {

  double maxSilenceMs;
  boolean stale;

  /** Applies one delta; returns the change of {@code stale} (+1 went stale, -1 recovered, 0). */
  int apply(FeedDelta d) {
    add(d);
    maxSilenceMs = Math.max(maxSilenceMs, d.maxSilenceMs());
    if (d.stale() != null && d.stale() != stale) {
      stale = d.stale();
      return stale ? 1 : -1;
    }
    return 0;
  }

  void add(FeedStats other) {
    add((FeedCounters) other);
    maxSilenceMs = Math.max(maxSilenceMs, other.maxSilenceMs);
    stale |= other.stale;
  }

  /** Clears the counters; {@code stale} is a state and stays. */
  void reset() {
    clearCounters();
    maxSilenceMs = 0;
  }

  JsonObject toJson(HistogramSummary interArrival, HistogramSummary e2e) {
    return writeStatsTo(new JsonObject())
        .put("inter_arrival_ms", interArrival.toJson())
        .put("e2e_latency_ms", e2e.toJson())
        .put("max_silence_ms", Rounding.millis(maxSilenceMs))
        .put("stale", stale);
  }
}
