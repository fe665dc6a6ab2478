package dev.wsmon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("BenchmarkReport: docs/benchmarks.md is generated from bench/results")
class BenchmarkReportTest {

  private static final Path RESULTS = Path.of("results");
  private static final Path DOC = Path.of("../docs/benchmarks.md");

  @TempDir Path dir;

  @Test
  @DisplayName(
      "docs/benchmarks.md is what bench/results give (run bench/report.sh when this fails)")
  void docMatchesResults() throws Exception {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    assertThat(BenchmarkReport.render(RESULTS, doc))
        .as("docs/benchmarks.md drifted from bench/results/*.json: run bench/report.sh")
        .isEqualTo(doc);
  }

  @Test
  @DisplayName("hand-written sections are copied verbatim: known ones in order, then others")
  void keepsHandWrittenSections() throws Exception {
    String existing =
        "# old\n<!-- other:begin -->\nmine, *as is*\n<!-- other:end -->\nold text\n"
            + "<!-- scale:begin -->\n## Scale\n| a | b |\n<!-- scale:end -->\n"
            + "<!-- peers:begin -->\n## Peers\nArtillery 146 KB\n<!-- peers:end -->\n";
    String out = BenchmarkReport.render(RESULTS, existing);
    int peers = out.indexOf("<!-- peers:begin -->\n## Peers\nArtillery 146 KB\n<!-- peers:end -->");
    int scale = out.indexOf("<!-- scale:begin -->\n## Scale\n| a | b |\n<!-- scale:end -->");
    int other = out.indexOf("<!-- other:begin -->\nmine, *as is*\n<!-- other:end -->");
    assertThat(peers).isPositive();
    assertThat(scale).isGreaterThan(peers);
    assertThat(other).isGreaterThan(scale);
    assertThat(out).doesNotContain("old text", "# old");
    // generating twice gives the same document
    assertThat(BenchmarkReport.render(RESULTS, out)).isEqualTo(out);
  }

  @Test
  @DisplayName("a changed result changes the document, so drift is caught")
  void resultsDriveTheDocument() throws Exception {
    for (String name : new String[] {"tracker.json", "export.json", "e2e.json", "e2e-notes.md"}) {
      if (Files.exists(RESULTS.resolve(name))) {
        Files.copy(RESULTS.resolve(name), dir.resolve(name));
      }
    }
    String before = BenchmarkReport.render(dir, "");
    JsonObject e2e = new JsonObject(Files.readString(dir.resolve("e2e.json")));
    JsonObject rate = e2e.getJsonObject("metrics").getJsonObject("msgs_per_second");
    rate.put("wsmon_median", 123_456_789.0);
    Files.writeString(dir.resolve("e2e.json"), e2e.encodePrettily());
    String after = BenchmarkReport.render(dir, "");
    assertThat(after).isNotEqualTo(before).contains("123,456,789");
  }

  @Test
  @DisplayName("the page opens with one row per goal: measured, met, date and load")
  void resultsTableFirst() throws Exception {
    for (String name :
        new String[] {
          "e2e.json", "process-flood.json", "process-hold.json", "process-startup.json"
        }) {
      if (Files.exists(RESULTS.resolve(name))) {
        Files.copy(RESULTS.resolve(name), dir.resolve(name));
      }
    }
    JsonObject hold = new JsonObject(Files.readString(dir.resolve("process-hold.json")));
    hold.put("wsmon_minus_raw_heap_per_connection_kb", 2.5);
    Files.writeString(dir.resolve("process-hold.json"), hold.encodePrettily());

    String out = BenchmarkReport.render(dir, "");
    int results = out.indexOf("## Results");
    assertThat(results).isPositive().isLessThan(out.indexOf("## End to end"));
    assertThat(out).contains("| goal | measured | met | date | load |");
    String memory =
        out.lines().filter(l -> l.contains("heap per held connection")).findFirst().orElseThrow();
    assertThat(memory).contains("| 2.50 KB | **no** |");
    String flood =
        out.lines()
            .filter(l -> l.startsWith("| whole process flood: msgs/s"))
            .findFirst()
            .orElseThrow();
    assertThat(flood).contains(">= 0.80×");
  }

  @Test
  @DisplayName("the load reading says 'shared' only when a 1-minute load went above the cores")
  void loadReading() {
    JsonObject quiet =
        new JsonObject()
            .put("processors", 2)
            .put("load_average_before", "1.10 1.49 1.76")
            .put("load_average_after", "1.47 1.63 1.76")
            .put("load_average_per_round", new io.vertx.core.json.JsonArray().add("2.00 1.6 1.7"));
    JsonObject busy = quiet.copy().put("load_average_after", "2.01 1.63 1.76");

    assertThat(BenchmarkReport.loadReading(quiet))
        .startsWith("a quiet machine")
        .contains("2 cores");
    assertThat(BenchmarkReport.loadReading(busy)).startsWith("on 2 cores shared with other work");
  }
}
