package dev.wsmon.runner.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.core.TrafficBatch;
import dev.wsmon.runner.load.Preflight;
import dev.wsmon.tracker.internal.DirectTracker;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The cluster parts that need no cluster: wire form, connection split, Hazelcast settings. */
@DisplayName("cluster parts")
class ClusterPartsTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456Z");

  @Test
  @DisplayName(
      "an agent report survives encodeToWire/decodeFromWire with events, histograms and abandoned requests")
  void reportWireRoundTrip() {
    Histogram rtt = LatencyHistograms.create();
    for (int i = 1; i <= 300; i++) {
      LatencyHistograms.record(rtt, i * 100L);
    }
    ConnectionEvent event =
        new ConnectionEvent(
            "a1:c-2",
            "g",
            EventType.DISCONNECTED,
            T0,
            1,
            12.345,
            1006,
            "drop",
            ConnectionState.RECONNECTING);
    TrafficBatch batch =
        new TrafficBatch(
            "a1",
            T0,
            List.of(
                new ConnectionDelta(
                    "a1:c-2", "g", 9, 8, 90, 80, 1, 0, 1, 0, rtt, rtt, rtt, null, null, null, 0)));
    AgentReport report = new AgentReport("a1", "run-1", 42, List.of(event), List.of(batch));
    MessageCodec<AgentReport, AgentReport> codec = ClusterCodecs.agentReportCodec();
    Buffer buffer = Buffer.buffer().appendString("prefix");
    codec.encodeToWire(buffer, report);

    AgentReport back = codec.decodeFromWire(6, buffer);

    assertThat(back.toJson()).isEqualTo(report.toJson());
    assertThat(back.events()).containsExactly(event);
    assertThat(back.batches().get(0).deltas().get(0).rtt().getTotalCount()).isEqualTo(300);
    assertThat(back.batches().get(0).deltas().get(0).requestsAbandoned()).isEqualTo(1);
    assertThat(back.batches().get(0).deltas().get(0).rttActual().getTotalCount()).isEqualTo(300);
    assertThat(back.batches().get(0).deltas().get(0).sendLag().getTotalCount()).isEqualTo(300);
    assertThat(back.batches().get(0).deltas().get(0).rtt().getValueAtPercentile(99))
        .isEqualTo(rtt.getValueAtPercentile(99));
    assertThat(codec.transform(report)).isSameAs(report);
    assertThat(codec.name()).isEqualTo(ClusterCodecs.AGENT_REPORT);
  }

  @Test
  @DisplayName(
      "two agents' abandoned attempts survive the wire and merge in the coordinator's totals")
  void abandonedAttemptsMerge() {
    MessageCodec<AgentReport, AgentReport> codec = ClusterCodecs.agentReportCodec();
    DirectTracker coordinator =
        new DirectTracker(new dev.wsmon.tracker.TrackerOptions().setLogStats(false), null);
    for (String agent : List.of("a1", "a2")) {
      String id = agent + ":c-1";
      List<ConnectionEvent> events =
          List.of(
              new ConnectionEvent(
                  id, "g", EventType.ATTEMPT, T0, 0, null, null, null, ConnectionState.CONNECTING),
              new ConnectionEvent(
                  id,
                  "g",
                  EventType.CLOSED,
                  T0,
                  0,
                  250.0,
                  null,
                  "attempt abandoned: run ended",
                  ConnectionState.CLOSED));
      Buffer buffer = Buffer.buffer();
      codec.encodeToWire(buffer, new AgentReport(agent, "run-1", 1, events, List.of()));
      codec.decodeFromWire(0, buffer).events().forEach(coordinator::onEvent);
    }
    JsonObject total = coordinator.snapshotJson().getJsonObject("total");
    assertThat(total.getLong("connection_attempts")).isEqualTo(2);
    assertThat(total.getLong("attempts_abandoned")).isEqualTo(2);
    assertThat(total.getLong("failed_connections")).isZero();
  }

  @Test
  @DisplayName("a report carries the live scenario figures and the all-closed mark both ways")
  void liveAndAllClosed() {
    io.vertx.core.json.JsonObject live =
        new io.vertx.core.json.JsonObject().put("name", "s").put("iterations", 3);
    AgentReport report = new AgentReport("a1", "run-1", 2, List.of(), List.of(), null, live, true);
    AgentReport back = AgentReport.fromJson(report.toJson());
    assertThat(back.live()).isEqualTo(live);
    assertThat(back.allClosed()).isTrue();
    AgentReport plain =
        AgentReport.fromJson(new AgentReport("a1", "r", 1, List.of(), List.of()).toJson());
    assertThat(plain.live()).isNull();
    assertThat(plain.allClosed()).isFalse();
  }

  @Test
  @DisplayName("scenario figures keep the live-line counts and add up over agents")
  void scenarioFigures() {
    io.vertx.core.json.JsonObject total =
        new io.vertx.core.json.JsonObject(
            """
            {"name": "feed", "iterations": 4, "completed": 2, "failed": 1, "interrupted": 1,
             "steps": {"pong": {"kind": "expect", "runs": 9, "ok": 7, "failed": 1, "timed_out": 1,
                                "latency_ms": {"count": 7, "p99": 3.5}}},
             "checks": {"passes": 7, "fails": 2, "rate": 0.77, "by_check": {"pong": {}}}}
            """);
    io.vertx.core.json.JsonObject one = ScenarioFigures.of(total);
    assertThat(one.getJsonObject("steps").getJsonObject("pong").fieldNames())
        .containsExactlyInAnyOrder("ok", "failed", "timed_out");
    assertThat(one.encode().length()).as("small on the wire").isLessThan(200);
    io.vertx.core.json.JsonObject other =
        new io.vertx.core.json.JsonObject(
            """
            {"name": "feed", "iterations": 1, "completed": 1, "failed": 0,
             "steps": {"pong": {"ok": 3, "failed": 0, "timed_out": 0},
                       "hi": {"ok": 1, "failed": 0, "timed_out": 0}},
             "checks": {"passes": 3, "fails": 0}}
            """);
    io.vertx.core.json.JsonObject sum = ScenarioFigures.sum(List.of(one, other));
    assertThat(sum.getString("name")).isEqualTo("feed");
    assertThat(sum.getLong("iterations")).isEqualTo(5);
    assertThat(sum.getLong("completed")).isEqualTo(3);
    assertThat(sum.getLong("failed")).isEqualTo(1);
    assertThat(sum.getJsonObject("steps").getJsonObject("pong").getLong("ok")).isEqualTo(10);
    assertThat(sum.getJsonObject("steps").getJsonObject("pong").getLong("timed_out")).isEqualTo(1);
    assertThat(sum.getJsonObject("steps").getJsonObject("hi").getLong("ok")).isEqualTo(1);
    assertThat(sum.getJsonObject("checks").getDouble("rate")).isEqualTo(10 / 12.0);
    assertThat(ScenarioFigures.sum(List.of())).isNull();
    assertThat(
            ScenarioFigures.sum(List.of(ScenarioFigures.of(new io.vertx.core.json.JsonObject())))
                .getJsonObject("checks")
                .getValue("rate"))
        .isNull();
  }

  @Test
  @DisplayName(
      "a lost agent's last figures add to the final counts once, listed under lost_agents; latencies"
          + " stay exact")
  void lostAgentFigures() {
    io.vertx.core.json.JsonObject scenario =
        new io.vertx.core.json.JsonObject(
            """
            {"name": "feed", "iterations": 4, "completed": 3, "failed": 1, "interrupted": 0,
             "steps": {"pong": {"kind": "expect", "runs": 9, "ok": 8, "failed": 1, "timed_out": 0,
                                "latency_ms": {"count": 8, "p99": 3.5}}},
             "checks": {"passes": 8, "fails": 0, "rate": 1.0, "by_check": {"pong": {}}}}
            """);
    io.vertx.core.json.JsonObject lost =
        new io.vertx.core.json.JsonObject(
            """
            {"name": "feed", "iterations": 3, "completed": 1, "failed": 1, "interrupted": 0,
             "steps": {"pong": {"ok": 4, "failed": 0, "timed_out": 2},
                       "late": {"ok": 1, "failed": 0, "timed_out": 0}},
             "checks": {"passes": 4, "fails": 4}, "resets": 1}
            """);

    ScenarioFigures.addLost(scenario, java.util.Map.of("a2", lost));

    assertThat(scenario.getLong("iterations")).isEqualTo(7);
    assertThat(scenario.getLong("completed")).isEqualTo(4);
    assertThat(scenario.getLong("failed")).isEqualTo(2);
    assertThat(scenario.getLong("interrupted"))
        .as("a2's iteration in flight when lost")
        .isEqualTo(1);
    io.vertx.core.json.JsonObject pong = scenario.getJsonObject("steps").getJsonObject("pong");
    assertThat(pong.getLong("ok")).isEqualTo(12);
    assertThat(pong.getLong("timed_out")).isEqualTo(2);
    assertThat(pong.getLong("runs")).as("runs == ok + failed + timed_out").isEqualTo(15);
    assertThat(pong.getJsonObject("latency_ms").getLong("count")).as("exact only").isEqualTo(8);
    assertThat(scenario.getJsonObject("steps").getJsonObject("late").getLong("runs")).isEqualTo(1);
    assertThat(scenario.getJsonObject("checks").getDouble("rate")).isEqualTo(12 / 16.0);
    io.vertx.core.json.JsonObject listed = scenario.getJsonObject("lost_agents");
    assertThat(listed.fieldNames()).containsExactly("a2");
    assertThat(listed.getJsonObject("a2").containsKey("resets")).isFalse();
    assertThat(listed.getJsonObject("a2").getLong("iterations")).isEqualTo(3);

    io.vertx.core.json.JsonObject untouched = scenario.copy();
    ScenarioFigures.addLost(untouched, java.util.Map.of());
    assertThat(untouched).isEqualTo(scenario);
  }

  @Test
  @DisplayName("a malformed report is rejected with a message")
  void malformedReport() {
    assertThatThrownBy(
            () -> AgentReport.fromJson(new io.vertx.core.json.JsonObject().put("agent", "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed agent report");
  }

  @Test
  @DisplayName("slices cut endpoints in connection-number order")
  void slices() {
    List<ConnectionOptions> all =
        List.of(
            new ConnectionOptions("ws://127.0.0.1:1/a").setConnections(3),
            new ConnectionOptions("ws://127.0.0.1:1/b").setConnections(4));
    List<ConnectionOptions> first = AgentVerticle.slice(all, 0, 4);
    assertThat(first).extracting(ConnectionOptions::getConnections).containsExactly(3, 1);
    List<ConnectionOptions> second = AgentVerticle.slice(all, 4, 3);
    assertThat(second).extracting(ConnectionOptions::getUri).containsExactly("ws://127.0.0.1:1/b");
    assertThat(second.get(0).getConnections()).isEqualTo(3);
    assertThat(all.get(1).getConnections()).as("the input is not changed").isEqualTo(4);
    assertThatThrownBy(() -> AgentVerticle.slice(all, 5, 3))
        .hasMessageContaining("exceeds the run's 7");
  }

  @Test
  @DisplayName("the Hazelcast settings are loopback-safe: one interface, TCP/IP join, no discovery")
  void loopbackSafeHazelcast() {
    ClusterOptions options =
        new ClusterOptions()
            .setClusterName("t")
            .setPort(6000)
            .setMembers(List.of("127.0.0.1:6000"));
    Config config = ClusterNode.hazelcastConfig(options, "127.0.0.1");
    JoinConfig join = config.getNetworkConfig().getJoin();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:6000");
    assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).isTrue();
    assertThat(config.getNetworkConfig().getInterfaces().getInterfaces())
        .containsExactly("127.0.0.1");
    assertThat(config.getNetworkConfig().getPort()).isEqualTo(6000);
    assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
    assertThat(config.getClusterName()).isEqualTo("t");
    assertThat(config.getMultiMapConfig("__vertx.subs").getBackupCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("cluster options: defaults, JSON round trip, validation")
  void options() {
    ClusterOptions defaults = new ClusterOptions();
    assertThat(defaults.getHost()).isEqualTo("127.0.0.1");
    assertThat(defaults.getMembers()).containsExactly("127.0.0.1");
    ClusterOptions o =
        new ClusterOptions().setHost("10.0.0.5").setPort(5801).setMembers(List.of("10.0.0.4", " "));
    assertThat(new ClusterOptions(o.toJson()).toJson()).isEqualTo(o.toJson());
    assertThat(o.getMembers()).containsExactly("10.0.0.4");
    assertThatThrownBy(() -> o.setPort(0)).hasMessageContaining("between 1 and 65535");
    assertThatThrownBy(() -> o.setMembers(List.of())).hasMessageContaining("at least one");
    assertThatThrownBy(() -> AgentVerticle.checkName("a:b")).hasMessageContaining("agent name");
  }

  @Test
  @DisplayName(
      "the coordinator holds no connections, so its preflight leaves the limits to the agents")
  void coordinatorLeavesPreflightToAgents() {
    List<ConnectionOptions> endpoints =
        List.of(new ConnectionOptions().setUri("ws://127.0.0.1:9/").setConnections(50_000_000));
    assertThatThrownBy(() -> Preflight.check(endpoints, Preflight.Limits.current()))
        .hasMessageContaining("cannot hold 50000000 connections");
    ClusterBackend load =
        new ClusterBackend(
            new ClusterOptions(),
            3,
            Duration.ofSeconds(1),
            ClusterBackend.OnAgentLoss.CONTINUE,
            new JsonObject(),
            System.err,
            true);

    load.preflight(endpoints);
  }
}
