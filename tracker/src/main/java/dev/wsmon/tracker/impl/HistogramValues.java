package dev.wsmon.tracker.impl;

import dev.wsmon.core.LatencyHistograms;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Visits the recorded buckets of a histogram in ascending order, each as (lowest equivalent value,
 * count): {@link LatencyHistograms#forEachBucket}, which walks only the non-zero entries of a
 * packed histogram.
 */
public final class HistogramValues {

  /** Receives one bucket. */
  @FunctionalInterface
  public interface Sink extends LatencyHistograms.BucketSink {}

  private HistogramValues() {}

  /**
   * Visits every recorded bucket of {@code histogram} in ascending value order.
   *
   * @param histogram the histogram, or {@code null} (visits nothing)
   * @param sink the receiver
   */
  public static void forEach(Histogram histogram, Sink sink) {
    LatencyHistograms.forEachBucket(histogram, sink);
  }

  /** The reference walk through HdrHistogram's own iterator (slow for packed histograms). */
  static void forEachRecorded(Histogram histogram, Sink sink) {
    for (HistogramIterationValue v : histogram.recordedValues()) {
      sink.accept(
          histogram.lowestEquivalentValue(v.getValueIteratedTo()), v.getCountAtValueIteratedTo());
    }
  }
}
