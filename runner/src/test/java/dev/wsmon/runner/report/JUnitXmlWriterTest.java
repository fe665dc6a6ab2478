package dev.wsmon.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlWriterTest {

  @Test
  void oneTestCasePerThresholdAndFailuresWithMessages(@TempDir Path dir) throws Exception {
    var snapshot = Snapshots.sample();
    List<ThresholdResult> results =
        List.of(
            Threshold.parse("rtt_ms.p99<50").evaluate(snapshot),
            Threshold.parse("disconnections==0").evaluate(snapshot),
            Threshold.parse("ping_rtt_ms.p50<5").evaluate(snapshot));
    Path file = dir.resolve("sub/junit.xml");
    JUnitXmlWriter.write(file, "wsmon <run>", results, 12.5, Instant.parse("2026-01-01T00:00:00Z"));

    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(Files.readAllBytes(file)));
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("tests")).isEqualTo("3");
    assertThat(suite.getAttribute("failures")).isEqualTo("2");
    assertThat(suite.getAttribute("name")).isEqualTo("wsmon <run>");
    assertThat(suite.getAttribute("time")).isEqualTo("12.500");
    NodeList cases = doc.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(3);
    assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo("rtt_ms.p99 < 50");
    assertThat(((Element) cases.item(0)).getElementsByTagName("failure").getLength()).isZero();
    assertThat(
            ((Element) cases.item(0)).getElementsByTagName("system-out").item(0).getTextContent())
        .as("a passing threshold states its actual value too")
        .isEqualTo("rtt_ms.p99 < 50 passed: rtt_ms.p99 = 4.321");
    Element failure = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message"))
        .isEqualTo("disconnections == 0 failed: disconnections = 3");
    Element nullFailure =
        (Element) ((Element) cases.item(2)).getElementsByTagName("failure").item(0);
    assertThat(nullFailure.getTextContent()).contains("null");
  }

  @Test
  void escapesMarkupAndControlCharacters() throws Exception {
    String name = "a<b>&\"'\u0001]]>";
    String xml = JUnitXmlWriter.render(name, List.of(), 1, Instant.EPOCH);
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("name")).isEqualTo("a<b>&\"'?]]>");
    assertThat(xml).doesNotContain("\u0001").contains("a&lt;b&gt;&amp;");
  }

  @Test
  void noThresholdsIsAnEmptySuite() {
    String xml = JUnitXmlWriter.render("wsmon", List.of(), 1, Instant.EPOCH);
    assertThat(xml).contains("tests=\"0\"").contains("failures=\"0\"");
    assertThat(xml.getBytes(StandardCharsets.UTF_8)).isNotEmpty();
  }
}
