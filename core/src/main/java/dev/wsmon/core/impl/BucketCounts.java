package dev.wsmon.core.impl;

import dev.wsmon.core.LatencyHistograms;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * Counts of microsecond values in the bucket layout of {@link LatencyHistograms} (HdrHistogram's, 1
 * µs to 1 h, 3 significant digits), as a plain {@code int[]}: recording is an index computation and
 * an array increment, with no virtual call (HdrHistogram's {@code recordValue} dispatches on the
 * histogram's class at every value, and every class in the JVM shares that call site). The buckets
 * touched are listed, so {@link #drainTo} walks those alone. About 94 KB. Not thread-safe.
 */
final class BucketCounts {

  private static final int SUB_BUCKET_COUNT_MAGNITUDE =
      64
          - Long.numberOfLeadingZeros(
              2 * (long) Math.pow(10, LatencyHistograms.SIGNIFICANT_DIGITS) - 1);
  private static final int HALF_MAGNITUDE = SUB_BUCKET_COUNT_MAGNITUDE - 1;
  private static final int HALF_COUNT = 1 << HALF_MAGNITUDE;
  private static final long SUB_BUCKET_MASK = (1L << SUB_BUCKET_COUNT_MAGNITUDE) - 1;
  private static final int LEADING_ZERO_COUNT_BASE = 64 - SUB_BUCKET_COUNT_MAGNITUDE;

  /** Slots for values 1 to {@link LatencyHistograms#HIGHEST_MICROS}. */
  static final int LENGTH = index(LatencyHistograms.HIGHEST_MICROS) + 1;

  private final int[] counts = new int[LENGTH];
  private int[] touched = new int[64];
  private int size;

  /** Counts {@code micros}, in [1, {@link LatencyHistograms#HIGHEST_MICROS}]. */
  void record(long micros) {
    int i = index(micros);
    if (counts[i]++ == 0) {
      if (size == touched.length) {
        touched = Arrays.copyOf(touched, size * 2);
      }
      touched[size++] = i;
    }
  }

  /** Adds every count to {@code out} in ascending value order and clears them. */
  void drainTo(Histogram out) {
    int[] t = touched;
    Arrays.sort(t, 0, size);
    for (int k = 0; k < size; k++) {
      int i = t[k];
      out.recordValueWithCount(HistogramBuckets.valueFromIndex(i, HALF_MAGNITUDE, 0), counts[i]);
      counts[i] = 0;
    }
    size = 0;
  }

  /** HdrHistogram's {@code countsArrayIndex} for this layout (unit magnitude 0). */
  static int index(long value) {
    int bucketIndex = LEADING_ZERO_COUNT_BASE - Long.numberOfLeadingZeros(value | SUB_BUCKET_MASK);
    int subBucketIndex = (int) (value >>> bucketIndex);
    return ((bucketIndex + 1) << HALF_MAGNITUDE) + subBucketIndex - HALF_COUNT;
  }
}
