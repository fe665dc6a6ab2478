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
 * CI systems read.
 */
public final class JUnitXmlWriter {

  private JUnitXmlWriter() {}

  /** The report as XML text. */
  public static String render(
      String suiteName, List<ThresholdResult> results, double elapsedSeconds, Instant timestamp) {
    long failures = results.stream().filter(r -> !r.passed()).count();
    StringBuilder xml = new StringBuilder(256 + results.size() * 160);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<testsuites tests=\"")
        .append(results.size())
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"0\">\n");
    xml.append("  <testsuite name=\"")
        .append(escape(suiteName))
        .append("\" tests=\"")
        .append(results.size())
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"0\" skipped=\"0\" time=\"")
        .append(String.format(Locale.ROOT, "%.3f", elapsedSeconds))
        .append("\" timestamp=\"")
        .append(timestamp)
        .append("\">\n");
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
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(
        file, render(suiteName, results, elapsedSeconds, timestamp), StandardCharsets.UTF_8);
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
