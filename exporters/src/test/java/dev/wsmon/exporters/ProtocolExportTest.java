package dev.wsmon.exporters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.core.FeedDelta;
import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.core.ProtocolDelta;
import dev.wsmon.core.TrafficBatch;
import dev.wsmon.core.WsmonCodecs;
import dev.wsmon.tracker.StatsTrackerVerticle;
import dev.wsmon.tracker.TrackerOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("the protocol block in JSON, CSV and HTML exports of real tracker output")
class ProtocolExportTest {

  private static final String NS = "proto";
  private static final String G = "ws://127.0.0.1:9001/stomp";

  @Test
  @DisplayName("documented keys and columns; the HTML report has a protocol section with channels")
  void exports(Vertx vertx) {
    WsmonCodecs.register(vertx);
    vertx
        .deployVerticle(
            new StatsTrackerVerticle(new TrackerOptions().setNamespace(NS).setLogStats(false)))
        .await();
    Histogram handshake = LatencyHistograms.create();
    LatencyHistograms.record(handshake, 1500);
    ProtocolDelta p =
        new ProtocolDelta(
            "stomp",
            handshake,
            2,
            3,
            Map.of("ERROR: nope", 1L),
            Map.of("/topic/x", new long[] {4, 40}, "/topic/y", new long[] {1, 10}),
            Map.of("/topic/x", new FeedDelta(2, 3, 1, 0, 0, 0, 0, null, handshake, 0.0, null)));
    vertx.runOnContext(
        v -> {
          vertx
              .eventBus()
              .publish(
                  NS + ".events",
                  new ConnectionEvent(
                      "c-1",
                      G,
                      EventType.CONNECTED,
                      Instant.now(),
                      0,
                      2.0,
                      null,
                      null,
                      ConnectionState.CONNECTED));
          vertx
              .eventBus()
              .publish(
                  NS + ".traffic",
                  new TrafficBatch(
                      "t",
                      Instant.now(),
                      List.of(
                          new ConnectionDelta(
                              "c-1", G, 4, 4, 40, 40, 0, 0, 0, 0, null, null, null, null, null, p,
                              0))));
        });
    JsonObject snapshot = null;
    for (int i = 0;
        i < 200 && (snapshot == null || !snapshot.getJsonObject("total").containsKey("protocol"));
        i++) {
      snapshot =
          vertx.eventBus().<JsonObject>request(NS + ".stats", new JsonObject()).await().body();
      if (!snapshot.getJsonObject("total").containsKey("protocol")) {
        vertx.timer(20).await();
      }
    }
    assertThat(new DocumentedKeys().check(snapshot)).contains("protocol");
    JsonObject total = snapshot.getJsonObject("total").getJsonObject("protocol");
    assertThat(total.getJsonObject("handshake_latency_ms").getLong("count")).isEqualTo(1);
    assertThat(total.getJsonObject("error_reasons").getLong("ERROR: nope")).isEqualTo(1);

    String csv = Exporters.csv(snapshot);
    assertThat(csv.lines().findFirst().orElseThrow())
        .contains(
            "protocol_name",
            "protocol_handshake_latency_ms_p99",
            "protocol_channels_/topic/x_messages_received",
            "protocol_channels_/topic/x_feed_gaps",
            "protocol_channels_/topic/x_feed_e2e_latency_ms_p99");
    assertThat(
            total
                .getJsonObject("channels")
                .getJsonObject("/topic/x")
                .getJsonObject("feed")
                .getLong("missing"))
        .isEqualTo(3);
    assertThat(total.getJsonObject("channels").getJsonObject("/topic/y").containsKey("feed"))
        .isFalse();
    CsvExportTest.assertDocumentedColumnsOnly(snapshot);

    String html = Exporters.html(snapshot, new JsonArray());
    assertThat(html).contains("<section id=\"protocol\">", "<code>/topic/x</code>", "ERROR: nope");
    assertThat(html)
        .contains("<th class=\"n\">Gaps</th>", "<th class=\"n\">E2E p99</th>")
        .contains("<td class=\"n\">1.5 ms</td>");
  }
}
