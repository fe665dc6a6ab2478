package dev.wsmon.tracker;

import static dev.wsmon.tracker.Records.delta;
import static dev.wsmon.tracker.Records.histogram;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.EventType;
import dev.wsmon.core.LatencyHistograms;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("StatsTrackerVerticle fed with published records")
class StatsTrackerVerticleTest {

  private static final String G1 = "ws://127.0.0.1:1/a";
  private static final String G2 = "ws://127.0.0.1:2/b";

  private Vertx vertx;
  private Records records;
  private StatsTrackerVerticle tracker;

  @BeforeEach
  void deploy(Vertx vertx) {
    this.vertx = vertx;
    records = new Records(vertx.eventBus());
    tracker = new StatsTrackerVerticle(new TrackerOptions().setLogStats(false));
    vertx.deployVerticle(tracker).await();
  }

  private JsonObject query(String address, Object body) {
    Message<JsonObject> reply = vertx.eventBus().<JsonObject>request(address, body).await();
    return reply.body();
  }

  private JsonObject snapshot() {
    return query("wsmon.stats", new JsonObject());
  }

  private ReplyException failure(String address, Object body) {
    try {
      vertx.eventBus().request(address, body).await();
    } catch (ReplyException e) {
      return e;
    }
    throw new AssertionError("expected a failure from " + address + " for " + body);
  }

  private void pause(long millis) {
    vertx.timer(millis).await();
  }

  @Test
  @DisplayName("counts attempts, outcomes, traffic and close codes, and groups add up to the total")
  void countersAndGroups() {
    records.connect("c-1", G1, 2.5);
    records.connect("c-2", G1, 3.5);
    records.attempt("c-3", G2);
    records.failed("c-3", G2);
    records.connect("c-3", G2, 1.25);
    records.traffic(
        delta("c-1", G1, 10, 9, histogram(100, 200, 300), histogram(50)),
        delta("c-2", G1, 5, 5),
        delta("c-3", G2, 1, 0, histogram(1000), null));
    records.disconnected("c-1", G1, 4001, "bye");
    records.disconnected("c-3", G2, 1006, null);

    JsonObject snap = snapshot();
    JsonObject total = snap.getJsonObject("total");
    assertThat(total.getInteger("connections")).isEqualTo(3);
    assertThat(total.getInteger("connected")).isEqualTo(1);
    assertThat(total.getBoolean("is_connected")).isFalse();
    assertThat(total.getLong("connection_attempts")).isEqualTo(4);
    assertThat(total.getLong("successful_connections")).isEqualTo(3);
    assertThat(total.getLong("failed_connections")).isEqualTo(1);
    assertThat(total.getDouble("success_rate")).isEqualTo(75.0);
    assertThat(total.getLong("disconnections")).isEqualTo(2);
    assertThat(total.getLong("messages_sent")).isEqualTo(16);
    assertThat(total.getLong("messages_received")).isEqualTo(14);
    assertThat(total.getLong("bytes_sent")).isEqualTo(160);
    assertThat(total.getLong("send_failures")).isEqualTo(2);
    assertThat(total.getLong("request_timeouts")).isEqualTo(4);
    assertThat(total.getLong("protocol_errors")).isEqualTo(6);
    assertThat(total.getJsonObject("close_codes"))
        .isEqualTo(new JsonObject().put("1006", 1L).put("4001", 1L));
    assertThat(total.getInteger("last_close_code")).isEqualTo(1006);
    assertThat(total.getDouble("avg_connection_latency_ms")).isEqualTo(2.417);
    assertThat(total.getJsonObject("rtt_ms").getLong("count")).isEqualTo(4);
    assertThat(total.getJsonObject("rtt_ms").getDouble("max")).isEqualTo(1.0);
    assertThat(total.getJsonObject("ping_rtt_ms").getDouble("p50")).isEqualTo(0.05);

    JsonObject g1 = snap.getJsonObject("groups").getJsonObject(G1);
    JsonObject g2 = snap.getJsonObject("groups").getJsonObject(G2);
    for (String key :
        List.of(
            "connections",
            "connected",
            "connection_attempts",
            "successful_connections",
            "failed_connections",
            "disconnections",
            "messages_sent",
            "messages_received",
            "bytes_sent",
            "bytes_received")) {
      assertThat(g1.getLong(key) + g2.getLong(key)).as(key).isEqualTo(total.getLong(key));
    }
    assertThat(g1.getJsonObject("close_codes")).isEqualTo(new JsonObject().put("4001", 1L));
    assertThat(g1.getJsonObject("rtt_ms").getLong("count")).isEqualTo(3);

    JsonArray conns = snap.getJsonArray("connections");
    assertThat(conns).hasSize(3);
    JsonObject c1 = conns.getJsonObject(0);
    assertThat(c1.getString("connection_id")).isEqualTo("c-1");
    assertThat(c1.getString("group")).isEqualTo(G1);
    assertThat(c1.getString("state")).isEqualTo("RECONNECTING");
    assertThat(c1.getBoolean("is_connected")).isFalse();
    assertThat(c1.getDouble("last_connection_latency_ms")).isEqualTo(2.5);
    // percentiles are HdrHistogram's: the highest value equivalent to the bucket (2500 µs -> 2501)
    assertThat(c1.getJsonObject("connection_latency_ms").getDouble("p50")).isEqualTo(2.501);
    assertThat(c1.getString("last_close_reason")).isEqualTo("bye");
    assertThat(c1.getValue("time_since_last_disconnection_seconds")).isNotNull();
    JsonObject c2 = conns.getJsonObject(1);
    assertThat(c2.getValue("time_since_last_disconnection_seconds")).isNull();
    assertThat(c2.getString("state")).isEqualTo("CONNECTED");
    assertThat(c2.getJsonObject("rtt_ms"))
        .isEqualTo(
            new JsonObject()
                .put("count", 0L)
                .putNull("min")
                .putNull("mean")
                .putNull("p50")
                .putNull("p90")
                .putNull("p99")
                .putNull("p999")
                .putNull("max"));
    assertThat(snap.getJsonArray("events")).hasSize(10);
    assertThat(snap.getString("generated_at")).endsWith("Z");
  }

  @Test
  @DisplayName("every contract key is present, null where no value exists yet")
  void contractKeys() {
    records.attempt("c-1", G1);
    JsonObject c = snapshot().getJsonArray("connections").getJsonObject(0);
    assertThat(c.fieldNames())
        .contains(
            "connection_id",
            "group",
            "connection_attempts",
            "successful_connections",
            "failed_connections",
            "disconnections",
            "reconnections",
            "success_rate",
            "avg_connection_latency_ms",
            "last_connection_latency_ms",
            "connection_latency_ms",
            "total_uptime_seconds",
            "current_uptime_seconds",
            "time_since_last_disconnection_seconds",
            "messages_sent",
            "messages_received",
            "bytes_sent",
            "bytes_received",
            "send_failures",
            "request_timeouts",
            "protocol_errors",
            "avg_messages_sent_per_second",
            "avg_messages_received_per_second",
            "avg_bytes_sent_per_second",
            "avg_bytes_received_per_second",
            "current_messages_sent_per_second",
            "current_messages_received_per_second",
            "current_bytes_sent_per_second",
            "current_bytes_received_per_second",
            "rtt_ms",
            "ping_rtt_ms",
            "close_codes",
            "last_close_code",
            "last_close_reason",
            "is_connected",
            "state",
            "health_score",
            "health");
    assertThat(c.getValue("success_rate")).isNull();
    assertThat(c.getValue("avg_connection_latency_ms")).isNull();
    assertThat(c.getValue("last_connection_latency_ms")).isNull();
    assertThat(c.getValue("current_messages_sent_per_second")).isNull();
    assertThat(c.getValue("last_close_code")).isNull();
    assertThat(c.getJsonObject("close_codes")).isEmpty();
    assertThat(c.getDouble("health_score")).isEqualTo(75.0);
    assertThat(c.getString("health")).isEqualTo("Good");
  }

  @Test
  @DisplayName("reconnections: a success of a connection that had succeeded before")
  void reconnections() {
    records.connect("c-1", G1, 1.0);
    for (int i = 0; i < 3; i++) {
      records.disconnected("c-1", G1, 4001, "bye");
      records.connect("c-1", G1, 1.0);
    }
    records.connect("c-2", G1, 1.0);
    JsonObject total = snapshot().getJsonObject("total");
    assertThat(total.getLong("reconnections")).isEqualTo(3);
    assertThat(total.getLong("disconnections")).isEqualTo(3);
    assertThat(total.getJsonObject("close_codes")).isEqualTo(new JsonObject().put("4001", 3L));
    assertThat(total.getBoolean("is_connected")).isTrue();
  }

  @Test
  @DisplayName("our own CLOSED adds no disconnection and no close code")
  void ownCloseIsNoDisconnection() {
    records.connect("c-1", G1, 1.0);
    records.closed("c-1", G1);
    JsonObject c = query("wsmon.stats", new JsonObject().put("connection_id", "c-1"));
    assertThat(c.getLong("disconnections")).isZero();
    assertThat(c.getJsonObject("close_codes")).isEmpty();
    assertThat(c.getValue("time_since_last_disconnection_seconds")).isNull();
    assertThat(c.getBoolean("is_connected")).isFalse();
    assertThat(c.getString("state")).isEqualTo("CLOSED");
  }

  @Test
  @DisplayName("success rate does not dip for attempts in flight during a 200-connection ramp")
  void successRateDuringRamp() {
    for (int i = 1; i <= 200; i++) {
      records.attempt("c-" + i, G1);
      if (i % 2 == 0) {
        records.connected("c-" + (i - 1), G1, 1.0);
        records.connected("c-" + i, G1, 1.0);
      }
      if (i % 50 == 1 && i > 1) {
        JsonObject total = snapshot().getJsonObject("total");
        assertThat(total.getDouble("success_rate")).isEqualTo(100.0);
        assertThat(total.getLong("connection_attempts")).isEqualTo(i);
      }
    }
    JsonObject total = snapshot().getJsonObject("total");
    assertThat(total.getDouble("success_rate")).isEqualTo(100.0);
    assertThat(total.getInteger("connected")).isEqualTo(200);
    records.attempt("c-201", G1);
    records.failed("c-201", G1);
    assertThat(snapshot().getJsonObject("total").getDouble("success_rate"))
        .isEqualTo(Math.round(200 * 100_000.0 / 201) / 1000.0);
  }

  @Test
  @DisplayName("uptime grows while connected, stops while down, and the total is the sum")
  void uptime() {
    records.connect("c-1", G1, 1.0);
    records.connect("c-2", G2, 1.0);
    JsonObject first = snapshot();
    pause(150);
    JsonObject second = snapshot();
    assertThat(uptime(second, 0)).isGreaterThan(uptime(first, 0));
    assertThat(second.getJsonObject("total").getDouble("current_uptime_seconds"))
        .isGreaterThanOrEqualTo(0.15);
    records.disconnected("c-1", G1, 1006, null);
    JsonObject down = snapshot();
    pause(150);
    JsonObject later = snapshot();
    assertThat(uptime(later, 0)).isEqualTo(uptime(down, 0));
    assertThat(uptime(later, 1)).isGreaterThanOrEqualTo(uptime(down, 1) + 0.15);
    assertThat(
            later.getJsonArray("connections").getJsonObject(0).getDouble("current_uptime_seconds"))
        .isZero();
    JsonObject total = later.getJsonObject("total");
    assertThat(total.getDouble("current_uptime_seconds")).isZero();
    assertThat(total.getDouble("total_uptime_seconds"))
        .isCloseTo(uptime(later, 0) + uptime(later, 1), within(0.002));
    assertThat(total.getDouble("time_since_last_disconnection_seconds"))
        .isGreaterThanOrEqualTo(0.15);
  }

  private static double uptime(JsonObject snapshot, int connection) {
    return snapshot
        .getJsonArray("connections")
        .getJsonObject(connection)
        .getDouble("total_uptime_seconds");
  }

  @Test
  @DisplayName("merged total percentiles equal those of one histogram fed all values")
  void exactMergedPercentiles() {
    Random random = new Random(42);
    Histogram all = LatencyHistograms.create();
    for (int c = 1; c <= 20; c++) {
      Histogram rtt = LatencyHistograms.create();
      int n = 1 + random.nextInt(50);
      for (int i = 0; i < n; i++) {
        long micros = 50 + (long) Math.abs(random.nextGaussian() * 20_000 * c);
        LatencyHistograms.record(rtt, micros);
        LatencyHistograms.record(all, micros);
      }
      records.traffic(delta("c-" + c, c % 2 == 0 ? G1 : G2, n, n, rtt, null));
    }
    JsonObject rtt = snapshot().getJsonObject("total").getJsonObject("rtt_ms");
    assertThat(rtt.getLong("count")).isEqualTo(all.getTotalCount());
    assertThat(rtt.getDouble("min")).isEqualTo(LatencyHistograms.toMillis(all.getMinValue()));
    assertThat(rtt.getDouble("max")).isEqualTo(LatencyHistograms.toMillis(all.getMaxValue()));
    assertThat(rtt.getDouble("mean")).isEqualTo(LatencyHistograms.toMillis(all.getMean()));
    assertThat(rtt.getDouble("p50"))
        .isEqualTo(LatencyHistograms.toMillis(all.getValueAtPercentile(50)));
    assertThat(rtt.getDouble("p90"))
        .isEqualTo(LatencyHistograms.toMillis(all.getValueAtPercentile(90)));
    assertThat(rtt.getDouble("p99"))
        .isEqualTo(LatencyHistograms.toMillis(all.getValueAtPercentile(99)));
    assertThat(rtt.getDouble("p999"))
        .isEqualTo(LatencyHistograms.toMillis(all.getValueAtPercentile(99.9)));
  }

  @Test
  @DisplayName("reset clears counters, history and series but keeps live connections")
  void resetKeepsLiveConnections() {
    records.connect("c-1", G1, 1.0);
    records.connect("c-2", G1, 1.0);
    records.disconnected("c-2", G1, 4001, "bye");
    records.traffic(delta("c-1", G1, 5, 5, histogram(100), null));
    JsonObject before = snapshot();
    long beforeNanos = System.nanoTime();
    pause(20);
    assertThat(query("wsmon.stats.reset", new JsonObject()))
        .isEqualTo(new JsonObject().put("reset", true));
    JsonObject after = snapshot();
    double sinceBefore = (System.nanoTime() - beforeNanos) / 1e9;
    JsonObject total = after.getJsonObject("total");
    assertThat(total.getLong("connection_attempts")).isZero();
    assertThat(total.getLong("disconnections")).isZero();
    assertThat(total.getLong("messages_sent")).isZero();
    assertThat(total.getJsonObject("close_codes")).isEmpty();
    assertThat(total.getJsonObject("rtt_ms").getLong("count")).isZero();
    assertThat(total.getValue("success_rate")).isNull();
    assertThat(total.getValue("time_since_last_disconnection_seconds")).isNull();
    assertThat(total.getInteger("connections")).isEqualTo(2);
    assertThat(total.getInteger("connected")).isEqualTo(1);
    assertThat(after.getJsonArray("events")).isEmpty();
    assertThat(after.getString("started_at")).isGreaterThan(before.getString("started_at"));
    JsonObject c1 = after.getJsonArray("connections").getJsonObject(0);
    assertThat(c1.getBoolean("is_connected")).isTrue();
    assertThat(c1.getString("state")).isEqualTo("CONNECTED");
    assertThat(c1.getDouble("total_uptime_seconds"))
        .isLessThanOrEqualTo(uptime(before, 0) + sinceBefore + 0.001);
    // a reconnection after the reset still counts as one: the connection had succeeded before
    records.disconnected("c-1", G1, 1006, null);
    records.connect("c-1", G1, 1.0);
    assertThat(snapshot().getJsonObject("total").getLong("reconnections")).isEqualTo(1);
    long sinceResetSeconds = (long) ((System.nanoTime() - beforeNanos) / 1e9);
    assertThat(query("wsmon.series", new JsonObject()).getJsonArray("points").size())
        .isLessThanOrEqualTo(1 + (int) sinceResetSeconds);
  }

  @Test
  @DisplayName("queries by connection and group, and the Java methods, answer the same")
  void queriesAndJavaApi() {
    records.connect("c-1", G1, 1.0);
    records.traffic(delta("c-1", G1, 3, 2));
    JsonObject conn = query("wsmon.stats", new JsonObject().put("connection_id", "c-1"));
    assertThat(conn.getLong("messages_sent")).isEqualTo(3);
    JsonObject group = query("wsmon.stats", new JsonObject().put("group", G1));
    assertThat(group.getInteger("connections")).isEqualTo(1);
    assertThat(query("wsmon.stats", null).getJsonObject("total").getLong("messages_sent"))
        .isEqualTo(3);

    JsonObject totals = query("wsmon.stats", new JsonObject().put("scope", "total"));
    assertThat(totals.fieldNames())
        .containsExactlyInAnyOrder("generated_at", "started_at", "elapsed_seconds", "total");
    assertThat(totals.getJsonObject("total").fieldNames())
        .isEqualTo(query("wsmon.stats", null).getJsonObject("total").fieldNames());
    assertThat(totals.getJsonObject("total").getLong("messages_sent")).isEqualTo(3);
    assertThat(totals.getJsonObject("total").getInteger("connections")).isEqualTo(1);
    assertThat(tracker.totals().await().getJsonObject("total").getLong("messages_sent"))
        .isEqualTo(3);

    StatsSnapshot snap = tracker.snapshot().await();
    assertThat(snap.total().getLong("messages_sent")).isEqualTo(3);
    assertThat(snap.connection("c-1"))
        .get()
        .extracting(j -> j.getLong("messages_sent"))
        .isEqualTo(3L);
    assertThat(snap.connection("c-9")).isEmpty();
    assertThat(snap.groups()).containsOnlyKeys(G1);
    assertThat(snap.group(G1)).isPresent();
    assertThat(snap.connections()).hasSize(1);
    assertThat(snap.events()).hasSize(2);
    assertThat(snap.generatedAt()).isAfterOrEqualTo(snap.startedAt());
    assertThat(snap.elapsedSeconds()).isGreaterThanOrEqualTo(0);
    assertThat(StatsSnapshot.fromJson(snap.toJson()).toJson()).isEqualTo(snap.toJson());
    assertThat(snap.toString()).contains("connections=1");

    List<ConnectionEvent> history = tracker.history(1).await();
    assertThat(history).extracting(ConnectionEvent::type).containsExactly(EventType.CONNECTED);
    assertThat(tracker.history(10, "c-1").await()).hasSize(2);
    assertThat(tracker.series().await()).isNotNull();
    tracker.reset().await();
    assertThat(tracker.snapshot().await().total().getLong("messages_sent")).isZero();
    assertThat(tracker.options().getNamespace()).isEqualTo("wsmon");
    assertThat(tracker.metrics()).isNull();
  }

  @Test
  @DisplayName("bad query bodies get clear failures naming the bad value")
  void badQueries() {
    ReplyException e = failure("wsmon.stats", "hello");
    assertThat(e.failureCode()).isEqualTo(400);
    assertThat(e.getMessage()).contains("JSON object").contains("String").contains("hello");
    assertThat(failure("wsmon.stats", new JsonObject().put("connection_id", 5)).getMessage())
        .contains("connection_id must be a string");
    assertThat(failure("wsmon.stats", new JsonObject().put("connection_id", "c-9")).getMessage())
        .isEqualTo("unknown connection_id 'c-9'");
    assertThat(failure("wsmon.stats", new JsonObject().put("group", "nope")).getMessage())
        .isEqualTo("unknown group 'nope'");
    assertThat(failure("wsmon.stats", new JsonObject().put("conn", "c-1")).getMessage())
        .contains("unknown key 'conn'");
    assertThat(
            failure("wsmon.stats", new JsonObject().put("connection_id", "a").put("group", "b"))
                .getMessage())
        .contains("not both");
    assertThat(
            failure("wsmon.stats", new JsonObject().put("scope", "total").put("group", "b"))
                .getMessage())
        .contains("not both");
    assertThat(failure("wsmon.stats", new JsonObject().put("scope", "all")).getMessage())
        .contains("scope must be \"total\", got \"all\"");
    assertThat(failure("wsmon.history", new JsonObject().put("limit", -1)).getMessage())
        .isEqualTo("limit must be a positive integer, got -1");
    assertThat(failure("wsmon.history", new JsonObject().put("limit", "ten")).getMessage())
        .isEqualTo("limit must be a positive integer, got ten");
    assertThat(failure("wsmon.history", new JsonObject().put("connection_id", "x")).getMessage())
        .isEqualTo("unknown connection_id 'x'");
    assertThat(failure("wsmon.stats.reset", new JsonObject().put("all", true)).getMessage())
        .contains("unknown key 'all'");
    assertThat(failure("wsmon.series", 42).failureCode()).isEqualTo(400);
    assertThat(tracker.history(0).cause()).hasMessageContaining("got 0");
    StatsTrackerVerticle undeployed = new StatsTrackerVerticle();
    assertThat(undeployed.snapshot().cause()).hasMessageContaining("not deployed");
  }

  @Test
  @DisplayName("history never exceeds its capacity and keeps the newest events")
  void historyCapacity(Vertx vertx) {
    StatsTrackerVerticle small =
        new StatsTrackerVerticle(
            new TrackerOptions().setNamespace("h").setHistorySize(5).setLogStats(false));
    vertx.deployVerticle(small).await();
    Records h = new Records(vertx.eventBus(), "h");
    for (int i = 1; i <= 12; i++) {
      h.attempt("c-" + i, G1);
    }
    JsonArray events =
        query("h.history", new JsonObject().put("limit", 100)).getJsonArray("events");
    assertThat(events).hasSize(5);
    assertThat(events.getJsonObject(0).getString("connection_id")).isEqualTo("c-8");
    assertThat(events.getJsonObject(4).getString("connection_id")).isEqualTo("c-12");
    assertThat(events.getJsonObject(4).fieldNames())
        .containsExactly(
            "connection_id", "type", "timestamp", "attempt", "duration_ms", "close_code", "reason");
    JsonArray two = query("h.history", new JsonObject().put("limit", 2)).getJsonArray("events");
    assertThat(two).hasSize(2);
    assertThat(two.getJsonObject(1).getString("connection_id")).isEqualTo("c-12");
    JsonArray one =
        query("h.history", new JsonObject().put("connection_id", "c-10")).getJsonArray("events");
    assertThat(one).hasSize(1);
  }

  @Test
  @DisplayName("deployed by class name, it reads its options from the deployment config")
  void optionsFromConfig(Vertx vertx) {
    vertx
        .deployVerticle(
            StatsTrackerVerticle.class.getName(),
            new DeploymentOptions()
                .setConfig(
                    new JsonObject()
                        .put("namespace", "cfg")
                        .put("historySize", 2)
                        .put("logStats", false)))
        .await();
    Records cfg = new Records(vertx.eventBus(), "cfg");
    cfg.connect("c-1", G1, 1.0);
    cfg.connect("c-2", G1, 1.0);
    assertThat(query("cfg.history", new JsonObject()).getJsonArray("events")).hasSize(2);
  }

  @Test
  @DisplayName("trackEvents=false keeps no history")
  void noHistory(Vertx vertx) {
    vertx
        .deployVerticle(
            new StatsTrackerVerticle(
                new TrackerOptions().setNamespace("n").setTrackEvents(false).setLogStats(false)))
        .await();
    Records n = new Records(vertx.eventBus(), "n");
    n.connect("c-1", G1, 1.0);
    assertThat(query("n.history", new JsonObject()).getJsonArray("events")).isEmpty();
    assertThat(
            query("n.stats", new JsonObject())
                .getJsonObject("total")
                .getLong("connection_attempts"))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("series: one point per sample interval, merging adjacent points when full")
  void series(Vertx vertx) {
    StatsTrackerVerticle fast =
        new StatsTrackerVerticle(
            new TrackerOptions()
                .setNamespace("s")
                .setSampleInterval(Duration.ofMillis(40))
                .setSeriesCapacity(4)
                .setStatsInterval(Duration.ofMillis(30))
                .setLogStats(true));
    vertx.deployVerticle(fast).await();
    Records s = new Records(vertx.eventBus(), "s");
    s.connect("c-1", G1, 3.0);
    s.traffic(delta("c-1", G1, 40, 20, histogram(500, 700), null));
    JsonArray points = awaitPoints("s.series", 1);
    JsonObject first = points.getJsonObject(0);
    assertThat(first.fieldNames())
        .containsExactly(
            "timestamp",
            "connections",
            "connected",
            "connection_attempts",
            "failed_connections",
            "disconnections",
            "reconnections",
            "messages_sent_per_second",
            "messages_received_per_second",
            "bytes_sent_per_second",
            "bytes_received_per_second",
            "rtt_p50_ms",
            "rtt_p90_ms",
            "rtt_p99_ms",
            "rtt_max_ms",
            "connection_latency_p50_ms",
            "connection_latency_p99_ms");
    assertThat(first.getLong("connection_attempts")).isEqualTo(1);
    assertThat(first.getInteger("connected")).isEqualTo(1);
    assertThat(first.getDouble("messages_sent_per_second")).isGreaterThan(0);
    assertThat(first.getDouble("rtt_max_ms")).isEqualTo(0.7);
    assertThat(first.getDouble("connection_latency_p50_ms")).isEqualTo(3.001);
    JsonObject conn = query("s.stats", new JsonObject().put("connection_id", "c-1"));
    assertThat(conn.getValue("current_messages_sent_per_second")).isNotNull();

    // a capacity of 4 never holds more than 4 points, and keeps the start of the run
    JsonArray many = awaitPoints("s.series", 4);
    pause(400);
    JsonArray merged = query("s.series", new JsonObject()).getJsonArray("points");
    assertThat(merged.size()).isBetween(2, 4);
    assertThat(merged.getJsonObject(0).getDouble("rtt_max_ms")).isEqualTo(0.7);
    assertThat(merged.getJsonObject(0).getString("timestamp"))
        .isGreaterThanOrEqualTo(many.getJsonObject(0).getString("timestamp"));
    JsonObject last = merged.getJsonObject(merged.size() - 1);
    assertThat(last.getValue("rtt_p50_ms")).isNull();
    assertThat(last.getDouble("messages_sent_per_second")).isZero();
  }

  @Test
  @DisplayName("series: points are one sample interval apart, never more often")
  void seriesCadence(Vertx vertx) {
    long start = System.nanoTime();
    vertx
        .deployVerticle(
            new StatsTrackerVerticle(
                new TrackerOptions()
                    .setNamespace("cadence")
                    .setSampleInterval(Duration.ofMillis(50))
                    .setLogStats(false)))
        .await();
    JsonArray points = awaitPoints("cadence.series", 4);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat((long) points.size()).isLessThanOrEqualTo(elapsedMs / 50 + 1);
    for (int i = 1; i < points.size(); i++) {
      Instant previous = Instant.parse(points.getJsonObject(i - 1).getString("timestamp"));
      Instant current = Instant.parse(points.getJsonObject(i).getString("timestamp"));
      assertThat(current).isAfter(previous);
    }
  }

  private JsonArray awaitPoints(String address, int atLeast) {
    for (int i = 0; i < 500; i++) {
      JsonArray points = query(address, new JsonObject()).getJsonArray("points");
      if (points.size() >= atLeast) {
        return points;
      }
      pause(20);
    }
    throw new AssertionError("fewer than " + atLeast + " series points");
  }
}
