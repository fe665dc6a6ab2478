package dev.wsmon.runner.cli;

import dev.wsmon.runner.compare.SnapshotComparison;
import dev.wsmon.runner.config.ConfigException;
import dev.wsmon.runner.report.ExitCodes;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/** {@code wsmon compare}: per-metric deltas between two JSON exports, gated by a tolerance. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Compare the 'total' metrics of two --export-json files: baseline, current, delta and"
          + " delta %% of every numeric metric (histogram fields as rtt_ms.p99 etc.).",
      "Higher is better: success_rate, connected, health_score, messages_sent/received,"
          + " avg_/current_ messages and bytes per second. Lower is better: latencies"
          + " (connection_latency_ms, rtt_ms, ping_rtt_ms, feed.e2e_latency_ms; not their min),"
          + " failed_connections, disconnections, reconnections, send_failures, request_timeouts,"
          + " requests_abandoned, protocol_errors. Everything else (attempts_abandoned too) is"
          + " shown, not gated. A close code one run never"
          + " saw counts 0.",
      "The two runs must have had the same number of connections and about the same duration"
          + " (within 10%% or 1 s), else compare refuses (exit 2) unless --allow-mismatch."
    },
    footer = {
      "",
      "Exit codes: 0 no gated metric regressed beyond the tolerance; 1 one did (named on"
          + " stderr); 2 bad input (missing file, not JSON, no 'total', bad tolerance, runs of"
          + " different shapes)."
    })
public final class CompareCommand implements Callable<Integer> {

  @ParentCommand WsmonCommand parent;

  @Parameters(index = "0", paramLabel = "BASELINE.json", description = "The reference export.")
  Path baseline;

  @Parameters(index = "1", paramLabel = "CURRENT.json", description = "The export to check.")
  Path current;

  @Option(
      names = "--max-regression",
      paramLabel = "PERCENT",
      converter = PercentConverter.class,
      description =
          "Largest allowed worsening of a gated metric, in percent of its baseline, e.g. 10%%"
              + " (default: ${DEFAULT-VALUE}).")
  double maxRegression = 10;

  @Option(
      names = "--max-absolute-regression",
      paramLabel = "N",
      converter = NonNegativeConverter.class,
      description =
          "Largest allowed worsening, in the metric's unit, of a gated metric whose baseline is 0"
              + " (default: ${DEFAULT-VALUE}).")
  double maxAbsoluteRegression = 0;

  @Option(
      names = "--allow-mismatch",
      description =
          "Compare even when the runs had different connection counts or durations (default:"
              + " refuse, exit 2).")
  boolean allowMismatch;

  @Override
  public Integer call() {
    JsonObject base = SnapshotComparison.read(baseline);
    JsonObject curr = SnapshotComparison.read(current);
    SnapshotComparison comparison =
        SnapshotComparison.of(base, curr, maxRegression, maxAbsoluteRegression);
    String mismatch = SnapshotComparison.mismatch(base, curr);
    if (mismatch != null && !allowMismatch) {
      throw new ConfigException(
          "the runs differ in shape ("
              + mismatch
              + "): counts and rates do not compare; rerun with the same flags, or pass"
              + " --allow-mismatch");
    }
    parent.out.print(comparison.table());
    String tolerance = percent();
    if (comparison.regressions().isEmpty()) {
      parent.out.println("compare: no gated metric regressed beyond " + tolerance);
      return ExitCodes.OK;
    }
    parent.err.println(
        "compare: "
            + comparison.regressions().size()
            + " gated metric(s) regressed beyond "
            + tolerance
            + ": "
            + comparison.describeRegressions());
    return ExitCodes.THRESHOLD_FAILED;
  }

  private String percent() {
    return String.format(Locale.ROOT, "%s%%", trim(maxRegression))
        + (maxAbsoluteRegression > 0
            ? " (" + trim(maxAbsoluteRegression) + " from a zero baseline)"
            : "");
  }

  private static String trim(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%s", value);
  }

  /** {@code 10%} or {@code 10}: a percentage >= 0. */
  static final class PercentConverter implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      String number = value.endsWith("%") ? value.substring(0, value.length() - 1) : value;
      return nonNegative(number, value, "'" + value + "' is not a percentage >= 0; write e.g. 10%");
    }
  }

  /** A number >= 0. */
  static final class NonNegativeConverter implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return nonNegative(value, value, "'" + value + "' is not a number >= 0");
    }
  }

  private static double nonNegative(String number, String value, String message) {
    double parsed;
    try {
      parsed = Double.parseDouble(number.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException(message);
    }
    if (!Double.isFinite(parsed) || parsed < 0 || number.isBlank()) {
      throw new TypeConversionException(message);
    }
    return parsed;
  }
}
