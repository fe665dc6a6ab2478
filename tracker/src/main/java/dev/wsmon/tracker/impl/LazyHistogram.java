package dev.wsmon.tracker.impl;

import dev.wsmon.core.LatencyHistograms;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * A per-connection latency histogram that keeps its first {@value #PLAIN} recordings as plain
 * (value, count) pairs, one {@code long} each, and builds the packed HdrHistogram only when more
 * arrive. A packed histogram costs about 1.2 KB even when it holds one value (HdrHistogram
 * allocates two iterators up front); a connection held for a minute with a ping every 10 s records
 * six values, 80 bytes here. Queries see the same values either way.
 */
final class LazyHistogram {

  /** Recordings kept as plain pairs before the packed histogram is built: {@value}. */
  static final int PLAIN = 16;

  private static final long LOW = 0xFFFF_FFFFL;

  // value (microseconds, at most LatencyHistograms.HIGHEST_MICROS < 2^32) << 32 | count
  private long[] pairs;
  private int size;
  private Histogram packed;

  /** Records {@code count} values of {@code micros} (already clamped by the caller). */
  void record(long micros, long count) {
    if (packed == null && (size == PLAIN || micros < 0 || micros > LOW || count > LOW)) {
      packed = build();
      pairs = null;
      size = 0;
    }
    if (packed != null) {
      packed.recordValueWithCount(micros, count);
      return;
    }
    if (pairs == null) {
      pairs = new long[2];
    } else if (size == pairs.length) {
      pairs = Arrays.copyOf(pairs, Math.min(PLAIN, 2 * size));
    }
    pairs[size++] = micros << 32 | count;
  }

  /** The number of values recorded. */
  long totalCount() {
    if (packed != null) {
      return packed.getTotalCount();
    }
    long n = 0;
    for (int i = 0; i < size; i++) {
      n += pairs[i] & LOW;
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
      h.recordValueWithCount(pairs[i] >>> 32, pairs[i] & LOW);
    }
    return h;
  }
}
