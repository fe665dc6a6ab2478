package dev.wsmon.exporters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.core.TrafficBatch;
import dev.wsmon.core.WsmonCodecs;
import dev.wsmon.exporters.PrometheusSamples.Sample;
import dev.wsmon.tracker.StatsSnapshot;
import dev.wsmon.tracker.StatsTrackerVerticle;
import dev.wsmon.tracker.TrackerOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports of REAL tracker output: a {@link StatsTrackerVerticle} fed with {@link ConnectionEvent}
 * and {@link TrafficBatch} records on the real event bus, exported by the {@link ExportVerticle}.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Exports of real tracker output")
class TrackerExportTest {

  private static final String NS = "real";
  private static final String G1 = "ws://127.0.0.1:9001/feed";
  private static final String G2 = "ws://127.0.0.1:9002/chat";
  static final String NASTY_REASON = "=cmd|' /C calc'!A0, \"quoted\"\nsecond line";

  @TempDir Path exportDir;

  private StatsTrackerVerticle tracker;

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @BeforeEach
  void deploy(Vertx vertx) {
    WsmonCodecs.register(vertx);
    vertx
        .deployVerticle(
            tracker =
                new StatsTrackerVerticle(
                    new TrackerOptions()
                        .setNamespace(NS)
                        .setLogStats(false)
                        .setSampleInterval(Duration.ofMillis(100)),
                    registry))
        .await();
    vertx
        .deployVerticle(
            new ExportVerticle(
                new ExportOptions()
                    .setNamespace(NS)
                    .setExportDirectory(exportDir.toString())
                    .setPrometheusRegistry(registry)))
        .await();
    feed(vertx);
  }

  /** Three connections in two groups: reconnects, a failure, close codes, traffic with RTTs. */
  private static void feed(Vertx vertx) {
    List<Object> records = new ArrayList<>();
    records.addAll(
        List.of(
            event("c-1", G1, EventType.ATTEMPT, null, null, null, ConnectionState.CONNECTING),
            event("c-1", G1, EventType.CONNECTED, 12.345, null, null, ConnectionState.CONNECTED),
            event("c-2", G2, EventType.ATTEMPT, null, null, null, ConnectionState.CONNECTING),
            event("c-2", G2, EventType.FAILED, 3.5, null, "refused", ConnectionState.RECONNECTING),
            event("c-2", G2, EventType.ATTEMPT, null, null, null, ConnectionState.CONNECTING),
            event("c-2", G2, EventType.CONNECTED, 20.125, null, null, ConnectionState.CONNECTED),
            event("c-3", G1, EventType.ATTEMPT, null, null, null, ConnectionState.CONNECTING),
            event("c-3", G1, EventType.CONNECTED, 8.0, null, null, ConnectionState.CONNECTED),
            event(
                "c-1",
                G1,
                EventType.DISCONNECTED,
                500.0,
                1006,
                NASTY_REASON,
                ConnectionState.RECONNECTING),
            event("c-1", G1, EventType.ATTEMPT, null, null, null, ConnectionState.CONNECTING),
            event("c-1", G1, EventType.CONNECTED, 15.5, null, null, ConnectionState.CONNECTED),
            event(
                "c-3",
                G1,
                EventType.DISCONNECTED,
                700.0,
                1001,
                "going away",
                ConnectionState.RECONNECTING)));
    records.add(
        new TrafficBatch(
            "test",
            Instant.now(),
            List.of(
                delta("c-1", G1, 40, 39, histogram(250, 300, 1250)),
                delta("c-2", G2, 10, 10, histogram(900)),
                delta("c-3", G1, 5, 4, null))));
    vertx.runOnContext(
        v -> {
          for (Object record : records) {
            String address = record instanceof TrafficBatch ? NS + ".traffic" : NS + ".events";
            vertx.eventBus().publish(address, record);
          }
        });
  }

  private static ConnectionEvent event(
      String id,
      String group,
      EventType type,
      Double durationMs,
      Integer code,
      String reason,
      ConnectionState state) {
    return new ConnectionEvent(id, group, type, Instant.now(), 0, durationMs, code, reason, state);
  }

  private static ConnectionDelta delta(
      String id, String group, long sent, long received, Histogram rtt) {
    return new ConnectionDelta(
        id,
        group,
        sent,
        received,
        sent * 64,
        received * 64,
        0,
        0,
        0,
        0,
        rtt,
        null,
        null,
        null,
        null,
        null,
        0);
  }

  private static Histogram histogram(long... micros) {
    Histogram h = LatencyHistograms.create();
    for (long m : micros) {
      LatencyHistograms.record(h, m);
    }
    return h;
  }

  private static Future<Object> export(Vertx vertx, JsonObject request) {
    return ExportVerticleTest.export(vertx, NS, request);
  }

  /** Exports JSON until the tracker has seen every record fed (it consumes them in order). */
  private static JsonObject settledSnapshot(Vertx vertx, Predicate<JsonObject> settled) {
    for (int i = 0; i < 200; i++) {
      JsonObject snapshot =
          new JsonObject((String) export(vertx, new JsonObject().put("format", "json")).await());
      if (settled.test(snapshot)) {
        return snapshot;
      }
      vertx.timer(25).await();
    }
    throw new AssertionError("the tracker never reached the expected state");
  }

  private static boolean fed(JsonObject snapshot) {
    JsonObject total = snapshot.getJsonObject("total");
    return total.getLong("connection_attempts") == 5
        && total.getLong("disconnections") == 2
        && total.getLong("messages_sent") == 55;
  }

  @Test
  @DisplayName("JSON: key set equals the documented list exactly, values as fed")
  void jsonKeys(Vertx vertx) throws Exception {
    JsonObject snapshot = settledSnapshot(vertx, TrackerExportTest::fed);

    assertThat(new DocumentedKeys().check(snapshot)).isEmpty();
    JsonObject total = snapshot.getJsonObject("total");
    assertThat(total.getLong("failed_connections")).isEqualTo(1);
    assertThat(total.getLong("reconnections")).isEqualTo(1);
    assertThat(total.getJsonObject("close_codes"))
        .isEqualTo(new JsonObject().put("1001", 1).put("1006", 1));
    assertThat(total.getJsonObject("rtt_ms").getLong("count")).isEqualTo(4);
    assertThat(snapshot.getJsonArray("connections")).hasSize(3);
    assertThat(snapshot.getJsonObject("groups").fieldNames()).containsExactlyInAnyOrder(G1, G2);

    Files.createDirectories(Path.of("target"));
    Files.writeString(
        Path.of("target/export-example.json"), Exporters.json(trimmed(snapshot), true));
  }

  /** The example pasted into docs/export-format.md: one group, one connection, four events. */
  private static JsonObject trimmed(JsonObject snapshot) {
    JsonObject copy = snapshot.copy();
    JsonObject groups = new JsonObject().put(G1, copy.getJsonObject("groups").getJsonObject(G1));
    JsonArray events = new JsonArray();
    for (Object e : copy.getJsonArray("events")) {
      JsonObject event = (JsonObject) e;
      if (events.size() < 3
          || event.getString("type").equals("DISCONNECTED") && events.size() < 4) {
        events.add(event);
      }
    }
    return copy.put("groups", groups)
        .put("connections", new JsonArray().add(copy.getJsonArray("connections").getJsonObject(0)))
        .put("events", events);
  }

  @Test
  @DisplayName("the StatsSnapshot and List overloads render the same text as the documents")
  void typedOverloads(Vertx vertx) {
    settledSnapshot(vertx, TrackerExportTest::fed);
    StatsSnapshot snapshot = tracker.snapshot().await();
    List<JsonObject> points = tracker.series().await();
    assertThat(snapshot.connections()).hasSize(3);

    assertThat(Exporters.json(snapshot, true)).isEqualTo(Exporters.json(snapshot.toJson(), true));
    assertThat(Exporters.csv(snapshot)).isEqualTo(Exporters.csv(snapshot.toJson()));
    assertThat(Exporters.csvSeries(points)).isEqualTo(Exporters.csvSeries(new JsonArray(points)));
    assertThat(Exporters.csvSeries(List.of(new JsonObject().put("timestamp", "t"))))
        .endsWith("\r\nt,,,,,,,,,,,,,,,,\r\n");
  }

  @Test
  @DisplayName("CSV: round-trips the nasty reason; one row per total, group and connection")
  void csv(Vertx vertx) throws Exception {
    settledSnapshot(vertx, TrackerExportTest::fed);

    String csv = (String) export(vertx, new JsonObject().put("format", "csv")).await();
    List<Map<String, String>> rows = CsvExportTest.parse(csv);

    assertThat(rows)
        .extracting(r -> r.get("scope"))
        .containsExactly("total", "group", "group", "connection", "connection", "connection");
    Map<String, String> c1 =
        rows.stream().filter(r -> r.get("name").equals("c-1")).findFirst().orElseThrow();
    assertThat(c1.get("last_close_reason")).isEqualTo("'" + NASTY_REASON);
    assertThat(c1.get("close_codes_1006")).isEqualTo("1");
    assertThat(rows.get(0).get("close_codes_1001")).isEqualTo("1");
    CsvExportTest.assertDocumentedColumns(settledSnapshot(vertx, TrackerExportTest::fed), false);
    Files.writeString(Path.of("target/export-example.csv"), csv);
  }

  @Test
  @DisplayName("csv-series: one row per point, point keys exactly as documented")
  void series(Vertx vertx) throws Exception {
    settledSnapshot(vertx, TrackerExportTest::fed);
    JsonArray before = points(vertx);
    for (int i = 0; i < 200 && before.size() < 3; i++) {
      vertx.timer(50).await();
      before = points(vertx);
    }

    String csv = (String) export(vertx, new JsonObject().put("format", "csv-series")).await();
    JsonArray after = points(vertx);
    List<Map<String, String>> rows = CsvExportTest.parse(csv);

    assertThat(before.size()).isGreaterThanOrEqualTo(3);
    assertThat(rows.size()).isBetween(before.size(), after.size());
    for (int i = 0; i < rows.size(); i++) {
      new DocumentedKeys().checkPoint(after.getJsonObject(i));
      assertThat(after.getJsonObject(i).fieldNames())
          .containsExactlyInAnyOrderElementsOf(ExportFormatDoc.load().required("series_point"));
      assertThat(rows.get(i).get("timestamp"))
          .isEqualTo(after.getJsonObject(i).getString("timestamp"));
    }
    assertThat(CsvExportTest.header(csv))
        .containsExactlyElementsOf(ExportFormatDoc.load().required("series_point"));
    Files.writeString(Path.of("target/export-example-series.csv"), csv);
  }

  private static JsonArray points(Vertx vertx) {
    return vertx
        .eventBus()
        .<JsonObject>request(NS + ".series", new JsonObject())
        .await()
        .body()
        .getJsonArray("points");
  }

  @Test
  @DisplayName("Prometheus: every wsmon sample equals the snapshot's value for the same metric")
  void prometheus(Vertx vertx) {
    JsonObject snapshot = settledSnapshot(vertx, TrackerExportTest::fed);

    String text = (String) export(vertx, new JsonObject().put("format", "prometheus")).await();

    assertThat(assertSamplesMatch(snapshot, text)).isGreaterThanOrEqualTo(2 * 16);
  }

  /**
   * Asserts that every wsmon sample of a Prometheus scrape equals the value of the same metric in
   * the snapshot's group object; returns how many samples were compared.
   */
  static int assertSamplesMatch(JsonObject snapshot, String text) {
    Set<String> groupNames = snapshot.getJsonObject("groups").fieldNames();
    List<Sample> samples = PrometheusSamples.parse(text);

    int checked = 0;
    for (Sample sample : samples) {
      if (!sample.name().startsWith("wsmon_")
          || sample.labels().containsKey("quantile")
          || sample.labels().containsKey("le")) {
        continue;
      }
      String meter = PrometheusSamples.meterOf(sample.name());
      assertThat(meter).as("sample %s belongs to a wsmon meter", sample).isNotNull();
      String group = sample.labels().get("group");
      assertThat(group).as("group tag of %s", sample).isIn(groupNames);
      JsonObject scope = snapshot.getJsonObject("groups").getJsonObject(group);
      String suffix = sample.name().substring(PrometheusSamples.prometheusName(meter).length());
      String key = PrometheusSamples.SNAPSHOT_KEYS.get(meter);
      if (meter.equals("wsmon.close.codes")) {
        assertThat(sample.value())
            .as("%s", sample)
            .isEqualTo(
                scope
                    .getJsonObject("close_codes")
                    .getLong(sample.labels().get("code"))
                    .doubleValue());
      } else if (PrometheusSamples.TIMERS.contains(meter)) {
        JsonObject histogram = scope.getJsonObject(key);
        long count = histogram.getLong("count");
        switch (suffix) {
          case "_seconds_count" ->
              assertThat(sample.value()).as("%s", sample).isEqualTo((double) count);
          case "_seconds_sum" ->
              assertThat(sample.value() * 1000)
                  .as("%s", sample)
                  .isCloseTo(
                      count == 0 ? 0 : histogram.getDouble("mean") * count,
                      within(0.01 * Math.max(1, sample.value() * 1000)));
          case "_seconds_max" ->
              assertThat(sample.value() * 1000)
                  .as("%s", sample)
                  .isCloseTo(
                      count == 0 ? 0 : histogram.getDouble("max"),
                      within(0.01 * Math.max(1, sample.value() * 1000)));
          default -> throw new AssertionError("unexpected timer sample " + sample);
        }
      } else {
        assertThat(sample.value())
            .as("%s = snapshot %s", sample, key)
            .isEqualTo(scope.getNumber(key).doubleValue());
      }
      checked++;
    }
    return checked;
  }
}
