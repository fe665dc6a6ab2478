package dev.wsmon.runner.report;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes threshold results as a JUnit XML report (one {@code testsuite}, one {@code testcase} per
 * threshold, a {@code failure} with the message for each threshold that did not hold and the
 * message as {@code system-out} for each that held, so the actual value shows either way), the
 * format CI systems read. A run that failed as a whole (it could not run: exit 3; or a cluster run
 * lost an agent) adds one failing {@code testcase} named {@value #RUN_CASE} whose message says why,
 * so a report never shows 0 failures for a failed run.
 */
public final class JUnitXmlWriter {

  /** The name of the test case that carries a failure of the run as a whole: {@value}. */
  public static final String RUN_CASE = "run";

  private JUnitXmlWriter() {}

  /** The report as XML text, written through the JDK's {@link XMLStreamWriter}. */
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
    StringWriter text = new StringWriter(256 + tests * 160);
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuites");
      xml.writeAttribute("tests", String.valueOf(tests));
      xml.writeAttribute("failures", String.valueOf(failures));
      xml.writeAttribute("errors", "0");
      xml.writeCharacters("\n  ");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", clean(suiteName));
      xml.writeAttribute("tests", String.valueOf(tests));
      xml.writeAttribute("failures", String.valueOf(failures));
      xml.writeAttribute("errors", "0");
      xml.writeAttribute("skipped", "0");
      xml.writeAttribute("time", String.format(Locale.ROOT, "%.3f", elapsedSeconds));
      xml.writeAttribute("timestamp", timestamp.toString());
      for (String why : runFailures) {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", clean(suiteName));
        xml.writeAttribute("name", RUN_CASE);
        xml.writeAttribute("time", "0");
        failure(xml, why, "run");
      }
      for (ThresholdResult result : results) {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", clean(suiteName) + ".thresholds");
        xml.writeAttribute("name", clean(result.threshold().display()));
        xml.writeAttribute("time", "0");
        if (result.passed()) {
          passed(xml, result.message());
        } else {
          failure(xml, result.message(), "threshold");
        }
      }
      xml.writeCharacters("\n  ");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write the JUnit report: " + e.getMessage(), e);
    }
    return text.toString();
  }

  /** A passing threshold's message ({@code … passed: metric = actual}) as its standard output. */
  private static void passed(XMLStreamWriter xml, String message) throws XMLStreamException {
    xml.writeCharacters("\n      ");
    xml.writeStartElement("system-out");
    xml.writeCharacters(clean(message));
    xml.writeEndElement();
    xml.writeCharacters("\n    ");
    xml.writeEndElement();
  }

  private static void failure(XMLStreamWriter xml, String message, String type)
      throws XMLStreamException {
    xml.writeCharacters("\n      ");
    xml.writeStartElement("failure");
    xml.writeAttribute("message", clean(message));
    xml.writeAttribute("type", type);
    xml.writeCharacters(clean(message));
    xml.writeEndElement();
    xml.writeCharacters("\n    ");
    xml.writeEndElement();
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

  /**
   * {@code text} without the control characters XML 1.0 cannot hold (each becomes {@code ?}); the
   * writer escapes the markup.
   */
  static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '?' : c);
    }
    return out.toString();
  }
}
