package dev.wsmon.exporters.impl;

import io.vertx.core.json.JsonObject;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Values and number formats of the HTML report (en-US grouping, whatever the default locale). */
final class ReportFormat {

  static final String NONE = "\u2014";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private ReportFormat() {}

  /** The value at a dotted {@code path} ({@code rtt_ms.p99}) in {@code json}, or null. */
  static Object at(JsonObject json, String path) {
    Object value = json;
    for (String key : path.split("\\.")) {
      value = value instanceof JsonObject object ? object.getValue(key) : null;
    }
    return value;
  }

  static String format(Object value, String kind) {
    if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      return value instanceof String s ? s : NONE;
    }
    double v = n.doubleValue();
    return switch (kind) {
      case "int" -> decimal("#,##0").format(Math.round(v));
      case "dec" -> decimal("#,##0.#").format(v);
      case "pct" -> decimal("#,##0.##").format(v) + " %";
      case "ratio" -> decimal("#,##0.###").format(v * 100) + " %";
      case "ms" -> decimal("#,##0.###").format(v) + " ms";
      default -> decimal("#,##0.###").format(v);
    };
  }

  static String duration(Object seconds) {
    if (!(seconds instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      return NONE;
    }
    double s = n.doubleValue();
    if (s < 60) {
      return decimal("0.0").format(s) + " s";
    }
    long total = Math.round(s);
    long h = total / 3600;
    long m = (total % 3600) / 60;
    long sec = total % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d h %02d min %02d s", h, m, sec)
        : String.format(Locale.ROOT, "%d min %02d s", m, sec);
  }

  /** {@code HH:mm:ss.SSS} (UTC) of an ISO-8601 instant; other text unchanged. */
  static String time(String iso) {
    try {
      return TIME.format(Instant.parse(iso));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  /** {@code yyyy-MM-dd HH:mm:ss UTC} of an ISO-8601 instant; other text unchanged. */
  static String dateTime(String iso) {
    try {
      return DATE_TIME.format(Instant.parse(iso));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  private static DecimalFormat decimal(String pattern) {
    return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.US));
  }
}
