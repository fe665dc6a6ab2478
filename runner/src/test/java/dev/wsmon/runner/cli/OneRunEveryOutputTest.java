package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.EchoServerStats;
import dev.wsmon.testkit.FaultSpec;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run against three faulty servers, every output of it read back: the JSON export, the CSV, the
 * HTML report, the summary, the JUnit report, the events JSONL and the meters pushed over OTLP each
 * give the same figures, and those equal the servers' own counts.
 */
@ExtendWith(VertxExtension.class)
@Timeout(120)
@DisplayName("one run, every output agrees (and with the servers)")
class OneRunEveryOutputTest {

  @TempDir Path dir;
  private final List<EchoServer> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(s -> s.close().await());
  }

  @Test
  @DisplayName(
      "close-after=5:4001, drop-after=7 and no-echo, 2 connections each, correlated at 20/s:"
          + " JSON = CSV = HTML = summary = JUnit = events = OTLP meters = servers")
  void everyOutputAgrees(Vertx vertx) throws Exception {
    JsonArray endpoints = new JsonArray();
    for (String fault : List.of("close-after=5:4001:bye", "drop-after=7", "no-echo")) {
      EchoServer s =
          EchoServer.deploy(vertx, new EchoServerOptions().setFaults(FaultSpec.parse(fault)))
              .await();
      servers.add(s);
      endpoints.add(new JsonObject().put("uri", s.uri("/ws")).put("connections", 2));
    }
    Path config = dir.resolve("run.json");
    Files.writeString(config, new JsonObject().put("endpoints", endpoints).encode());
    List<ExportMetricsServiceRequest> pushed = new CopyOnWriteArrayList<>();
    HttpServer otlp = otlpReceiver(vertx, pushed);
    Path json = dir.resolve("run.json.out");
    Path csv = dir.resolve("run.csv");
    Path html = dir.resolve("run.html");
    Path junit = dir.resolve("junit.xml");
    Path events = dir.resolve("events.jsonl");

    Cli cli =
        Cli.run(
            "run",
            "--config",
            config.toString(),
            "-d",
            "3s",
            "--send",
            "{\"id\":\"{seq}\"}",
            "--correlate",
            "json:id",
            "--rate",
            "20",
            "--request-timeout",
            "300ms",
            "--reconnect-delay",
            "100ms",
            "--max-reconnect-delay",
            "200ms",
            "--max-reconnect-attempts",
            "-1",
            "--export-json",
            json.toString(),
            "--export-csv",
            csv.toString(),
            "--export-html",
            html.toString(),
            "--junit",
            junit.toString(),
            "--events-jsonl",
            events.toString(),
            "--metrics-push",
            "otlp=http://127.0.0.1:" + otlp.actualPort() + "/v1/metrics",
            // thresholds that fail, so the JUnit report states each actual value
            "--threshold",
            "messages_sent<0",
            "--threshold",
            "request_timeouts<0",
            "--threshold",
            "close_codes.4001<0",
            "--threshold",
            "rtt_ms.p99<0");
    assertThat(cli.code).as(cli.toString()).isEqualTo(1);
    JsonObject doc = new JsonObject(Files.readString(json));
    JsonObject total = doc.getJsonObject("total");
    assertThat(total.getLong("disconnections")).as("the faults happened").isPositive();
    assertThat(total.getLong("request_timeouts")).isPositive();

    servers(doc);
    csv(doc, Files.readAllLines(csv));
    summary(total, cli.out);
    junit(total, Files.readString(junit));
    events(total, Files.readAllLines(events));
    html(doc, Files.readString(html));
    meters(total, pushed);
    otlp.close().await();
  }

  /**
   * The servers' counts, per server (each is a group). What left wsmon arrived and what a server
   * sent was received, except what was on the wire when a server dropped its connection: bytes that
   * reached the kernel of a side that then closed are never read (TCP discards them with the
   * reset), so no client or server can count them. Those are requests without a reply, so the
   * difference is bounded by that server's unanswered requests, and is zero without a server's own
   * close. The handshakes a server opened are wsmon's successes on it, plus at most its attempts
   * abandoned at the end of the run (a handshake the server completed after wsmon gave the attempt
   * up: closed unused, counted as abandoned only). Every attempt has one outcome.
   */
  private void servers(JsonObject doc) {
    JsonObject total = doc.getJsonObject("total");
    for (EchoServer s : servers) {
      EchoServerStats st = s.stats();
      JsonObject g = doc.getJsonObject("groups").getJsonObject(s.uri("/ws"));
      assertThat(g).as("group of %s", s.uri("/ws")).isNotNull();
      String fault = s.uri("/ws") + " " + st;
      long unread = g.getLong("messages_sent") - st.textMessagesReceived();
      long unreceived = st.textMessagesSent() - g.getLong("messages_received");
      long unanswered = g.getLong("request_timeouts") + g.getLong("requests_abandoned");
      boolean serverEnds = g.getLong("disconnections") > 0;
      assertThat(unread).as(fault).isBetween(0L, serverEnds ? unanswered : 0L);
      assertThat(unreceived).as(fault).isBetween(0L, serverEnds ? unanswered : 0L);
      assertThat(g.getLong("bytes_sent") == st.textBytesReceived())
          .as(fault)
          .isEqualTo(unread == 0);
      assertThat(g.getLong("bytes_received") == st.textBytesSent())
          .as(fault)
          .isEqualTo(unreceived == 0);
      long successes = g.getLong("successful_connections");
      assertThat(st.connectionsOpened())
          .as("handshakes opened by %s", fault)
          .isBetween(successes, successes + g.getLong("attempts_abandoned"));
      assertEveryAttemptHasAnOutcome(g);
    }
    assertEveryAttemptHasAnOutcome(total);
    doc.getJsonArray("connections").forEach(c -> assertEveryAttemptHasAnOutcome((JsonObject) c));
    assertThat(
            total.getJsonObject("rtt_ms").getLong("count")
                + total.getLong("request_timeouts")
                + total.getLong("requests_abandoned"))
        .isEqualTo(total.getLong("messages_sent"));
  }

  /** Once the run has ended, attempts == successes + failures + attempts_abandoned. */
  static void assertEveryAttemptHasAnOutcome(JsonObject stats) {
    assertThat(stats.getLong("connection_attempts"))
        .as("attempts == successes + failures + abandoned in %s", stats)
        .isEqualTo(
            stats.getLong("successful_connections")
                + stats.getLong("failed_connections")
                + stats.getLong("attempts_abandoned"));
  }

  /** Every value of total, each group and each connection is its CSV row's cell. */
  private static void csv(JsonObject doc, List<String> lines) {
    List<String> header = List.of(lines.get(0).split(",", -1));
    Map<String, Map<String, String>> rows = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> cells = List.of(line.split(",", -1));
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), cells.get(i));
      }
      rows.put(row.get("scope") + "/" + row.get("name"), row);
    }
    compareRow(doc.getJsonObject("total"), rows.get("total/total"));
    for (String g : doc.getJsonObject("groups").fieldNames()) {
      compareRow(doc.getJsonObject("groups").getJsonObject(g), rows.get("group/" + g));
    }
    for (Object o : doc.getJsonArray("connections")) {
      JsonObject c = (JsonObject) o;
      compareRow(c, rows.get("connection/" + c.getString("connection_id")));
    }
  }

  private static void compareRow(JsonObject stats, Map<String, String> row) {
    assertThat(row).isNotNull();
    Map<String, Object> flat = new LinkedHashMap<>();
    flatten("", stats, flat);
    flat.remove("connection_id");
    for (Map.Entry<String, Object> e : flat.entrySet()) {
      String cell = row.get(e.getKey());
      Object v = e.getValue();
      if (v == null) {
        assertThat(cell).as(e.getKey()).isIn(null, "");
      } else if (v instanceof Number n) {
        assertThat(Double.parseDouble(cell)).as(e.getKey()).isEqualTo(n.doubleValue());
      } else {
        assertThat(cell).as(e.getKey()).isEqualTo(String.valueOf(v));
      }
    }
  }

  private static void flatten(String prefix, JsonObject o, Map<String, Object> out) {
    for (String k : o.fieldNames()) {
      Object v = o.getValue(k);
      if (v instanceof JsonObject j) {
        flatten(prefix + k + "_", j, out);
      } else {
        out.put(prefix + k, v);
      }
    }
  }

  /** The summary's counts and latency rows. */
  private static void summary(JsonObject t, String out) {
    assertThat(out)
        .contains(
            "attempts          "
                + t.getLong("connection_attempts")
                + "   successes "
                + t.getLong("successful_connections")
                + "   failures "
                + t.getLong("failed_connections"))
        .contains(
            "disconnections    "
                + t.getLong("disconnections")
                + "   reconnections "
                + t.getLong("reconnections")
                + "   close codes 1006 x"
                + t.getJsonObject("close_codes").getLong("1006")
                + ", 4001 x"
                + t.getJsonObject("close_codes").getLong("4001"))
        .contains("messages          sent " + t.getLong("messages_sent") + " (")
        .contains("received " + t.getLong("messages_received") + " (")
        .contains(
            "bytes             sent "
                + t.getLong("bytes_sent")
                + "   received "
                + t.getLong("bytes_received"))
        .contains(
            "errors            send failures "
                + t.getLong("send_failures")
                + "   request timeouts "
                + t.getLong("request_timeouts")
                + "   abandoned "
                + t.getLong("requests_abandoned")
                + "   protocol errors "
                + t.getLong("protocol_errors"));
    latencyRow(out, "connect", t.getJsonObject("connection_latency_ms"));
    latencyRow(out, "round trip", t.getJsonObject("rtt_ms"));
  }

  private static void latencyRow(String out, String name, JsonObject h) {
    StringBuilder row = new StringBuilder(String.format(java.util.Locale.ROOT, "%-18s", name));
    row.append(String.format(java.util.Locale.ROOT, "%10d", h.getLong("count")));
    for (String f : List.of("min", "mean", "p50", "p90", "p99", "p999", "max")) {
      row.append(String.format(java.util.Locale.ROOT, "%10.3f", h.getDouble(f)));
    }
    assertThat(out).contains(row.toString());
  }

  /** Each threshold's actual value in the JUnit report. */
  private static void junit(JsonObject t, String xml) {
    assertThat(xml)
        .contains("tests=\"4\" failures=\"4\"")
        .contains("messages_sent = " + t.getLong("messages_sent") + "\"")
        .contains("request_timeouts = " + t.getLong("request_timeouts") + "\"")
        .contains("close_codes.4001 = " + t.getJsonObject("close_codes").getLong("4001") + "\"")
        .contains(
            "rtt_ms.p99 = "
                + dev.wsmon.runner.report.Threshold.formatNumber(
                    t.getJsonObject("rtt_ms").getDouble("p99"))
                + "\"");
  }

  /** Events by type equal the counters; disconnections by code equal close_codes. */
  private static void events(JsonObject t, List<String> lines) {
    Map<String, Long> types = new HashMap<>();
    Map<String, Long> codes = new HashMap<>();
    for (String line : lines) {
      JsonObject e = new JsonObject(line);
      types.merge(e.getString("type"), 1L, Long::sum);
      if (e.getString("type").equals("DISCONNECTED")) {
        codes.merge(String.valueOf(e.getInteger("close_code")), 1L, Long::sum);
      }
    }
    assertThat(types.get("ATTEMPT")).isEqualTo(t.getLong("connection_attempts"));
    assertThat(types.get("CONNECTED")).isEqualTo(t.getLong("successful_connections"));
    assertThat(types.getOrDefault("FAILED", 0L)).isEqualTo(t.getLong("failed_connections"));
    assertThat(types.get("DISCONNECTED")).isEqualTo(t.getLong("disconnections"));
    assertThat(
            lines.stream()
                .map(JsonObject::new)
                .filter(e -> e.getString("type").equals("CLOSED"))
                .filter(
                    e -> String.valueOf(e.getString("reason")).startsWith("attempt abandoned: "))
                .count())
        .as("CLOSED events that abandon an attempt")
        .isEqualTo(t.getLong("attempts_abandoned"));
    Map<String, Long> exported = new HashMap<>();
    t.getJsonObject("close_codes")
        .forEach(e -> exported.put(e.getKey(), ((Number) e.getValue()).longValue()));
    assertThat(codes).isEqualTo(exported);
  }

  private static final Pattern METRIC =
      Pattern.compile("data-metric=\"([^\"]+)\" data-format=\"(int|dec|pct|ms)\">([^<]*)<");
  private static final Pattern ROW =
      Pattern.compile("<tr><td><code>(c-\\d+)</code></td>(.*?)</tr>");
  private static final Pattern SORT = Pattern.compile("data-sort=\"([^\"]*)\"");

  /** The headline figures and each connection's row of the HTML report. */
  private static void html(JsonObject doc, String page) {
    JsonObject total = doc.getJsonObject("total");
    Matcher m = METRIC.matcher(page);
    int figures = 0;
    while (m.find()) {
      Object v = total;
      for (String key : m.group(1).split("\\.")) {
        v = v instanceof JsonObject j ? j.getValue(key) : null;
      }
      double shown =
          Double.parseDouble(m.group(3).replace(",", "").replace(" %", "").replace(" ms", ""));
      int decimals =
          switch (m.group(2)) {
            case "int" -> 0;
            case "dec" -> 1;
            case "pct" -> 2;
            default -> 3;
          };
      double expected =
          Math.round(((Number) v).doubleValue() * Math.pow(10, decimals)) / Math.pow(10, decimals);
      assertThat(shown).as(m.group(1)).isEqualTo(expected);
      figures++;
    }
    assertThat(figures).isGreaterThanOrEqualTo(10);
    Map<String, JsonObject> byId =
        doc.getJsonArray("connections").stream()
            .map(JsonObject.class::cast)
            .collect(Collectors.toMap(c -> c.getString("connection_id"), c -> c));
    Matcher r = ROW.matcher(page);
    int rows = 0;
    String[] keys = {
      "connection_attempts",
      "successful_connections",
      "failed_connections",
      "attempts_abandoned",
      "disconnections",
      "reconnections",
      "success_rate",
      "avg_connection_latency_ms",
      "rtt_ms.p50",
      "rtt_ms.p99",
      "messages_sent",
      "messages_received"
    };
    while (r.find()) {
      JsonObject c = byId.get(r.group(1));
      Matcher s = SORT.matcher(r.group(2));
      for (String key : keys) {
        assertThat(s.find()).isTrue();
        Object v = c;
        for (String k : key.split("\\.")) {
          v = v instanceof JsonObject j ? j.getValue(k) : null;
        }
        if (v == null) {
          assertThat(s.group(1)).as(r.group(1) + " " + key).isIn("", "-1");
        } else {
          assertThat(Double.parseDouble(s.group(1)))
              .as(r.group(1) + " " + key)
              .isEqualTo(((Number) v).doubleValue());
        }
      }
      rows++;
    }
    assertThat(rows).isEqualTo(byId.size());
  }

  /** The last OTLP push: counters summed over groups, close codes by code, timer counts. */
  private static void meters(JsonObject t, List<ExportMetricsServiceRequest> pushed) {
    assertThat(pushed).isNotEmpty();
    List<Metric> metrics =
        pushed.get(pushed.size() - 1).getResourceMetricsList().stream()
            .flatMap(rm -> rm.getScopeMetricsList().stream())
            .flatMap(sm -> sm.getMetricsList().stream())
            .collect(Collectors.toList());
    Map<String, String> counters = new LinkedHashMap<>();
    counters.put("wsmon.connection.attempts", "connection_attempts");
    counters.put("wsmon.connection.successes", "successful_connections");
    counters.put("wsmon.connection.failures", "failed_connections");
    counters.put("wsmon.connection.attempts.abandoned", "attempts_abandoned");
    counters.put("wsmon.connection.disconnections", "disconnections");
    counters.put("wsmon.connection.reconnections", "reconnections");
    counters.put("wsmon.messages.sent", "messages_sent");
    counters.put("wsmon.messages.received", "messages_received");
    counters.put("wsmon.bytes.sent", "bytes_sent");
    counters.put("wsmon.bytes.received", "bytes_received");
    counters.put("wsmon.send.failures", "send_failures");
    counters.put("wsmon.request.timeouts", "request_timeouts");
    counters.put("wsmon.requests.abandoned", "requests_abandoned");
    counters.put("wsmon.protocol.errors", "protocol_errors");
    for (Map.Entry<String, String> e : counters.entrySet()) {
      double sum =
          metrics.stream()
              .filter(m -> m.getName().equals(e.getKey()))
              .flatMap(m -> m.getSum().getDataPointsList().stream())
              .mapToDouble(NumberDataPoint::getAsDouble)
              .sum();
      assertThat(sum).as(e.getKey()).isEqualTo(t.getLong(e.getValue()).doubleValue());
    }
    Map<String, Double> codes = new HashMap<>();
    metrics.stream()
        .filter(m -> m.getName().equals("wsmon.close.codes"))
        .flatMap(m -> m.getSum().getDataPointsList().stream())
        .forEach(
            p ->
                codes.merge(
                    attribute(p.getAttributesList(), "code"), p.getAsDouble(), Double::sum));
    Map<String, Double> exported = new HashMap<>();
    t.getJsonObject("close_codes")
        .forEach(e -> exported.put(e.getKey(), ((Number) e.getValue()).doubleValue()));
    assertThat(codes).isEqualTo(exported);
    assertThat(histogramCount(metrics, "wsmon.rtt"))
        .isEqualTo(t.getJsonObject("rtt_ms").getLong("count"));
    assertThat(histogramCount(metrics, "wsmon.connection.latency"))
        .isEqualTo(t.getJsonObject("connection_latency_ms").getLong("count"));
  }

  private static long histogramCount(List<Metric> metrics, String name) {
    return metrics.stream()
        .filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getHistogram().getDataPointsList().stream())
        .mapToLong(HistogramDataPoint::getCount)
        .sum();
  }

  private static String attribute(List<KeyValue> attributes, String key) {
    return attributes.stream()
        .filter(kv -> kv.getKey().equals(key))
        .map(kv -> kv.getValue().getStringValue())
        .findFirst()
        .orElse(null);
  }

  private static HttpServer otlpReceiver(Vertx vertx, List<ExportMetricsServiceRequest> pushed) {
    return vertx
        .createHttpServer()
        .requestHandler(
            req ->
                req.body()
                    .onSuccess(
                        body -> {
                          try {
                            pushed.add(ExportMetricsServiceRequest.parseFrom(body.getBytes()));
                            req.response().setStatusCode(200).end();
                          } catch (Exception e) {
                            req.response().setStatusCode(400).end();
                          }
                        }))
        .listen(0, "127.0.0.1")
        .await();
  }
}
