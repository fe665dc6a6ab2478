package dev.wsmon.runner.report;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pass/fail condition {@code METRIC OP NUMBER} over the {@code total} of a snapshot, e.g. {@code
 * success_rate>=99}, {@code rtt_ms.p99<50}, {@code disconnections==0}. Nested keys are joined with
 * dots. A metric whose value is null (or absent) fails and says so, except a close code: {@code
 * close_codes.1006} of a run that never saw 1006 is 0.
 */
public record Threshold(String text, String metric, Op op, double limit) {

  private static final Pattern CLOSE_CODE = Pattern.compile("close_codes\\.\\d+");

  private static final Pattern FORMAT =
      Pattern.compile(
          "\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_][A-Za-z0-9_\\-]*)*)\\s*(<=|>=|==|!=|<|>)\\s*"
              + "(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)\\s*");

  /** Comparison operators. */
  public enum Op {
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    EQ("=="),
    NE("!=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    static Op of(String symbol) {
      for (Op op : values()) {
        if (op.symbol.equals(symbol)) {
          return op;
        }
      }
      throw new IllegalArgumentException(symbol);
    }

    boolean test(double actual, double limit) {
      return switch (this) {
        case LT -> actual < limit;
        case LE -> actual <= limit;
        case GT -> actual > limit;
        case GE -> actual >= limit;
        case EQ -> actual == limit;
        case NE -> actual != limit;
      };
    }
  }

  public Threshold {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(op, "op");
  }

  /**
   * Parses {@code METRIC OP NUMBER}.
   *
   * @throws IllegalArgumentException naming the text when it is not a threshold
   */
  public static Threshold parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("threshold must not be null");
    }
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a threshold: '"
              + text
              + "' (use METRIC OP NUMBER over total keys, e.g. success_rate>=99, rtt_ms.p99<50,"
              + " disconnections==0; OP is one of < <= > >= == !=)");
    }
    String metric = m.group(1);
    if (metric.startsWith("close_codes.") && !isCloseCode(metric.substring(12))) {
      // an absent code counts 0: a misspelt one would pass for ever
      throw new IllegalArgumentException(
          "not a threshold: '"
              + text
              + "': '"
              + metric.substring(12)
              + "' is not a WebSocket close code (1000 to 4999)");
    }
    return new Threshold(text.trim(), metric, Op.of(m.group(2)), Double.parseDouble(m.group(3)));
  }

  private static boolean isCloseCode(String key) {
    if (!key.matches("\\d{4}")) {
      return false;
    }
    int code = Integer.parseInt(key);
    return code >= 1000 && code <= 4999;
  }

  /** The threshold as written, normalised: {@code rtt_ms.p99 < 50}. */
  public String display() {
    return metric + " " + op.symbol() + " " + formatNumber(limit);
  }

  /** Evaluates this threshold over {@code snapshot.total}. */
  public ThresholdResult evaluate(JsonObject snapshot) {
    JsonObject total = snapshot == null ? null : snapshot.getJsonObject("total");
    Object value = total;
    boolean absent = false;
    for (String part : metric.split("\\.")) {
      absent = !(value instanceof JsonObject json && json.containsKey(part));
      value = value instanceof JsonObject json ? json.getValue(part) : null;
      if (value == null) {
        break;
      }
    }
    if (value == null && total != null && CLOSE_CODE.matcher(metric).matches()) {
      value = 0;
    }
    if (value == null && absent && total != null) {
      return new ThresholdResult(
          this,
          false,
          null,
          display()
              + " failed: "
              + metric
              + " is not a key of total (check the spelling, or the feature that adds it is off)");
    }
    if (value == null) {
      return new ThresholdResult(
          this, false, null, display() + " failed: " + metric + " has no value (null)");
    }
    if (value instanceof Boolean b) {
      value = b ? 1 : 0;
    }
    if (!(value instanceof Number number)) {
      return new ThresholdResult(
          this,
          false,
          null,
          display() + " failed: " + metric + " is not a number (" + describe(value) + ")");
    }
    double actual = number.doubleValue();
    boolean passed = op.test(actual, limit);
    String message =
        display() + (passed ? " passed" : " failed") + ": " + metric + " = " + formatNumber(actual);
    return new ThresholdResult(this, passed, actual, message);
  }

  private static String describe(Object value) {
    return value instanceof JsonObject ? "an object; name one of its fields" : value.toString();
  }

  public static String formatNumber(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
