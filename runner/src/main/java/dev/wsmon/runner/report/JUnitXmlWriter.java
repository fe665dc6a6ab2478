package dev.wsmon.runner.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes threshold results as a JUnit XML report (one {@code testsuite}, one {@code testcase} per
 * threshold, a {@code failure} with the message for each threshold that did not hold), the format
 * CI systems read. A run that failed as a whole (it could not run: exit 3; or a cluster run lost an
 * agent) adds one failing {@code testcase} named {@value #RUN_CASE} whose message says why, so a
 * report never shows 0 failures for a failed run.
 */
public final class JUnitXmlWriter {

  /** The name of the test case that carries a failure of the run as a whole: {@value}. */
  public static final String RUN_CASE = "run";

  private JUnitXmlWriter() {}

  /** The report as XML text. */
  public static String render(
      String suiteName, List<ThresholdResult> results, double elapsedSeconds, Instant timestamp) {
    return render(suiteName, results, List.of(), elapsedSeconds, timestamp);
  }

  /**
   * The report as XML text, with one failing {@value #RUN_CASE} test case per entry of {@code
   * runFailures} (each says why the run as a whole failed).
   */
  public static String render(
      String suiteName,
      List<ThresholdResult> results,
      List<String> runFailures,
      double elapsedSeconds,
      Instant timestamp) {
    long failures = results.stream().filter(r -> !r.passed()).count() + runFailures.size();
    int tests = results.size() + runFailures.size();
    StringBuilder xml = new StringBuilder(256 + tests * 160);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<testsuites tests=\"")
        .append(tests)
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"0\">\n");
    xml.append("  <testsuite name=\"")
        .append(escape(suiteName))
        .append("\" tests=\"")
        .append(tests)
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"0\" skipped=\"0\" time=\"")
        .append(String.format(Locale.ROOT, "%.3f", elapsedSeconds))
        .append("\" timestamp=\"")
        .append(timestamp)
        .append("\">\n");
    for (String why : runFailures) {
      xml.append("    <testcase classname=\"")
          .append(escape(suiteName))
          .append("\" name=\"" + RUN_CASE + "\" time=\"0\">\n      <failure message=\"")
          .append(escape(why))
          .append("\" type=\"run\">")
          .append(escape(why))
          .append("</failure>\n    </testcase>\n");
    }
    for (ThresholdResult result : results) {
      xml.append("    <testcase classname=\"")
          .append(escape(suiteName))
          .append(".thresholds\" name=\"")
          .append(escape(result.threshold().display()))
          .append("\" time=\"0\"");
      if (result.passed()) {
        xml.append("/>\n");
      } else {
        xml.append(">\n      <failure message=\"")
            .append(escape(result.message()))
            .append("\" type=\"threshold\">")
            .append(escape(result.message()))
            .append("</failure>\n    </testcase>\n");
      }
    }
    xml.append("  </testsuite>\n</testsuites>\n");
    return xml.toString();
  }

  /** Writes {@link #render} to {@code file}, creating parent directories. */
  public static void write(
      Path file,
      String suiteName,
      List<ThresholdResult> results,
      double elapsedSeconds,
      Instant timestamp)
      throws IOException {
    write(file, suiteName, results, List.of(), elapsedSeconds, timestamp);
  }

  /** Writes {@link #render} (with the run's failures) to {@code file}, creating parent dirs. */
  public static void write(
      Path file,
      String suiteName,
      List<ThresholdResult> results,
      List<String> runFailures,
      double elapsedSeconds,
      Instant timestamp)
      throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(
        file,
        render(suiteName, results, runFailures, elapsedSeconds, timestamp),
        StandardCharsets.UTF_8);
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            out.append('?');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
