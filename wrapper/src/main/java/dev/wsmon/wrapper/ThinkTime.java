package dev.wsmon.wrapper;

import dev.wsmon.core.Durations;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fixed time ({@code 1s}) or a uniform random time in a range ({@code 200ms-800ms}), for {@code
 * wait} steps and the think time between {@code repeat} iterations.
 *
 * @param min the shortest time
 * @param max the longest time, not below {@code min}
 */
public record ThinkTime(Duration min, Duration max) {

  /** No wait. */
  public static final ThinkTime NONE = new ThinkTime(Duration.ZERO, Duration.ZERO);

  /** Checks the bounds. */
  public ThinkTime {
    if (min == null || max == null || min.isNegative() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          "think time range must be 0 <= min <= max, got " + min + "-" + max);
    }
  }

  /** A fixed time. */
  public static ThinkTime of(Duration fixed) {
    return new ThinkTime(fixed, fixed);
  }

  /**
   * Reads {@code 1s}, {@code 200ms-800ms} or a number of milliseconds.
   *
   * @throws IllegalArgumentException naming {@code where} and the value
   */
  public static ThinkTime fromConfig(Object value, String where) {
    if (value instanceof String s && s.contains("-")) {
      int dash = s.indexOf('-');
      try {
        return new ThinkTime(
            Durations.parse(s.substring(0, dash)), Durations.parse(s.substring(dash + 1)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            where + " must be a duration or a range such as 200ms-800ms, got '" + s + "'");
      }
    }
    try {
      return of(Durations.fromConfig(where, value));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  /** A time drawn uniformly from the range, in nanoseconds. */
  public long sampleNanos() {
    long lo = min.toNanos();
    long hi = max.toNanos();
    return lo == hi ? lo : ThreadLocalRandom.current().nextLong(lo, hi + 1);
  }

  @Override
  public String toString() {
    return min.equals(max)
        ? Durations.format(min)
        : Durations.format(min) + "-" + Durations.format(max);
  }
}
