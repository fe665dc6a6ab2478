package dev.wsmon.exporters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ConnectionVerticle;
import dev.wsmon.core.ConnectionVerticleOptions;
import dev.wsmon.core.WsmonCodecs;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.tracker.StatsTrackerVerticle;
import dev.wsmon.tracker.TrackerOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain over real sockets: testkit echo server, {@link ConnectionVerticle}, {@link
 * StatsTrackerVerticle} with a Prometheus registry, and the {@link ExportVerticle}.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("Exports of a run over real connections")
class RealConnectionsExportTest {

  private static final String NS = "live";

  @TempDir Path exportDir;

  @Test
  @DisplayName("JSON keys as documented, CSV rows, Prometheus samples equal to the snapshot")
  void wholeChain(Vertx vertx) throws Exception {
    WsmonCodecs.register(vertx);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    EchoServer server = EchoServer.deploy(vertx).await();
    vertx
        .deployVerticle(
            new StatsTrackerVerticle(
                new TrackerOptions().setNamespace(NS).setLogStats(false), registry))
        .await();
    vertx
        .deployVerticle(
            new ExportVerticle(
                new ExportOptions()
                    .setNamespace(NS)
                    .setExportDirectory(exportDir.toString())
                    .setPrometheusRegistry(registry)))
        .await();
    ConnectionVerticle connections =
        new ConnectionVerticle(
            new ConnectionVerticleOptions()
                .setNamespace(NS)
                .setFlushInterval(Duration.ofMillis(50))
                .addEndpoint(new ConnectionOptions(server.uri("/echo")).setConnections(2)));
    vertx.deployVerticle(connections).await();
    JsonObject connected = settled(vertx, s -> total(s).getLong("connected") == 2);
    assertThat(connected.getJsonArray("connections")).hasSize(2);

    List<Future<Void>> sends = new ArrayList<>();
    for (Connection c : connections.connections()) {
      for (int i = 0; i < 20; i++) {
        sends.add(c.sendText("hello, \"world\" " + i));
      }
    }
    Future.all(sends).await();
    JsonObject snapshot = settled(vertx, s -> total(s).getLong("messages_received") == 40);

    assertThat(new DocumentedKeys().check(snapshot)).isEmpty();
    assertThat(total(snapshot).getLong("messages_sent")).isEqualTo(40);
    String csv = (String) ExportVerticleTest.export(vertx, NS, format("csv")).await();
    List<Map<String, String>> rows = CsvExportTest.parse(csv);
    assertThat(rows)
        .extracting(r -> r.get("scope"))
        .containsExactly("total", "group", "connection", "connection");
    assertThat(rows.get(0).get("messages_received")).isEqualTo("40");
    String text = (String) ExportVerticleTest.export(vertx, NS, format("prometheus")).await();
    assertThat(TrackerExportTest.assertSamplesMatch(snapshot, text)).isGreaterThanOrEqualTo(16);
  }

  private static JsonObject format(String format) {
    return new JsonObject().put("format", format);
  }

  private static JsonObject total(JsonObject snapshot) {
    return snapshot.getJsonObject("total");
  }

  private static JsonObject settled(
      Vertx vertx, java.util.function.Predicate<JsonObject> condition) {
    for (int i = 0; i < 400; i++) {
      JsonObject snapshot =
          new JsonObject((String) ExportVerticleTest.export(vertx, NS, format("json")).await());
      if (condition.test(snapshot)) {
        return snapshot;
      }
      vertx.timer(25).await();
    }
    throw new AssertionError("the run never reached the expected state");
  }
}
