package dev.wsmon.tracker.impl;

import dev.wsmon.core.FeedDelta;
import dev.wsmon.tracker.HistogramSummary;
import io.vertx.core.json.JsonObject;

/**
 * The feed counters of one connection, or summed over a group or the total. Histograms live in
 * {@link ConnectionStats} and {@link Scope}, where they are kept up to date as values arrive.
 */
final class FeedStats {

  long gaps;
  long missing;
  long duplicates;
  long outOfOrder;
  long resets;
  long unparsed;
  double maxSilenceMs;
  boolean stale;

  /** Applies one delta; returns the change of {@code stale} (+1 went stale, -1 recovered, 0). */
  int apply(FeedDelta d) {
    gaps += d.gaps() - d.filled();
    missing += d.missing();
    duplicates += d.duplicates();
    outOfOrder += d.outOfOrder();
    resets += d.resets();
    unparsed += d.unparsed();
    maxSilenceMs = Math.max(maxSilenceMs, d.maxSilenceMs());
    if (d.stale() != null && d.stale() != stale) {
      stale = d.stale();
      return stale ? 1 : -1;
    }
    return 0;
  }

  void add(FeedStats other) {
    gaps += other.gaps;
    missing += other.missing;
    duplicates += other.duplicates;
    outOfOrder += other.outOfOrder;
    resets += other.resets;
    unparsed += other.unparsed;
    maxSilenceMs = Math.max(maxSilenceMs, other.maxSilenceMs);
    stale |= other.stale;
  }

  /** Clears the counters; {@code stale} is a state and stays. */
  void reset() {
    gaps = 0;
    missing = 0;
    duplicates = 0;
    outOfOrder = 0;
    resets = 0;
    unparsed = 0;
    maxSilenceMs = 0;
  }

  JsonObject toJson(HistogramSummary interArrival, HistogramSummary e2e) {
    return new JsonObject()
        .put("gaps", gaps)
        .put("missing", missing)
        .put("duplicates", duplicates)
        .put("out_of_order", outOfOrder)
        .put("resets", resets)
        .put("unparsed", unparsed)
        .put("inter_arrival_ms", interArrival.toJson())
        .put("e2e_latency_ms", e2e.toJson())
        .put("max_silence_ms", Rounding.millis(maxSilenceMs))
        .put("stale", stale);
  }
}
