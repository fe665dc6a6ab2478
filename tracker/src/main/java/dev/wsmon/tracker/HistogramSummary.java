package dev.wsmon.tracker;

import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.tracker.impl.HistogramValues;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/**
 * Count, min, mean, p50, p90, p99, p99.9 and max of a histogram of microseconds, computed in one
 * pass with exactly HdrHistogram's own definitions ({@code getValueAtPercentile}, {@code getMean}).
 */
public final class HistogramSummary {

  private static final double[] PERCENTILES = {50.0, 90.0, 99.0, 99.9};
  private static final HistogramSummary EMPTY = new HistogramSummary(0, 0, 0, 0, new long[4]);

  private final long count;
  private final long min;
  private final long max;
  private final double mean;
  private final long[] percentiles;

  private HistogramSummary(long count, long min, long max, double mean, long[] percentiles) {
    this.count = count;
    this.min = min;
    this.max = max;
    this.mean = mean;
    this.percentiles = percentiles;
  }

  /**
   * Summarises {@code histogram}.
   *
   * @param histogram the histogram, or {@code null} for an empty summary
   * @return the summary
   */
  public static HistogramSummary of(Histogram histogram) {
    if (histogram == null || histogram.getTotalCount() == 0) {
      return EMPTY;
    }
    long total = histogram.getTotalCount();
    long[] thresholds = new long[PERCENTILES.length];
    for (int i = 0; i < thresholds.length; i++) {
      double requested = Math.nextAfter(PERCENTILES[i], Double.NEGATIVE_INFINITY);
      thresholds[i] = Math.max(1, (long) Math.ceil(requested / 100.0 * total));
    }
    long[] values = new long[PERCENTILES.length];
    double[] sum = {0};
    long[] cumulative = {0};
    int[] next = {0};
    HistogramValues.forEach(
        histogram,
        (value, n) -> {
          sum[0] += histogram.medianEquivalentValue(value) * (double) n;
          cumulative[0] += n;
          while (next[0] < thresholds.length && cumulative[0] >= thresholds[next[0]]) {
            values[next[0]++] = histogram.highestEquivalentValue(value);
          }
        });
    return new HistogramSummary(
        total, histogram.getMinValue(), histogram.getMaxValue(), sum[0] / total, values);
  }

  /** The number of values. */
  public long count() {
    return count;
  }

  /** The 50th percentile in ms, or {@code null} when empty. */
  public Double p50Ms() {
    return ms(percentiles[0]);
  }

  /** The 90th percentile in ms, or {@code null} when empty. */
  public Double p90Ms() {
    return ms(percentiles[1]);
  }

  /** The 99th percentile in ms, or {@code null} when empty. */
  public Double p99Ms() {
    return ms(percentiles[2]);
  }

  /** The maximum in ms, or {@code null} when empty. */
  public Double maxMs() {
    return ms(max);
  }

  /** The mean in ms, or {@code null} when empty. */
  public Double meanMs() {
    return count == 0 ? null : LatencyHistograms.toMillis(mean);
  }

  /** {@code {count, min, mean, p50, p90, p99, p999, max}} in ms; null fields when empty. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("count", count)
        .put("min", ms(min))
        .put("mean", meanMs())
        .put("p50", ms(percentiles[0]))
        .put("p90", ms(percentiles[1]))
        .put("p99", ms(percentiles[2]))
        .put("p999", ms(percentiles[3]))
        .put("max", ms(max));
  }

  private Double ms(long micros) {
    return count == 0 ? null : LatencyHistograms.toMillis(micros);
  }
}
