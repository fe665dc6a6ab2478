package dev.wsmon.wrapper.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.EventType;
import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("monitor uptime figures in /stats, /metrics and the dashboard")
class MonitorUptimeTest {

  @Test
  @DisplayName("uptime ratios and the last outage per endpoint and in total; gauges per window")
  void uptime(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    MonitorEvents events = new MonitorEvents(vertx, MonitorFixture.NS);
    MonitorVerticle monitor =
        MonitorVerticle.deploy(vertx, MonitorFixture.options(server, 2)).await();
    events.await(e -> e.count(EventType.CONNECTED) == 2);
    // the status board, which the uptime keys read, sees the events on its own consumer
    MonitorFixture.awaitBoard(monitor, events.of(EventType.CONNECTED));
    WebClient client = MonitorFixture.client(vertx, monitor);

    JsonObject stats = client.get("/stats").send().await().bodyAsJsonObject();
    JsonObject total = stats.getJsonObject("total");
    assertThat(total.getDouble("uptime_ratio")).isBetween(0.0, 1.0);
    assertThat(total.getValue("last_outage")).isNull();

    Instant before = Instant.now();
    server.stopListening().await();
    events.await(e -> e.count(EventType.FAILED) >= 2);
    server.startListening().await();
    events.await(e -> e.count(EventType.CONNECTED) == 4);

    MonitorFixture.awaitBoard(monitor, events.of(EventType.CONNECTED).subList(2, 4));
    stats = client.get("/stats").send().await().bodyAsJsonObject();
    String group = stats.getJsonObject("groups").fieldNames().iterator().next();
    JsonObject g = stats.getJsonObject("groups").getJsonObject(group);
    assertThat(g.getDouble("uptime_ratio")).isBetween(0.0, 0.9999);
    assertThat(g.getDouble("uptime_ratio_1h"))
        .isEqualTo(g.getDouble("uptime_ratio"), org.assertj.core.api.Assertions.within(0.01));
    assertThat(g.getDouble("uptime_ratio_24h"))
        .isEqualTo(g.getDouble("uptime_ratio"), org.assertj.core.api.Assertions.within(0.01));
    JsonObject outage = g.getJsonObject("last_outage");
    assertThat(Instant.parse(outage.getString("started_at"))).isAfterOrEqualTo(before);
    assertThat(outage.getString("ended_at")).isNotNull();
    assertThat(outage.getDouble("duration_seconds")).isPositive();
    assertThat(outage.getString("reason")).startsWith("c-");
    assertThat(stats.getJsonObject("total").getJsonObject("last_outage")).isNotNull();

    JsonObject one =
        client
            .get("/stats?group=" + URLEncoder.encode(group, StandardCharsets.UTF_8))
            .send()
            .await()
            .bodyAsJsonObject();
    assertThat(one.containsKey("uptime_ratio_1h")).isTrue();

    String metrics = client.get("/metrics").send().await().bodyAsString();
    assertThat(metrics)
        .containsPattern("wsmon_endpoint_uptime_ratio\\{[^}]*window=\"1h\"[^}]*\\} 0\\.\\d+")
        .containsPattern("wsmon_endpoint_uptime_ratio\\{[^}]*window=\"24h\"")
        .containsPattern("wsmon_endpoint_uptime_ratio\\{[^}]*window=\"all\"")
        .containsPattern("wsmon_endpoint_up\\{[^}]*\\} 1\\.0");
    assertThat(client.get("/").send().await().bodyAsString()).contains("Uptime");
    client.close();
  }
}
