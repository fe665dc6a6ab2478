package dev.wsmon.core;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the durations used in options, config files and flags: a number with a unit
 * ({@code 250us}, {@code 500ms}, {@code 10s}, {@code 1.5s}, {@code 2m}, {@code 1h}, {@code 1d}) or
 * a bare integer meaning milliseconds.
 */
public final class Durations {

  private static final Pattern FORMAT =
      Pattern.compile(
          "\\s*(\\d+(?:\\.\\d+)?)\\s*(us|µs|ms|s|m|h|d)?\\s*", Pattern.CASE_INSENSITIVE);

  private Durations() {}

  /**
   * Parses {@code text}.
   *
   * @param text the duration text, e.g. {@code 500ms}
   * @return the duration
   * @throws IllegalArgumentException naming the text when it is not a duration
   */
  public static Duration parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("duration must not be null");
    }
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a duration: '" + text + "' (use e.g. 500ms, 10s, 2m, 1h or milliseconds)");
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2).toLowerCase(Locale.ROOT);
    double nanosPerUnit =
        switch (unit) {
          case "us", "µs" -> 1e3;
          case "ms" -> 1e6;
          case "s" -> 1e9;
          case "m" -> 60e9;
          case "h" -> 3600e9;
          default -> 86400e9;
        };
    double nanos = amount * nanosPerUnit;
    if (nanos > Long.MAX_VALUE) {
      throw new IllegalArgumentException("duration too large: '" + text + "'");
    }
    return Duration.ofNanos(Math.round(nanos));
  }

  /**
   * Reads a duration from a config value: a string parsed by {@link #parse(String)} or a number of
   * milliseconds.
   *
   * @param key the config key, named in errors
   * @param value a {@link String} or {@link Number}
   * @throws IllegalArgumentException naming the key and value when it is neither
   */
  public static Duration fromConfig(String key, Object value) {
    if (value instanceof Number n) {
      if (n.doubleValue() < 0) {
        throw new IllegalArgumentException(key + " must not be negative, got " + value);
      }
      return Duration.ofNanos(Math.round(n.doubleValue() * 1e6));
    }
    if (value instanceof String s) {
      try {
        return parse(s);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
      }
    }
    throw new IllegalArgumentException(
        key + " must be a duration such as '10s' or a number of milliseconds, got " + value);
  }

  /**
   * Prints {@code d} in the shortest exact unit: {@code 1h}, {@code 2m}, {@code 10s}, {@code
   * 500ms}.
   */
  public static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0ms";
    }
    if (nanos % 3_600_000_000_000L == 0) {
      return nanos / 3_600_000_000_000L + "h";
    }
    if (nanos % 60_000_000_000L == 0) {
      return nanos / 60_000_000_000L + "m";
    }
    if (nanos % 1_000_000_000L == 0) {
      return nanos / 1_000_000_000L + "s";
    }
    if (nanos % 1_000_000L == 0) {
      return nanos / 1_000_000L + "ms";
    }
    return nanos / 1000 + "us";
  }
}
