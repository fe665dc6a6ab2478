package dev.wsmon.runner.compare;

import dev.wsmon.runner.config.ConfigException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares the numeric {@code total} metrics of two JSON exports (a baseline and a current run) and
 * finds the gated metrics that got worse by more than a tolerance.
 *
 * <p>Nested objects are flattened to dotted names ({@code rtt_ms.p99}, {@code feed.gaps}). The
 * better direction of a metric is {@link Direction#of(String)}: higher is better for the success
 * rate, the connected count, the health score, message counts and throughput; lower is better for
 * latencies (not their {@code min}: noise, not a regression), failures, disconnections,
 * reconnections, send failures, request timeouts and protocol errors; every other metric (uptime,
 * byte counts, histogram counts, close codes, ...) is neutral and never gated. A close code that
 * one side never saw counts 0 there. Two runs compare only when they had the same number of
 * connections and about the same duration ({@link #mismatch}). A gated metric regresses when it
 * worsens by more than {@code maxRegressionPercent} percent of its baseline; when the baseline is 0
 * a percentage means nothing, so it regresses when it worsens by more than {@code
 * maxAbsoluteRegression} (in the metric's own unit).
 */
public final class SnapshotComparison {

  /** Which way a metric should move. */
  public enum Direction {
    /** Higher is better: a drop is a regression. */
    HIGHER_IS_BETTER("higher"),
    /** Lower is better: a rise is a regression. */
    LOWER_IS_BETTER("lower"),
    /** Not gated. */
    NEUTRAL("-");

    private static final Pattern HIGHER =
        Pattern.compile(
            "success_rate|connected|health_score|messages_(sent|received)"
                + "|(avg|current)_(messages|bytes)_(sent|received)_per_second"
                + "|scenario\\.checks(\\.by_check\\.[^.]+)?\\.rate");
    private static final Pattern LOWER_FLAT =
        Pattern.compile(
            "avg_connection_latency_ms|last_connection_latency_ms|failed_connections"
                + "|disconnections|reconnections|send_failures|request_timeouts|requests_abandoned"
                + "|protocol_errors|scenario\\.failed|scenario\\.checks\\.fails"
                + "|scenario\\.steps\\.[^.]+\\.(failed|timed_out)");
    private static final Pattern LATENCY_HISTOGRAM =
        Pattern.compile(
            "(connection_latency_ms|rtt_ms|ping_rtt_ms|feed\\.e2e_latency_ms"
                + "|scenario\\.steps\\.[^.]+\\.latency_ms)"
                + "\\.(mean|p50|p90|p99|p999|max)");

    final String label;

    Direction(String label) {
      this.label = label;
    }

    /** The better direction of the flattened {@code total} metric {@code name}. */
    public static Direction of(String name) {
      if (HIGHER.matcher(name).matches()) {
        return HIGHER_IS_BETTER;
      }
      if (LOWER_FLAT.matcher(name).matches() || LATENCY_HISTOGRAM.matcher(name).matches()) {
        return LOWER_IS_BETTER;
      }
      return NEUTRAL;
    }
  }

  /**
   * One metric of the comparison; {@code baseline} or {@code current} is null when that side has no
   * number for it.
   */
  public record Row(String metric, Double baseline, Double current, Direction direction) {

    /** {@code current - baseline}, or null when a side is missing. */
    public Double delta() {
      return baseline == null || current == null ? null : current - baseline;
    }

    /**
     * The delta in percent of the baseline, or null when a side is missing or the baseline is 0.
     */
    public Double deltaPercent() {
      Double delta = delta();
      return delta == null || baseline == 0 ? null : delta / Math.abs(baseline) * 100;
    }

    /**
     * How much worse the metric got (positive) or better (negative); null when a side is missing.
     */
    Double worsening() {
      Double delta = delta();
      if (delta == null || direction == Direction.NEUTRAL) {
        return null;
      }
      return direction == Direction.LOWER_IS_BETTER ? delta : -delta;
    }
  }

  private final List<Row> rows;
  private final double maxRegressionPercent;
  private final double maxAbsoluteRegression;

  private SnapshotComparison(
      List<Row> rows, double maxRegressionPercent, double maxAbsoluteRegression) {
    this.rows = rows;
    this.maxRegressionPercent = maxRegressionPercent;
    this.maxAbsoluteRegression = maxAbsoluteRegression;
  }

  /**
   * Compares the {@code total} objects of two snapshot documents.
   *
   * @throws ConfigException when a document has no {@code total} object or a tolerance is negative
   *     or not finite
   */
  public static SnapshotComparison of(
      JsonObject baseline,
      JsonObject current,
      double maxRegressionPercent,
      double maxAbsoluteRegression) {
    requireTolerance("--max-regression", maxRegressionPercent);
    requireTolerance("--max-absolute-regression", maxAbsoluteRegression);
    Map<String, Double> base = flatten(total(baseline, "baseline"));
    Map<String, Double> curr = flatten(total(current, "current"));
    zeroMissingCloseCodes(base, curr);
    zeroMissingCloseCodes(curr, base);
    Set<String> names = new LinkedHashSet<>(base.keySet());
    names.addAll(curr.keySet());
    List<Row> rows = new ArrayList<>();
    for (String name : names) {
      rows.add(new Row(name, base.get(name), curr.get(name), Direction.of(name)));
    }
    return new SnapshotComparison(List.copyOf(rows), maxRegressionPercent, maxAbsoluteRegression);
  }

  /**
   * Why two snapshot documents should not be compared, or null when they may: they had different
   * connection counts ({@code total.connections}), or durations ({@code elapsed_seconds}) that
   * differ by more than {@value #DURATION_TOLERANCE_PERCENT} % of the longer one and more than
   * {@value #DURATION_TOLERANCE_SECONDS} s. Counts and rates only compare between runs of the same
   * shape.
   */
  public static String mismatch(JsonObject baseline, JsonObject current) {
    List<String> reasons = new ArrayList<>();
    Object a = total(baseline, "baseline").getValue("connections");
    Object b = total(current, "current").getValue("connections");
    if (a instanceof Number na && b instanceof Number nb && na.longValue() != nb.longValue()) {
      reasons.add("connections " + na.longValue() + " vs " + nb.longValue());
    }
    Object ea = baseline.getValue("elapsed_seconds");
    Object eb = current.getValue("elapsed_seconds");
    if (ea instanceof Number da && eb instanceof Number db) {
      double x = da.doubleValue();
      double y = db.doubleValue();
      double allowed =
          Math.max(DURATION_TOLERANCE_SECONDS, Math.max(x, y) * DURATION_TOLERANCE_PERCENT / 100);
      if (Math.abs(x - y) > allowed) {
        reasons.add("duration " + number(x) + " s vs " + number(y) + " s (elapsed_seconds)");
      }
    }
    return reasons.isEmpty() ? null : String.join(", ", reasons);
  }

  /** Durations within this percentage of the longer one count as the same: {@value}. */
  public static final int DURATION_TOLERANCE_PERCENT = 10;

  /** Durations within this many seconds count as the same: {@value}. */
  public static final int DURATION_TOLERANCE_SECONDS = 1;

  private static void zeroMissingCloseCodes(Map<String, Double> from, Map<String, Double> to) {
    for (String name : from.keySet()) {
      if (name.startsWith("close_codes.")) {
        to.putIfAbsent(name, 0.0);
      }
    }
  }

  /**
   * Reads a snapshot document from {@code file}.
   *
   * @throws ConfigException naming the file when it is missing, unreadable or not a JSON object
   */
  public static JsonObject read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("no such file: " + file);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage());
    }
    try {
      return new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new ConfigException(file + " is not a JSON object (a wsmon --export-json file)");
    }
  }

  private static void requireTolerance(String name, double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new ConfigException(name + " must be a number >= 0, got " + value);
    }
  }

  private static JsonObject total(JsonObject document, String side) {
    Object total = document.getValue("total");
    if (!(total instanceof JsonObject object)) {
      throw new ConfigException(
          "the " + side + " document has no 'total' object; is it a wsmon --export-json file?");
    }
    return object;
  }

  private static Map<String, Double> flatten(JsonObject object) {
    Map<String, Double> out = new LinkedHashMap<>();
    flatten("", object, out);
    return out;
  }

  private static void flatten(String prefix, JsonObject object, Map<String, Double> out) {
    for (Map.Entry<String, Object> entry : object) {
      String name = prefix + entry.getKey();
      Object value = entry.getValue();
      if (value instanceof Number number) {
        out.put(name, number.doubleValue());
      } else if (value instanceof JsonObject nested) {
        flatten(name + ".", nested, out);
      }
    }
  }

  /** Every metric, baseline order first, then metrics only the current document has. */
  public List<Row> rows() {
    return rows;
  }

  /** Whether {@code row} is a gated metric that got worse by more than the tolerance. */
  public boolean regressed(Row row) {
    Double worsening = row.worsening();
    if (worsening == null || worsening <= 0) {
      return false;
    }
    if (row.baseline() == 0) {
      return worsening > maxAbsoluteRegression;
    }
    return worsening / Math.abs(row.baseline()) * 100 > maxRegressionPercent;
  }

  /** The gated metrics that regressed beyond the tolerance. */
  public List<Row> regressions() {
    return rows.stream().filter(this::regressed).toList();
  }

  /** A table of every metric: baseline, current, delta, delta %, better direction and verdict. */
  public String table() {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"metric", "baseline", "current", "delta", "delta %", "better", ""});
    for (Row row : rows) {
      lines.add(
          new String[] {
            row.metric(),
            number(row.baseline()),
            number(row.current()),
            signed(row.delta(), ""),
            signed(row.deltaPercent(), "%"),
            row.direction().label,
            verdict(row)
          });
    }
    int[] widths = new int[7];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] line : lines) {
      StringBuilder text = new StringBuilder(pad(line[0], widths[0], false));
      for (int i = 1; i < line.length; i++) {
        text.append("  ").append(pad(line[i], widths[i], i < 5));
      }
      out.append(text.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /**
   * One line naming each regression with its change, e.g. {@code rtt_ms.p99 12.0 -> 20.0 (+66.7%)}.
   */
  public String describeRegressions() {
    List<String> parts = new ArrayList<>();
    for (Row row : regressions()) {
      String change =
          row.deltaPercent() == null ? signed(row.delta(), "") : signed(row.deltaPercent(), "%");
      parts.add(
          row.metric()
              + " "
              + number(row.baseline())
              + " -> "
              + number(row.current())
              + " ("
              + change
              + ")");
    }
    return String.join(", ", parts);
  }

  private String verdict(Row row) {
    if (row.direction() == Direction.NEUTRAL) {
      return "";
    }
    if (row.baseline() == null || row.current() == null) {
      return "missing";
    }
    if (regressed(row)) {
      return "REGRESSED";
    }
    Double worsening = row.worsening();
    return worsening < 0 ? "better" : worsening > 0 ? "worse (within tolerance)" : "same";
  }

  private static String pad(String text, int width, boolean right) {
    String fill = " ".repeat(width - text.length());
    return right ? fill + text : text + fill;
  }

  static String number(Double value) {
    if (value == null) {
      return "-";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.valueOf(value.longValue());
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static String signed(Double value, String unit) {
    if (value == null) {
      return "-";
    }
    if (unit.equals("%")) {
      return String.format(Locale.ROOT, "%+.1f%%", value);
    }
    String text = number(value);
    return value > 0 ? "+" + text : text;
  }
}
