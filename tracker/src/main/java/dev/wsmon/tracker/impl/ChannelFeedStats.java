package dev.wsmon.tracker.impl;

import dev.wsmon.core.FeedDelta;
import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.tracker.HistogramSummary;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/**
 * The feed metrics of one protocol channel on one connection, or merged over a group or the total
 * (counters summed, histograms added exactly): the fields of the connection's {@code feed} block.
 */
final class ChannelFeedStats {

  private final FeedStats counts = new FeedStats();
  private Histogram interArrival;
  private Histogram e2e;

  void apply(FeedDelta d) {
    counts.apply(d);
    interArrival = added(interArrival, d.interArrival());
    e2e = added(e2e, d.e2e());
  }

  void add(ChannelFeedStats other) {
    counts.add(other.counts);
    interArrival = added(interArrival, other.interArrival);
    e2e = added(e2e, other.e2e);
  }

  private static Histogram added(Histogram into, Histogram values) {
    if (values == null) {
      return into;
    }
    Histogram h = into == null ? LatencyHistograms.create() : into;
    h.add(values);
    return h;
  }

  JsonObject toJson() {
    return counts.toJson(HistogramSummary.of(interArrival), HistogramSummary.of(e2e));
  }
}
