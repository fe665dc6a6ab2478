package dev.wsmon.tracker.impl;

import dev.wsmon.core.LatencyHistograms;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * A per-connection latency histogram kept in one field: {@code null} before the first value, then
 * an {@code int[]} holding each of the first {@value #PLAIN} values (microseconds, unsigned), and
 * the packed HdrHistogram only when more arrive. A packed histogram costs about 1.2 KB even when it
 * holds one value (HdrHistogram allocates two iterators up front); a connection held for a minute
 * with a ping every 10 s records six values, 40 bytes here, with no holder object around them.
 * Queries see the same values either way.
 */
final class LazyHistogram {

  /**
   * Values kept plain before the packed histogram is built: {@value} (272 bytes at most, against
   * about 1.2 KB for the packed form; with a ping every 10 s, the first 10 minutes of a hold).
   */
  static final int PLAIN = 64;

  private static final long UNSIGNED_INT = 0xFFFF_FFFFL;

  /** Delta storage (in longs) below which a histogram is left to grow on its own. */
  static final int MIN_SIZED_LONGS = 64;

  private LazyHistogram() {}

  /**
   * Records {@code count} values of {@code micros} (already clamped by the caller) into {@code
   * values}.
   *
   * @param values {@code null}, the plain values or the packed histogram, as returned before
   * @return what to keep instead of {@code values}
   */
  static Object record(Object values, long micros, long count) {
    if (values instanceof Histogram packed) {
      packed.recordValueWithCount(micros, count);
      return packed;
    }
    int[] plain = (int[]) values;
    int size = plain == null ? 0 : plain.length;
    if (micros < 0 || micros > UNSIGNED_INT || count > PLAIN - size) {
      Histogram packed = build(plain);
      packed.recordValueWithCount(micros, count);
      return packed;
    }
    int[] grown = plain == null ? new int[(int) count] : Arrays.copyOf(plain, size + (int) count);
    Arrays.fill(grown, size, grown.length, (int) micros);
    return grown;
  }

  /**
   * {@code values} with room for a delta whose packed storage takes {@code deltaLongs}: a busy
   * connection's histogram is made packed (or larger) at once, sized for about twice that, instead
   * of growing through HdrHistogram's many small resizes while the delta's values go in.
   *
   * @return what to keep instead of {@code values}
   */
  static Object expect(Object values, int deltaLongs) {
    int have = LatencyHistograms.storageLongs(values instanceof Histogram h ? h : null);
    if (deltaLongs < MIN_SIZED_LONGS || have >= deltaLongs + deltaLongs / 2) {
      return values;
    }
    Histogram sized = LatencyHistograms.create(2 * deltaLongs);
    if (values instanceof Histogram packed) {
      LatencyHistograms.forEachBucket(packed, sized::recordValueWithCount);
    } else if (values != null) {
      for (int v : (int[]) values) {
        sized.recordValue(v & UNSIGNED_INT);
      }
    }
    return sized;
  }

  /** The number of values recorded in {@code values}. */
  static long totalCount(Object values) {
    if (values instanceof Histogram packed) {
      return packed.getTotalCount();
    }
    return values == null ? 0 : ((int[]) values).length;
  }

  /** Whether {@code values} is the packed histogram (for tests). */
  static boolean isPacked(Object values) {
    return values instanceof Histogram;
  }

  /**
   * {@code values} as a histogram for a query: the packed one, or one built now from the plain
   * values; {@code null} when nothing was recorded.
   */
  static Histogram histogram(Object values) {
    if (values == null || values instanceof Histogram) {
      return (Histogram) values;
    }
    return build((int[]) values);
  }

  private static Histogram build(int[] plain) {
    Histogram h = LatencyHistograms.create();
    if (plain != null) {
      for (int v : plain) {
        h.recordValue(v & UNSIGNED_INT);
      }
    }
    return h;
  }
}
