package dev.wsmon.tracker.impl;

import dev.wsmon.core.LatencyHistograms;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * A per-connection latency histogram that keeps its first {@value #PLAIN} recordings as plain
 * (value, count) pairs and builds the packed HdrHistogram only when more arrive. A packed histogram
 * costs about 1.2 KB even when it holds one value (HdrHistogram allocates two iterators up front);
 * a connection held for a minute with a ping every 10 s records six values, 144 bytes here. Queries
 * see the same values either way.
 */
final class LazyHistogram {

  /** Recordings kept as plain pairs before the packed histogram is built: {@value}. */
  static final int PLAIN = 16;

  private long[] pairs;
  private int size;
  private Histogram packed;

  /** Records {@code count} values of {@code micros} (already clamped by the caller). */
  void record(long micros, long count) {
    if (packed != null) {
      packed.recordValueWithCount(micros, count);
      return;
    }
    if (pairs == null) {
      pairs = new long[4];
    } else if (2 * size == pairs.length) {
      if (size == PLAIN) {
        packed = build();
        packed.recordValueWithCount(micros, count);
        pairs = null;
        size = 0;
        return;
      }
      pairs = Arrays.copyOf(pairs, pairs.length * 2);
    }
    pairs[2 * size] = micros;
    pairs[2 * size + 1] = count;
    size++;
  }

  /** The number of values recorded. */
  long totalCount() {
    if (packed != null) {
      return packed.getTotalCount();
    }
    long n = 0;
    for (int i = 0; i < size; i++) {
      n += pairs[2 * i + 1];
    }
    return n;
  }

  /** Whether the packed histogram has been built (for tests). */
  boolean isPacked() {
    return packed != null;
  }

  /**
   * The values as a histogram for a query: the packed one, or one built now from the pairs; {@code
   * null} when nothing was recorded.
   */
  Histogram histogram() {
    return packed != null || size == 0 ? packed : build();
  }

  /** {@link #histogram()} of {@code h}, or {@code null} when {@code h} is. */
  static Histogram of(LazyHistogram h) {
    return h == null ? null : h.histogram();
  }

  private Histogram build() {
    Histogram h = LatencyHistograms.create();
    for (int i = 0; i < size; i++) {
      h.recordValueWithCount(pairs[2 * i], pairs[2 * i + 1]);
    }
    return h;
  }
}
