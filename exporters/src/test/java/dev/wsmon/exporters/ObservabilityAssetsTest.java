package dev.wsmon.exporters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.FeedDelta;
import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.core.ProtocolDelta;
import dev.wsmon.tracker.WsmonMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Grafana dashboard and Prometheus alert rules reference only metrics wsmon exports")
class ObservabilityAssetsTest {

  private static final Path DOCS = Path.of("..", "docs");
  private static final Pattern METRIC = Pattern.compile("\\bwsmon_[a-z0-9_]+");

  private static Set<String> exported;
  private static String scrape;

  @BeforeAll
  static void scrapeEveryMeter() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    WsmonMetrics metrics = new WsmonMetrics();
    metrics.bindTo(registry);
    WsmonMetrics.Meters meters = metrics.meters("ws://127.0.0.1:1/feed", "c-1");
    meters.attempt();
    meters.success(1.5, false);
    meters.failure();
    meters.disconnection(1006);
    meters.connected(true);
    Histogram h = LatencyHistograms.create();
    LatencyHistograms.record(h, 1000);
    meters.traffic(
        new ConnectionDelta(
            "c-1",
            "ws://127.0.0.1:1/feed",
            1,
            1,
            8,
            8,
            1,
            1,
            0,
            1,
            h,
            null,
            null,
            h,
            null,
            null,
            0));
    meters.rtt(1000, 1);
    meters.pingRtt(500, 1);
    meters.feed(new FeedDelta(1, 2, 1, 1, 0, 0, 0, null, null, 5.0, true), 1);
    meters.feedE2e(2000, 1);
    meters.protocol(
        new ProtocolDelta(
            "socketio",
            h,
            1,
            1,
            Map.of("connect_error: x", 1L),
            Map.of("news", new long[] {2, 20}),
            Map.of("news", new FeedDelta(1, 2, 1, 1, 0, 0, 0, null, h, 5.0, null))));
    scrape = registry.scrape();
    exported = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        exported.add(line.split(" ")[2]);
      } else if (!line.startsWith("#") && !line.isBlank()) {
        exported.add(line.substring(0, line.indexOf(line.contains("{") ? '{' : ' ')));
      }
    }
  }

  @Test
  @DisplayName("every panel query of docs/grafana/wsmon-dashboard.json names exported metrics")
  void dashboard() throws IOException {
    JsonNode dashboard =
        new ObjectMapper().readTree(DOCS.resolve("grafana/wsmon-dashboard.json").toFile());
    List<String> expressions = new ArrayList<>();
    dashboard
        .get("panels")
        .forEach(p -> p.get("targets").forEach(t -> expressions.add(t.get("expr").asText())));
    dashboard
        .at("/templating/list")
        .forEach(
            v -> {
              if (v.has("query") && v.get("query").asText().contains("wsmon_")) {
                expressions.add(v.get("query").asText());
              }
            });

    assertThat(dashboard.get("panels")).hasSizeGreaterThanOrEqualTo(10);
    assertReferencesExported(expressions);
    assertThat(String.join("\n", expressions))
        .contains(
            "wsmon_connections_active",
            "wsmon_connection_reconnections_total",
            "wsmon_close_codes_total",
            "wsmon_messages_received_total",
            "wsmon_rtt_seconds_bucket");
  }

  @Test
  @DisplayName("every rule of docs/prometheus/alerts.yml names exported metrics and has a summary")
  void alerts() throws IOException {
    JsonNode rules = new YAMLMapper().readTree(DOCS.resolve("prometheus/alerts.yml").toFile());
    List<String> expressions = new ArrayList<>();
    List<String> names = new ArrayList<>();
    rules
        .get("groups")
        .forEach(
            g ->
                g.get("rules")
                    .forEach(
                        r -> {
                          expressions.add(r.get("expr").asText());
                          names.add(r.get("alert").asText());
                          assertThat(r.at("/annotations/summary").asText())
                              .as(r.get("alert").asText())
                              .isNotBlank();
                        }));

    assertThat(names)
        .contains("WsmonEndpointDown", "WsmonReconnectStorm", "WsmonRttP99High", "WsmonFeedStale");
    assertReferencesExported(expressions);
  }

  @Test
  @DisplayName(
      "the Prometheus names of docs/metrics.md's wsmon.protocol rows are exported, channel meters"
          + " with a channel label")
  void protocolRowsOfMetricsDoc() throws IOException {
    Pattern row = Pattern.compile("^\\| `wsmon\\.protocol\\.[^|]*\\|[^|]*\\| ([^|]*)\\|");
    Pattern name = Pattern.compile("`(wsmon_[a-z0-9_]+)(?:\\{([a-z,]+)\\})?`");
    Set<String> documented = new TreeSet<>();
    for (String line : Files.readAllLines(DOCS.resolve("metrics.md"))) {
      Matcher r = row.matcher(line);
      if (!r.find()) {
        continue;
      }
      Matcher n = name.matcher(r.group(1));
      while (n.find()) {
        if (n.group(2) == null) {
          documented.add(n.group(1));
        } else {
          for (String suffix : n.group(2).split(",")) {
            documented.add(n.group(1) + suffix);
          }
        }
      }
    }
    assertThat(documented)
        .contains(
            "wsmon_protocol_channel_messages_received_total",
            "wsmon_protocol_channel_bytes_received_bytes_total",
            "wsmon_protocol_channel_feed_gaps_total",
            "wsmon_protocol_channel_feed_missing_total",
            "wsmon_protocol_channel_feed_duplicates_total",
            "wsmon_protocol_channel_feed_out_of_order_total",
            "wsmon_protocol_channel_feed_e2e_latency_seconds_bucket");
    assertThat(documented).allSatisfy(n -> assertThat(exported).as("exported").contains(n));
    assertThat(scrape)
        .contains(
            "wsmon_protocol_channel_messages_received_total{channel=\"news\",group=\"ws://127.0.0.1:1/feed\"} 2.0",
            "wsmon_protocol_channel_bytes_received_bytes_total{channel=\"news\",group=\"ws://127.0.0.1:1/feed\"} 20.0",
            "wsmon_protocol_channel_feed_missing_total{channel=\"news\",group=\"ws://127.0.0.1:1/feed\"} 2.0",
            "wsmon_protocol_channel_feed_e2e_latency_seconds_count{channel=\"news\",group=\"ws://127.0.0.1:1/feed\"} 1");
  }

  private static void assertReferencesExported(List<String> expressions) {
    Set<String> referenced = new TreeSet<>();
    for (String expression : expressions) {
      Matcher m = METRIC.matcher(expression);
      while (m.find()) {
        referenced.add(m.group());
      }
    }
    assertThat(referenced).isNotEmpty();
    assertThat(referenced)
        .allSatisfy(name -> assertThat(exported).as("exported metrics").contains(name));
  }
}
