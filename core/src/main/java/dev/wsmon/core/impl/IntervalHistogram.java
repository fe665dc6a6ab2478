package dev.wsmon.core.impl;

import dev.wsmon.core.LatencyHistograms;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * The latency values of one connection over one flush interval. Values go into a packed histogram
 * (about 1 KB for a few hundred distinct values). A connection that records more than {@value
 * #DENSE_AFTER} values in one interval borrows dense {@link BucketCounts}, one of at most {@value
 * #MAX_DENSE} in the JVM (about 94 KB each, so at most about 12 MB), where recording is an array
 * increment instead of a packed-array update; it keeps it while it stays that busy and gives it
 * back after a quieter interval or on {@link #release()}. {@link #take()} always hands over a
 * packed histogram, so deltas, their memory and their wire form are as before. Not thread-safe: the
 * owning event loop only.
 */
public final class IntervalHistogram {

  /** Values in one interval after which a dense histogram is borrowed: {@value}. */
  public static final int DENSE_AFTER = 256;

  /** Most dense histograms lent at once in the JVM: {@value}. */
  public static final int MAX_DENSE = 128;

  private static final AtomicInteger LENT = new AtomicInteger();

  private Histogram packed;
  private BucketCounts dense;
  private int count;
  // the packed storage the last busy interval's hand-over grew to: the next one starts that big
  private int lastLongs;

  /**
   * Records a duration in nanoseconds (as microseconds, rounded, clamped like {@link
   * LatencyHistograms}).
   */
  public void recordNanos(long nanos) {
    long micros = Math.max(1, Math.min(LatencyHistograms.HIGHEST_MICROS, (nanos + 500) / 1000));
    count++;
    if (dense != null) {
      dense.record(micros);
      return;
    }
    if (packed == null) {
      packed = PackedHistograms.create(lastLongs);
    }
    packed.recordValue(micros);
    if (count == DENSE_AFTER) {
      borrow();
    }
  }

  /** Whether a value was recorded since the last {@link #take()}. */
  public boolean isEmpty() {
    return count == 0;
  }

  /**
   * The values since the last call as a packed histogram, or {@code null} when there were none;
   * starts the next interval. A dense histogram is given back after an interval with fewer than
   * {@value #DENSE_AFTER} values.
   */
  public Histogram take() {
    if (count == 0) {
      release();
      return null;
    }
    Histogram out = packed != null ? packed : PackedHistograms.create(lastLongs);
    if (dense != null) {
      // same bucket layout: the touched buckets only, and they start the next interval empty
      dense.drainTo(out);
      if (count < DENSE_AFTER) {
        release();
        lastLongs = 0;
      } else {
        lastLongs = PackedHistograms.longs(out) + PackedHistograms.longs(out) / 8;
      }
    } else {
      lastLongs = 0;
    }
    packed = null;
    count = 0;
    return out;
  }

  /** Gives a borrowed dense histogram back (the connection closed or went quiet). */
  public void release() {
    if (dense != null) {
      dense = null;
      LENT.decrementAndGet();
    }
  }

  /** Dense histograms lent now, JVM-wide. */
  public static int lent() {
    return LENT.get();
  }

  private void borrow() {
    if (LENT.incrementAndGet() <= MAX_DENSE) {
      dense = new BucketCounts();
    } else {
      LENT.decrementAndGet();
    }
  }
}
