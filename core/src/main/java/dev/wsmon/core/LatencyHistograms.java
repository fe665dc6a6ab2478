package dev.wsmon.core;

import dev.wsmon.core.impl.HistogramBuckets;
import dev.wsmon.core.impl.PackedHistograms;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/**
 * The latency histograms wsmon uses everywhere: packed HdrHistograms of microseconds, 1 µs to 1 h,
 * 3 significant digits (about 1 KB each for a few hundred distinct values), and their wire form.
 */
public final class LatencyHistograms {

  /** Highest trackable value: one hour in microseconds. Larger values are clamped to it. */
  public static final long HIGHEST_MICROS = 3_600_000_000L;

  /** Significant value digits: {@value}. */
  public static final int SIGNIFICANT_DIGITS = 3;

  /** Receives one bucket of a histogram. */
  @FunctionalInterface
  public interface BucketSink {
    /**
     * @param value the lowest value equivalent to the bucket
     * @param count how many values the bucket holds
     */
    void accept(long value, long count);
  }

  private LatencyHistograms() {}

  /**
   * Visits every recorded bucket of {@code histogram} in ascending value order, as (lowest
   * equivalent value, count). For a packed histogram this walks only its non-zero entries (a few
   * microseconds), where HdrHistogram's own iterators, {@code add} and encoding walk every bucket
   * up to the largest value (about 150 µs for a packed one, whatever it holds).
   *
   * @param histogram the histogram, or {@code null} (visits nothing)
   * @param sink the receiver
   */
  public static void forEachBucket(Histogram histogram, BucketSink sink) {
    HistogramBuckets.forEach(histogram, sink);
  }

  /** A new empty packed histogram of microseconds. */
  public static Histogram create() {
    return new PackedHistogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
  }

  /**
   * A new empty packed histogram of microseconds with room for {@code longs} 8-byte words of packed
   * storage before it grows (HdrHistogram starts at 16 and grows by a sixteenth at a time, copying
   * every value each time); below 64 it is {@link #create()}.
   *
   * @param longs the packed storage to allocate, in 8-byte words, for example {@link #storageLongs}
   *     of a histogram holding similar values
   */
  public static Histogram create(int longs) {
    return PackedHistograms.create(longs);
  }

  /**
   * The packed storage {@code histogram} holds now, in 8-byte words; 0 when it is {@code null} or
   * not packed.
   */
  public static int storageLongs(Histogram histogram) {
    return PackedHistograms.longs(histogram);
  }

  /**
   * Records {@code micros}, clamped to [1, {@link #HIGHEST_MICROS}].
   *
   * @param histogram the histogram
   * @param micros the value in microseconds
   */
  public static void record(Histogram histogram, long micros) {
    histogram.recordValue(Math.max(1, Math.min(HIGHEST_MICROS, micros)));
  }

  /** Records a duration given in nanoseconds as microseconds (rounded). */
  public static void recordNanos(Histogram histogram, long nanos) {
    record(histogram, (nanos + 500) / 1000);
  }

  /** Converts microseconds to milliseconds with microsecond precision. */
  public static double toMillis(double micros) {
    return Math.round(micros) / 1000.0;
  }

  /** The compressed HdrHistogram encoding, base64. */
  public static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
  }

  /**
   * Puts {@code histogram} under {@code key} as a flat array {@code [value, count, value, count,
   * ...]} of its non-zero buckets (lowest equivalent value in microseconds, ascending), or nothing
   * when it is {@code null}: the wire form of an optional histogram. It holds what HdrHistogram's
   * encoding holds, but costs microseconds instead of walking every bucket up to the largest value
   * and deflating (about 0.2 ms per histogram, which at 16 000 connections per cluster agent
   * blocked its event loop for seconds per report).
   *
   * @param json the object to write into
   * @param key the key
   * @param histogram the histogram, or {@code null}
   */
  public static void putIfPresent(JsonObject json, String key, Histogram histogram) {
    if (histogram != null) {
      JsonArray pairs = new JsonArray();
      forEachBucket(histogram, (value, count) -> pairs.add(value).add(count));
      json.put(key, pairs);
    }
  }

  /**
   * Reads an optional histogram written by {@link #putIfPresent} (or, from older writers, the
   * base64 form of {@link #encode}).
   *
   * @param json the object to read
   * @param key the key
   * @return the histogram, or {@code null} when the key is absent
   * @throws IllegalArgumentException when the value is not a histogram
   */
  public static Histogram getIfPresent(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value == null) {
      return null;
    }
    if (value instanceof String encoded) {
      return decode(encoded);
    }
    if (!(value instanceof JsonArray pairs) || pairs.size() % 2 != 0) {
      throw new IllegalArgumentException(
          "'" + key + "' is not a histogram: expected [value, count, ...] pairs");
    }
    Histogram histogram = create();
    try {
      for (int i = 0; i < pairs.size(); i += 2) {
        long count = pairs.getLong(i + 1);
        if (count <= 0) {
          throw new IllegalArgumentException("count " + count + " in '" + key + "'");
        }
        histogram.recordValueWithCount(
            Math.max(0, Math.min(HIGHEST_MICROS, pairs.getLong(i))), count);
      }
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("'" + key + "' holds a value that is not a number", e);
    }
    return histogram;
  }

  /**
   * Decodes {@link #encode(Histogram)}.
   *
   * @throws IllegalArgumentException when the text is not an encoded histogram
   */
  public static Histogram decode(String base64) {
    try {
      return PackedHistogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(base64)), HIGHEST_MICROS);
    } catch (DataFormatException | RuntimeException e) {
      throw new IllegalArgumentException("not an encoded histogram", e);
    }
  }
}
