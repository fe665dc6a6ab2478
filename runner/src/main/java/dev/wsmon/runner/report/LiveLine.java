package dev.wsmon.runner.report;

import java.util.Locale;

/**
 * Builds the one-line live progress: fields in groups ({@code attempts 3 msgs/s out 5 in 5}), each
 * value written by the one formatter of its kind (count, milliseconds, share).
 */
final class LiveLine {

  private final StringBuilder text = new StringBuilder(200);

  /** Appends as it is. */
  LiveLine text(String s) {
    text.append(s);
    return this;
  }

  /** Starts a group: two spaces and its name. */
  LiveLine group(String name) {
    text.append("  ").append(name);
    return this;
  }

  /** Names the next value of the group: a space and the name. */
  LiveLine field(String name) {
    text.append(' ').append(name);
    return this;
  }

  /** A space and a count. */
  LiveLine count(Object value) {
    text.append(' ').append(countText(value));
    return this;
  }

  /** A space and {@code part/whole}, both counts. */
  LiveLine ratio(Object part, Object whole) {
    text.append(' ').append(countText(part)).append('/').append(countText(whole));
    return this;
  }

  /** A space and milliseconds. */
  LiveLine ms(Object value) {
    text.append(' ').append(msText(value));
    return this;
  }

  /** A space and a share. */
  LiveLine share(Double fraction) {
    text.append(' ').append(shareText(fraction));
    return this;
  }

  /** A count: a whole number, {@code -} when absent. */
  static String countText(Object value) {
    return SummaryTable.num(value, 0);
  }

  /** Milliseconds with two decimals and {@code ms}, {@code -} when absent. */
  static String msText(Object value) {
    return value instanceof Number ? SummaryTable.num(value, 2) + "ms" : "-";
  }

  /** A fraction (0..1) as a percentage with one decimal, {@code -} when absent. */
  static String shareText(Double fraction) {
    return fraction == null ? "-" : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
