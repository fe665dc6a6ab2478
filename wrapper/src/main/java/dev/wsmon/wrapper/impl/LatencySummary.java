package dev.wsmon.wrapper.impl;

import dev.wsmon.core.LatencyHistograms;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/**
 * The latency summary of a histogram of microseconds in the contract shape: {@code count, min,
 * mean, p50, p90, p99, p999, max} in milliseconds with microsecond precision; null values before
 * the first sample.
 */
public final class LatencySummary {

  private LatencySummary() {}

  /** The summary of {@code micros}. */
  public static JsonObject of(Histogram micros) {
    long count = micros.getTotalCount();
    JsonObject json = new JsonObject().put("count", count);
    if (count == 0) {
      for (String key : new String[] {"min", "mean", "p50", "p90", "p99", "p999", "max"}) {
        json.putNull(key);
      }
      return json;
    }
    return json.put("min", ms(micros.getMinValue()))
        .put("mean", ms(micros.getMean()))
        .put("p50", ms(micros.getValueAtPercentile(50)))
        .put("p90", ms(micros.getValueAtPercentile(90)))
        .put("p99", ms(micros.getValueAtPercentile(99)))
        .put("p999", ms(micros.getValueAtPercentile(99.9)))
        .put("max", ms(micros.getMaxValue()));
  }

  private static double ms(double micros) {
    return LatencyHistograms.toMillis(micros);
  }
}
