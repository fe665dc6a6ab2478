package dev.wsmon.exporters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("CSV export")
class CsvExportTest {

  /** The rows of {@code csv} as header name to raw cell text. */
  static List<Map<String, String>> parse(String csv) throws IOException {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS);
    try (MappingIterator<Map<String, String>> rows =
        mapper
            .readerFor(Map.class)
            .with(CsvSchema.emptySchema().withHeader().withStrictHeaders(true))
            .readValues(csv)) {
      return rows.readAll();
    }
  }

  static List<String> header(String csv) {
    return List.of(csv.substring(0, csv.indexOf("\r\n")).split(",", -1));
  }

  @Nested
  @DisplayName("csv")
  class SnapshotCsv {

    @Test
    @DisplayName("has one total row, one per group, then one per connection")
    void rows() throws IOException {
      JsonObject snapshot = new SnapshotFixture().connections(5).build();

      List<Map<String, String>> rows = parse(Exporters.csv(snapshot));

      assertThat(rows)
          .extracting(r -> r.get("scope"))
          .containsExactly(
              "total",
              "group",
              "group",
              "connection",
              "connection",
              "connection",
              "connection",
              "connection");
      assertThat(rows)
          .extracting(r -> r.get("name"))
          .containsExactly(
              "total",
              SnapshotFixture.GROUP_A,
              SnapshotFixture.GROUP_B,
              "c-1",
              "c-2",
              "c-3",
              "c-4",
              "c-5");
      assertThat(rows.get(0).get("group")).isEmpty();
      assertThat(rows.get(1).get("group")).isEqualTo(SnapshotFixture.GROUP_A);
      assertThat(rows.get(4).get("group")).isEqualTo(SnapshotFixture.GROUP_B);
      assertThat(rows.get(0).get("connections")).isEqualTo("5");
      assertThat(rows.get(3).get("connections")).isEmpty();
      assertThat(rows.get(3).get("state")).isEqualTo("RECONNECTING");
      assertThat(rows.get(0).get("state")).isEmpty();
      assertThat(rows.get(3).get("rtt_ms_p99")).isEqualTo("0.8125");
      assertThat(rows.get(3).get("ping_rtt_ms_p99")).isEmpty();
      assertThat(rows.get(3).get("is_connected")).isEqualTo("false");
      assertThat(rows.get(0).get("bytes_sent")).isEqualTo("76800");
    }

    @Test
    @DisplayName("round-trips reasons with commas, quotes, newlines and a leading '='")
    void escaping() throws IOException {
      String reason = "=HYPERLINK(\"http://x\",\"a, b\")\r\nline 2";
      JsonObject snapshot = new SnapshotFixture().reason(reason).build();

      String csv = Exporters.csv(snapshot);
      List<Map<String, String>> rows = parse(csv);

      assertThat(rows.get(0).get("last_close_reason")).isEqualTo("'" + reason);
      assertThat(csv).contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"a, b\"\")\r\nline 2\"");
      JsonObject plain = new SnapshotFixture().build();
      assertThat(parse(Exporters.csv(plain)).get(0).get("last_close_reason"))
          .isEqualTo("server going away, \"maintenance\"\nback soon");
    }

    @Test
    @DisplayName("neutralises text starting with = + - @ tab CR, never numbers")
    void formulaInjection() throws IOException {
      JsonObject snapshot = new SnapshotFixture().connections(1).build();
      JsonObject total = snapshot.getJsonObject("total");
      total.put("success_rate", -12.5).put("reconnections", -3).put("health", "-12.5");
      snapshot.getJsonArray("connections").getJsonObject(0).put("connection_id", "@c-1");
      snapshot.getJsonArray("connections").getJsonObject(0).put("state", "+x");
      snapshot.getJsonArray("connections").getJsonObject(0).put("health", "\tx");
      snapshot.getJsonArray("connections").getJsonObject(0).put("last_close_reason", "\rx");

      String csv = Exporters.csv(snapshot);
      List<Map<String, String>> rows = parse(csv);

      assertThat(rows.get(0).get("success_rate")).isEqualTo("-12.5");
      assertThat(rows.get(0).get("reconnections")).isEqualTo("-3");
      assertThat(rows.get(0).get("health")).isEqualTo("'-12.5");
      assertThat(rows.get(3).get("name")).isEqualTo("'@c-1");
      assertThat(rows.get(3).get("state")).isEqualTo("'+x");
      assertThat(rows.get(3).get("health")).isEqualTo("'\tx");
      assertThat(rows.get(3).get("last_close_reason")).isEqualTo("'\rx");
      assertThat(csv).startsWith("scope,name,group,").contains(",-12.5,").contains(",-3,");
    }

    @Test
    @DisplayName("writes numbers with '.' and without exponent whatever the default locale")
    void localeIndependentNumbers() throws IOException {
      Locale saved = Locale.getDefault();
      Locale.setDefault(Locale.GERMANY);
      try {
        JsonObject snapshot = new SnapshotFixture().connections(1).build();
        snapshot
            .getJsonObject("total")
            .put("avg_bytes_sent_per_second", 12_345_678.9)
            .put("avg_connection_latency_ms", 0.000125)
            .put("health_score", Double.NaN);

        Map<String, String> total = parse(Exporters.csv(snapshot)).get(0);

        assertThat(total.get("elapsed_seconds")).isNull();
        assertThat(total.get("success_rate")).isEqualTo("75.0");
        assertThat(total.get("avg_bytes_sent_per_second")).isEqualTo("12345678.9");
        assertThat(total.get("avg_connection_latency_ms")).isEqualTo("0.000125");
        assertThat(total.get("health_score")).isEmpty();
      } finally {
        Locale.setDefault(saved);
      }
    }

    @Test
    @DisplayName("has one close-code column per code seen in any row, in numeric order")
    void closeCodeUnion() throws IOException {
      JsonObject snapshot = new SnapshotFixture().connections(2).build();
      snapshot
          .getJsonArray("connections")
          .getJsonObject(1)
          .put("close_codes", new JsonObject().put("4000", 1).put("1000", 2));

      String csv = Exporters.csv(snapshot);
      List<String> codes = header(csv).stream().filter(c -> c.startsWith("close_codes_")).toList();
      Map<String, String> second = parse(csv).get(4);

      assertThat(codes)
          .containsExactly(
              "close_codes_1000", "close_codes_1001", "close_codes_1006", "close_codes_4000");
      assertThat(second.get("close_codes_4000")).isEqualTo("1");
      assertThat(second.get("close_codes_1006")).isEmpty();
    }

    @Test
    @DisplayName("header columns are the documented ones (docs/export-format.md)")
    void documentedColumns() {
      assertDocumentedColumns(new SnapshotFixture().build(), false);
      assertDocumentedColumns(new SnapshotFixture().withOptionalFeatures().build(), true);
    }

    @Test
    @DisplayName("rejects a document without total, or with a wrong type")
    void malformed() {
      assertThatThrownBy(() -> Exporters.csv(new JsonObject()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("total");
      JsonObject snapshot = new SnapshotFixture().build().put("connections", "nope");
      assertThatThrownBy(() -> Exporters.csv(snapshot))
          .hasMessageContaining("\"connections\" must be an array, got nope");
      JsonObject badGroups = new SnapshotFixture().build().put("groups", 5);
      assertThatThrownBy(() -> Exporters.csv(badGroups))
          .hasMessageContaining("\"groups\" must be an object, got 5");
    }
  }

  /**
   * Asserts that every header column matches a documented column and every required one is there.
   */
  /** Every column of {@code snapshot}'s CSV matches a documented column. */
  static void assertDocumentedColumnsOnly(JsonObject snapshot) {
    List<Pattern> all = new ArrayList<>();
    for (String column : ExportFormatDoc.load().all("csv")) {
      all.add(pattern(column));
    }
    for (String column : header(Exporters.csv(snapshot))) {
      assertThat(all)
          .as("column %s is documented", column)
          .anyMatch(p -> p.matcher(column).matches());
    }
  }

  static void assertDocumentedColumns(JsonObject snapshot, boolean optionalExpected) {
    ExportFormatDoc doc = ExportFormatDoc.load();
    List<String> header = header(Exporters.csv(snapshot));
    Set<String> histogramFields = doc.required("histogram");
    List<Pattern> all = new ArrayList<>();
    for (String column : doc.all("csv")) {
      all.add(pattern(column));
    }
    for (String column : header) {
      assertThat(all)
          .as("column %s is documented", column)
          .anyMatch(p -> p.matcher(column).matches());
    }
    for (String column : doc.required("csv")) {
      if (column.endsWith("_<field>")) {
        String prefix = column.substring(0, column.length() - "<field>".length());
        histogramFields.forEach(f -> assertThat(header).contains(prefix + f));
      } else {
        assertThat(header).contains(column);
      }
    }
    assertThat(header.contains("agent")).isEqualTo(optionalExpected);
    assertThat(header.stream().anyMatch(c -> c.startsWith("feed_"))).isEqualTo(optionalExpected);
    assertThat(header.stream().anyMatch(c -> c.startsWith("scheduled_calls_")))
        .isEqualTo(optionalExpected);
    assertThat(header.subList(0, 3)).containsExactly("scope", "name", "group");
  }

  private static Pattern pattern(String documented) {
    String regex =
        Pattern.quote(documented)
            .replace("<field>", "\\E[a-z0-9_]+\\Q")
            .replace("<code>", "\\E[0-9]+\\Q")
            .replace("<name>", "\\E.+\\Q");
    return Pattern.compile(regex);
  }

  @Nested
  @DisplayName("csv-series")
  class SeriesCsv {

    @Test
    @DisplayName("has one row per point with the documented point keys as header")
    void onePerPoint() throws IOException {
      JsonArray points = SnapshotFixture.series(5);

      String csv = Exporters.csvSeries(points);
      List<Map<String, String>> rows = parse(csv);

      assertThat(rows).hasSize(5);
      assertThat(header(csv))
          .containsExactlyElementsOf(ExportFormatDoc.load().required("series_point"));
      assertThat(rows.get(0).get("timestamp")).isEqualTo("2026-01-01T00:00:01Z");
      assertThat(rows.get(0).get("rtt_p50_ms")).isEmpty();
      assertThat(rows.get(4).get("rtt_p99_ms")).isEqualTo("1.125");
      assertThat(rows.get(4).get("timestamp")).isEqualTo("2026-01-01T00:00:05Z");
      for (int i = 0; i < 5; i++) {
        new DocumentedKeys().checkPoint(points.getJsonObject(i));
      }
    }

    @Test
    @DisplayName("writes only the header when there are no points, and appends unknown keys")
    void emptyAndExtraKeys() throws IOException {
      assertThat(Exporters.csvSeries(new JsonArray()))
          .isEqualTo(String.join(",", ExportFormatDoc.load().required("series_point")) + "\r\n");
      JsonArray points = SnapshotFixture.series(2);
      points.getJsonObject(1).put("feed_gaps", 4);

      String csv = Exporters.csvSeries(points);

      assertThat(header(csv)).endsWith("connection_latency_p99_ms", "feed_gaps");
      assertThat(parse(csv).get(1).get("feed_gaps")).isEqualTo("4");
      assertThat(parse(csv).get(0).get("feed_gaps")).isEmpty();
    }

    @Test
    @DisplayName("rejects a point that is not an object")
    void malformed() {
      assertThatThrownBy(() -> Exporters.csvSeries(new JsonArray().add(3)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must be an object, got 3");
    }
  }
}
