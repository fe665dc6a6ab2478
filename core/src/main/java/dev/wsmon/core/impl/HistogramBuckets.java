package dev.wsmon.core.impl;

import dev.wsmon.core.LatencyHistograms;
import java.lang.reflect.Field;
import java.util.Iterator;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.packedarray.IterationValue;
import org.HdrHistogram.packedarray.PackedLongArray;

/**
 * Visits the recorded buckets of a histogram in ascending order, each as (lowest equivalent value,
 * count).
 *
 * <p>HdrHistogram's own iterators and {@code add} walk every bucket index up to the largest value,
 * which for a {@link PackedHistogram} costs about 150 µs even when it holds five values. For a
 * packed histogram this class walks only the non-zero entries of its packed counts array (read
 * reflectively) and checks the first entry against the histogram's minimum before trusting it; any
 * other histogram, or a packed one that fails the check, goes through the public {@code
 * recordedValues()} iterator.
 */
public final class HistogramBuckets {

  private static final Field PACKED_COUNTS = packedCountsField();

  private HistogramBuckets() {}

  /**
   * Visits every recorded bucket of {@code histogram} in ascending value order.
   *
   * @param histogram the histogram, or {@code null} (visits nothing)
   * @param sink the receiver
   */
  public static void forEach(Histogram histogram, LatencyHistograms.BucketSink sink) {
    if (histogram == null) {
      return;
    }
    long total = histogram.getTotalCount();
    if (total == 0) {
      return;
    }
    long min = histogram.getMinNonZeroValue();
    boolean hasZero = histogram.getMinValue() == 0;
    if (!hasZero && min == histogram.lowestEquivalentValue(histogram.getMaxValue())) {
      sink.accept(min, total);
      return;
    }
    if (hasZero || !forEachPacked(histogram, min, sink)) {
      forEachRecorded(histogram, sink);
    }
  }

  /** Whether the fast path for packed histograms is available in this JVM. */
  public static boolean fastPathAvailable() {
    return PACKED_COUNTS != null;
  }

  /**
   * Visits the buckets through HdrHistogram's own iterator (the reference; slow for packed ones).
   */
  public static void forEachRecorded(Histogram histogram, LatencyHistograms.BucketSink sink) {
    for (HistogramIterationValue v : histogram.recordedValues()) {
      sink.accept(
          histogram.lowestEquivalentValue(v.getValueIteratedTo()), v.getCountAtValueIteratedTo());
    }
  }

  private static boolean forEachPacked(
      Histogram histogram, long min, LatencyHistograms.BucketSink sink) {
    if (PACKED_COUNTS == null || histogram.getClass() != PackedHistogram.class) {
      return false;
    }
    PackedLongArray counts;
    try {
      counts = (PackedLongArray) PACKED_COUNTS.get(histogram);
    } catch (IllegalAccessException | RuntimeException e) {
      return false;
    }
    int unitMagnitude = 63 - Long.numberOfLeadingZeros(histogram.getLowestDiscernibleValue());
    long largestSingleUnit = 2 * (long) Math.pow(10, histogram.getNumberOfSignificantValueDigits());
    int subBucketCountMagnitude = 64 - Long.numberOfLeadingZeros(largestSingleUnit - 1);
    int halfMagnitude = Math.max(subBucketCountMagnitude, 1) - 1;
    Iterator<IterationValue> it = counts.nonZeroValues().iterator();
    boolean first = true;
    while (it.hasNext()) {
      IterationValue entry = it.next();
      long value = valueFromIndex(entry.getIndex(), halfMagnitude, unitMagnitude);
      if (first) {
        if (value != min) {
          return false;
        }
        first = false;
      }
      sink.accept(value, entry.getValue());
    }
    return !first;
  }

  /** The lowest value of the bucket at {@code index}. */
  public static long valueFromIndex(int index, int halfMagnitude, int unitMagnitude) {
    int halfCount = 1 << halfMagnitude;
    int bucketIndex = (index >> halfMagnitude) - 1;
    int subBucketIndex = (index & (halfCount - 1)) + halfCount;
    if (bucketIndex < 0) {
      subBucketIndex -= halfCount;
      bucketIndex = 0;
    }
    return ((long) subBucketIndex) << (bucketIndex + unitMagnitude);
  }

  private static Field packedCountsField() {
    try {
      Field field = PackedHistogram.class.getDeclaredField("packedCounts");
      field.setAccessible(true);
      return field.getType() == PackedLongArray.class ? field : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
