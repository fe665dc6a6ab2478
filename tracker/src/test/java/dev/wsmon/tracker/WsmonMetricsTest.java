package dev.wsmon.tracker;

import static dev.wsmon.tracker.Records.delta;
import static dev.wsmon.tracker.Records.histogram;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.ConnectionDelta;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("WsmonMetrics")
class WsmonMetricsTest {

  private static final String G1 = "ws://127.0.0.1:1/a";
  private static final String G2 = "ws://127.0.0.1:2/b";

  private static void feed(Records r) {
    r.connect("c-1", G1, 2.0);
    r.connect("c-2", G1, 4.0);
    r.attempt("c-3", G2);
    r.failed("c-3", G2);
    r.disconnected("c-1", G1, 4001, "bye");
    r.connect("c-1", G1, 3.0);
    r.disconnected("c-2", G1, 1006, null);
    r.traffic(
        delta("c-1", G1, 10, 8, histogram(100, 100, 2500), histogram(70)),
        delta("c-2", G1, 4, 4, histogram(900), null),
        delta("c-3", G2, 0, 0));
    r.traffic(
        new ConnectionDelta(
            "c-2", G1, 3, 0, 30, 0, 0, 0, 3, 0, null, null, null, null, null, null));
  }

  private static double count(MeterRegistry registry, String name, String group) {
    Meter meter = registry.find(name).tag("group", group).meter();
    assertThat(meter).as(name).isNotNull();
    assertThat(meter.getId().getDescription()).as(name + " description").isNotBlank();
    return meter.measure().iterator().next().getValue();
  }

  @Test
  @DisplayName("meters read back from a SimpleMeterRegistry equal the snapshot")
  void metersEqualSnapshot(Vertx vertx) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    StatsTrackerVerticle tracker =
        new StatsTrackerVerticle(new TrackerOptions().setLogStats(false), registry);
    vertx.deployVerticle(tracker).await();
    feed(new Records(vertx.eventBus()));
    StatsSnapshot snapshot = tracker.snapshot().await();

    for (String group : new String[] {G1, G2}) {
      JsonObject g = snapshot.group(group).orElseThrow();
      assertThat(count(registry, "wsmon.connection.attempts", group))
          .isEqualTo(g.getLong("connection_attempts").doubleValue());
      assertThat(count(registry, "wsmon.connection.successes", group))
          .isEqualTo(g.getLong("successful_connections").doubleValue());
      assertThat(count(registry, "wsmon.connection.failures", group))
          .isEqualTo(g.getLong("failed_connections").doubleValue());
      assertThat(count(registry, "wsmon.connection.disconnections", group))
          .isEqualTo(g.getLong("disconnections").doubleValue());
      assertThat(count(registry, "wsmon.connection.reconnections", group))
          .isEqualTo(g.getLong("reconnections").doubleValue());
      assertThat(count(registry, "wsmon.connections.active", group))
          .isEqualTo(g.getInteger("connected").doubleValue());
      assertThat(count(registry, "wsmon.messages.sent", group))
          .isEqualTo(g.getLong("messages_sent").doubleValue());
      assertThat(count(registry, "wsmon.messages.received", group))
          .isEqualTo(g.getLong("messages_received").doubleValue());
      assertThat(count(registry, "wsmon.bytes.sent", group))
          .isEqualTo(g.getLong("bytes_sent").doubleValue());
      assertThat(count(registry, "wsmon.bytes.received", group))
          .isEqualTo(g.getLong("bytes_received").doubleValue());
      assertThat(count(registry, "wsmon.send.failures", group))
          .isEqualTo(g.getLong("send_failures").doubleValue());
      assertThat(count(registry, "wsmon.request.timeouts", group))
          .isEqualTo(g.getLong("request_timeouts").doubleValue());
      assertThat(count(registry, "wsmon.requests.abandoned", group))
          .isEqualTo(g.getLong("requests_abandoned").doubleValue());
      assertThat(count(registry, "wsmon.protocol.errors", group))
          .isEqualTo(g.getLong("protocol_errors").doubleValue());
      Timer latency = registry.find("wsmon.connection.latency").tag("group", group).timer();
      assertThat(latency.count())
          .isEqualTo(g.getJsonObject("connection_latency_ms").getLong("count"));
      Timer rtt = registry.find("wsmon.rtt").tag("group", group).timer();
      assertThat(rtt.count()).isEqualTo(g.getJsonObject("rtt_ms").getLong("count"));
      Timer ping = registry.find("wsmon.ping.rtt").tag("group", group).timer();
      assertThat(ping.count()).isEqualTo(g.getJsonObject("ping_rtt_ms").getLong("count"));
    }
    assertThat(
            registry.find("wsmon.close.codes").tags("group", G1, "code", "4001").counter().count())
        .isEqualTo(1.0);
    assertThat(
            registry.find("wsmon.close.codes").tags("group", G1, "code", "1006").counter().count())
        .isEqualTo(1.0);
    Timer rtt = registry.find("wsmon.rtt").tag("group", G1).timer();
    assertThat(rtt.max(TimeUnit.MICROSECONDS)).isEqualTo(2500.0);
    assertThat(rtt.totalTime(TimeUnit.MICROSECONDS)).isEqualTo(100 + 100 + 2500 + 900.0);
    assertThat(registry.find("wsmon.messages.sent").counter().getId().getBaseUnit())
        .as("counts carry no base unit, so Prometheus names stay wsmon_messages_sent_total")
        .isNull();
    assertThat(registry.find("wsmon.bytes.sent").counter().getId().getBaseUnit())
        .isEqualTo("bytes");
    assertThat(registry.find("wsmon.connection.attempts").tag("connection", "c-1").meter())
        .isNull();
    assertThat(tracker.metrics().connectionTags()).isFalse();

    // a reset leaves the meters monotonic
    tracker.reset().await();
    assertThat(count(registry, "wsmon.connection.attempts", G1)).isEqualTo(3.0);
    assertThat(count(registry, "wsmon.connections.active", G1)).isEqualTo(1.0);
  }

  @Test
  @DisplayName("the connection tag appears only on opt-in")
  void connectionTags(Vertx vertx) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    vertx
        .deployVerticle(
            new StatsTrackerVerticle(
                new TrackerOptions().setLogStats(false).setPerConnectionMeterTags(true), registry))
        .await();
    Records r = new Records(vertx.eventBus());
    r.connect("c-1", G1, 1.0);
    r.connect("c-2", G1, 1.0);
    vertx.eventBus().request("wsmon.stats", new JsonObject()).await();
    assertThat(
            registry
                .find("wsmon.connection.attempts")
                .tags("group", G1, "connection", "c-2")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(
            registry
                .find("wsmon.connections.active")
                .tags("group", G1, "connection", "c-1")
                .gauge()
                .value())
        .isEqualTo(1.0);
  }

  @Test
  @DisplayName("is bound once, and refuses meters before it is bound")
  void binding() {
    WsmonMetrics metrics = new WsmonMetrics();
    assertThatThrownBy(() -> metrics.meters(G1, "c-1")).hasMessageContaining("bindTo");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    metrics.bindTo(registry);
    metrics.bindTo(registry);
    assertThat(metrics.meters(G1, "c-1")).isSameAs(metrics.meters(G1, "c-2"));
    assertThatThrownBy(() -> metrics.bindTo(new SimpleMeterRegistry()))
        .hasMessageContaining("CompositeMeterRegistry");
  }

  @Test
  @DisplayName("Vert.x's own metrics and wsmon's share one registry")
  void vertxAndWsmonInOneRegistry() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Vertx vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
            .withMetrics(new MicrometerMetricsFactory(registry))
            .build();
    try {
      vertx
          .deployVerticle(
              new StatsTrackerVerticle(new TrackerOptions().setLogStats(false), registry))
          .await();
      new Records(vertx.eventBus()).connect("c-1", G1, 1.0);
      vertx.eventBus().request("wsmon.stats", new JsonObject()).await();
      assertThat(registry.find("wsmon.connection.successes").counter().count()).isEqualTo(1.0);
      assertThat(registry.find("vertx.eventbus.published").meters()).isNotEmpty();
    } finally {
      vertx.close().await();
    }
  }
}
