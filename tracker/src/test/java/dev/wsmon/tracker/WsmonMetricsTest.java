package dev.wsmon.tracker;

import static dev.wsmon.tracker.Records.delta;
import static dev.wsmon.tracker.Records.histogram;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.FeedDelta;
import dev.wsmon.core.ProtocolDelta;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
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
    r.attempt("c-3", G2);
    r.closed("c-3", G2);
    r.disconnected("c-1", G1, 4001, "bye");
    r.connect("c-1", G1, 3.0);
    r.disconnected("c-2", G1, 1006, null);
    r.traffic(
        delta("c-1", G1, 10, 8, histogram(100, 100, 2500), histogram(70)),
        delta("c-2", G1, 4, 4, histogram(900), null),
        delta("c-3", G2, 0, 0));
    r.traffic(
        new ConnectionDelta(
            "c-2", G1, 3, 0, 30, 0, 0, 0, 3, 0, null, null, null, null, null, null, 0));
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
      assertThat(count(registry, "wsmon.connection.attempts.abandoned", group))
          .isEqualTo(g.getLong("attempts_abandoned").doubleValue());
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

    assertThat(snapshot.group(G2).orElseThrow().getLong("attempts_abandoned")).isEqualTo(1);
    // a reset leaves the meters monotonic
    tracker.reset().await();
    assertThat(count(registry, "wsmon.connection.attempts", G1)).isEqualTo(3.0);
    assertThat(count(registry, "wsmon.connections.active", G1)).isEqualTo(1.0);
  }

  private static ConnectionDelta protocolDelta(
      String id, String group, Map<String, long[]> channels, Map<String, FeedDelta> feeds) {
    return new ConnectionDelta(
        id,
        group,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        null,
        null,
        null,
        null,
        null,
        new ProtocolDelta("socketio", null, 0, 0, Map.of(), channels, feeds),
        0);
  }

  private static FeedDelta channelFeed(
      long gaps, long missing, long dups, long late, long filled, Histogram e2e) {
    return new FeedDelta(gaps, missing, dups, late, 0, 0, filled, null, e2e, 1.0, null);
  }

  private static double channelCount(
      MeterRegistry registry, String name, String group, String channel) {
    Meter meter = registry.find(name).tags("group", group, "channel", channel).meter();
    assertThat(meter).as(name + " " + group + " " + channel).isNotNull();
    assertThat(meter.getId().getDescription()).as(name + " description").isNotBlank();
    return meter.measure().iterator().next().getValue();
  }

  @Test
  @DisplayName(
      "protocol channel meters equal the snapshot's protocol.channels, feed blocks included")
  void channelMetersEqualSnapshot(Vertx vertx) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    StatsTrackerVerticle tracker =
        new StatsTrackerVerticle(new TrackerOptions().setLogStats(false), registry);
    vertx.deployVerticle(tracker).await();
    Records r = new Records(vertx.eventBus());
    r.traffic(
        protocolDelta(
            "c-1",
            G1,
            Map.of("news", new long[] {3, 30}, "prices", new long[] {2, 25}),
            Map.of("news", channelFeed(1, 2, 1, 0, 0, histogram(1000, 2000)))),
        protocolDelta(
            "c-2",
            G1,
            Map.of("news", new long[] {4, 40}),
            Map.of("news", channelFeed(2, 3, 0, 1, 0, histogram(3000)))),
        protocolDelta("c-3", G2, Map.of("news", new long[] {1, 10}), Map.of()));
    r.traffic(protocolDelta("c-1", G1, Map.of("prices", new long[] {1, 5}), Map.of()));
    StatsSnapshot snapshot = tracker.snapshot().await();

    int channelsChecked = 0;
    int feedsChecked = 0;
    for (String group : new String[] {G1, G2}) {
      JsonObject channels =
          snapshot.group(group).orElseThrow().getJsonObject("protocol").getJsonObject("channels");
      for (String channel : channels.fieldNames()) {
        JsonObject c = channels.getJsonObject(channel);
        assertThat(
                channelCount(registry, "wsmon.protocol.channel.messages.received", group, channel))
            .isEqualTo(c.getLong("messages_received").doubleValue());
        assertThat(channelCount(registry, "wsmon.protocol.channel.bytes.received", group, channel))
            .isEqualTo(c.getLong("bytes_received").doubleValue());
        channelsChecked++;
        JsonObject feed = c.getJsonObject("feed");
        if (feed == null) {
          assertThat(
                  registry
                      .find("wsmon.protocol.channel.feed.gaps")
                      .tags("group", group, "channel", channel)
                      .meter())
              .as("no feed meters for a channel without feed data")
              .isNull();
          continue;
        }
        for (String key : new String[] {"gaps", "missing", "duplicates", "out_of_order"}) {
          assertThat(channelCount(registry, "wsmon.protocol.channel.feed." + key, group, channel))
              .as(key)
              .isEqualTo(feed.getLong(key).doubleValue());
        }
        Timer e2e =
            registry
                .find("wsmon.protocol.channel.feed.e2e.latency")
                .tags("group", group, "channel", channel)
                .timer();
        assertThat(e2e.count()).isEqualTo(feed.getJsonObject("e2e_latency_ms").getLong("count"));
        assertThat(e2e.max(TimeUnit.MICROSECONDS)).isEqualTo(3000.0);
        assertThat(e2e.totalTime(TimeUnit.MICROSECONDS)).isEqualTo(1000 + 2000 + 3000.0);
        feedsChecked++;
      }
    }
    assertThat(channelsChecked).isEqualTo(3);
    assertThat(feedsChecked).isEqualTo(1);
    assertThat(channelCount(registry, "wsmon.protocol.channel.messages.received", G1, "news"))
        .isEqualTo(7.0);
    assertThat(channelCount(registry, "wsmon.protocol.channel.feed.gaps", G1, "news"))
        .isEqualTo(3.0);
    assertThat(
            registry
                .find("wsmon.protocol.channel.messages.received")
                .counter()
                .getId()
                .getBaseUnit())
        .isNull();
    assertThat(
            registry.find("wsmon.protocol.channel.bytes.received").counter().getId().getBaseUnit())
        .isEqualTo("bytes");

    // like wsmon.feed.*: a gap filled late lowers the snapshot, never the monotonic counters
    r.traffic(
        protocolDelta(
            "c-2",
            G1,
            Map.of("news", new long[] {1, 10}),
            Map.of("news", channelFeed(0, -1, 0, 1, 1, null))));
    JsonObject news =
        tracker
            .snapshot()
            .await()
            .group(G1)
            .orElseThrow()
            .getJsonObject("protocol")
            .getJsonObject("channels")
            .getJsonObject("news")
            .getJsonObject("feed");
    assertThat(news.getLong("gaps")).isEqualTo(2);
    assertThat(news.getLong("missing")).isEqualTo(4);
    assertThat(channelCount(registry, "wsmon.protocol.channel.feed.gaps", G1, "news"))
        .isEqualTo(3.0);
    assertThat(channelCount(registry, "wsmon.protocol.channel.feed.missing", G1, "news"))
        .isEqualTo(5.0);
    assertThat(channelCount(registry, "wsmon.protocol.channel.feed.out_of_order", G1, "news"))
        .isEqualTo(2.0);
  }

  @Test
  @DisplayName("channel meters carry the connection tag on opt-in and stop at MAX_CHANNELS")
  void channelMetersBounded(Vertx vertx) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    vertx
        .deployVerticle(
            new StatsTrackerVerticle(
                new TrackerOptions().setLogStats(false).setPerConnectionMeterTags(true), registry))
        .await();
    Map<String, long[]> channels = new java.util.LinkedHashMap<>();
    for (int i = 0; i <= WsmonMetrics.MAX_CHANNELS + 2; i++) {
      channels.put(String.format("ch-%03d", i), new long[] {1, 10});
    }
    new Records(vertx.eventBus()).traffic(protocolDelta("c-1", G1, channels, Map.of()));
    vertx.eventBus().request("wsmon.stats", new JsonObject()).await();
    assertThat(
            registry
                .find("wsmon.protocol.channel.messages.received")
                .tags("group", G1, "connection", "c-1")
                .counters())
        .hasSize(WsmonMetrics.MAX_CHANNELS + 1);
    assertThat(
            registry
                .find("wsmon.protocol.channel.messages.received")
                .tags("group", G1, "connection", "c-1", "channel", WsmonMetrics.OTHER_CHANNEL)
                .counter()
                .count())
        .isEqualTo(3.0);
    assertThat(
            registry
                .find("wsmon.protocol.channel.bytes.received")
                .tags("group", G1, "connection", "c-1", "channel", "ch-000")
                .counter()
                .count())
        .isEqualTo(10.0);
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
