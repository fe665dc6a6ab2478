package dev.wsmon.testkit.impl;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the short durations of fault specs: {@code 20ms}, {@code 2s}, {@code 1m}. */
public final class DurationText {

  private static final Pattern FORMAT =
      Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);

  private DurationText() {}

  /** True when {@code text} carries a unit, i.e. is a duration rather than a count. */
  public static boolean hasUnit(String text) {
    Matcher m = FORMAT.matcher(text.trim());
    return m.matches() && m.group(2) != null;
  }

  /**
   * Parses {@code text}; a bare number means milliseconds.
   *
   * @throws IllegalArgumentException when it is not a duration
   */
  public static Duration parse(String text) {
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: '" + text + "'");
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2).toLowerCase(Locale.ROOT);
    double millis =
        switch (unit) {
          case "ms" -> amount;
          case "s" -> amount * 1_000;
          case "m" -> amount * 60_000;
          default -> amount * 3_600_000;
        };
    return Duration.ofMillis(Math.round(millis));
  }

  /** Prints {@code d} as whole seconds when exact, otherwise as milliseconds. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 && ms > 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
