package dev.wsmon.core;

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

  private LatencyHistograms() {}

  /** A new empty packed histogram of microseconds. */
  public static Histogram create() {
    return new PackedHistogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
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
   * Puts the encoding of {@code histogram} under {@code key}, or nothing when it is {@code null}:
   * the wire form of an optional histogram.
   *
   * @param json the object to write into
   * @param key the key
   * @param histogram the histogram, or {@code null}
   */
  public static void putIfPresent(JsonObject json, String key, Histogram histogram) {
    if (histogram != null) {
      json.put(key, encode(histogram));
    }
  }

  /**
   * Reads an optional histogram written by {@link #putIfPresent}.
   *
   * @param json the object to read
   * @param key the key
   * @return the histogram, or {@code null} when the key is absent
   * @throws IllegalArgumentException when the value is not an encoded histogram
   */
  public static Histogram getIfPresent(JsonObject json, String key) {
    String encoded = json.getString(key);
    return encoded == null ? null : decode(encoded);
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
