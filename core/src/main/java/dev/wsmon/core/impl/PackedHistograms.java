package dev.wsmon.core.impl;

import dev.wsmon.core.LatencyHistograms;
import java.lang.reflect.Field;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.packedarray.PackedLongArray;

/**
 * Packed latency histograms whose storage is allocated up front. HdrHistogram starts a packed array
 * at 16 longs and grows it by a sixteenth whenever a new entry does not fit, each time copying
 * every value through an iterator and throwing (with a stack trace) a {@code ResizeException}:
 * filling one with a busy second's few hundred buckets took about 60 resizes, 1.6 % of a flood's
 * event-loop samples. HdrHistogram has no public way to size it (its {@code PackedLongArray} has,
 * the histogram's field is private), so the array is set reflectively; if that is not possible the
 * histogram is the ordinary one. Either way it holds the same values.
 */
public final class PackedHistograms {

  // the packed histogram's storage, or null when it cannot be replaced
  private static final Field COUNTS = countsField();

  /** Longs below which the ordinary starting size is used. */
  static final int MIN_LONGS = 64;

  private PackedHistograms() {}

  /**
   * A new empty packed histogram of microseconds (as {@link LatencyHistograms#create()}) with room
   * for {@code longs} 8-byte words of packed storage before it grows.
   */
  public static Histogram create(int longs) {
    Histogram h = LatencyHistograms.create();
    if (COUNTS == null || longs < MIN_LONGS) {
      return h;
    }
    try {
      PackedLongArray empty = (PackedLongArray) COUNTS.get(h);
      COUNTS.set(h, new PackedLongArray(empty.length(), longs));
    } catch (IllegalAccessException | RuntimeException e) {
      // keeps the ordinary storage
    }
    return h;
  }

  /** The packed storage {@code h} holds now, in longs ({@code 0} when it is not packed). */
  public static int longs(Histogram h) {
    return h instanceof PackedHistogram ? (int) ((h.getEstimatedFootprintInBytes() - 192) / 8) : 0;
  }

  private static Field countsField() {
    try {
      Field f = PackedHistogram.class.getDeclaredField("packedCounts");
      if (f.getType() != PackedLongArray.class) {
        return null;
      }
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
