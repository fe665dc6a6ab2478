package dev.wsmon.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.NodeWsServer;
import dev.wsmon.testkit.support.Waits;
import dev.wsmon.tracker.StatsSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario results against a scripted Node {@code ws} server whose own log is the truth. Skipped
 * when npm cannot install {@code ws} (failed instead when {@code CI=true}).
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Scenarios against a scripted Node server (TestingWrapper)")
@Timeout(90)
class ScenarioTruthTest {

  static final String PING_PONG =
      """
      {"name": "feed", "onReconnect": "restart", "steps": [
        {"send": "{\\"op\\":\\"auth\\",\\"token\\":\\"{env.PATH}\\",\\"id\\":\\"{conn}-{seq}\\"}"},
        {"expect": {"name": "authed", "json": {"op": "authed"}, "timeout": "2s",
                    "capture": {"session": "session"}}},
        {"send": "{\\"op\\":\\"subscribe\\",\\"session\\":\\"{session}\\",\\"channel\\":\\"ticks\\"}"},
        {"expect": {"name": "first-tick", "json": {"type": "tick"}, "timeout": "2s"}},
        {"repeat": {"count": 5, "think": "1ms-5ms", "steps": [
          {"send": "{\\"op\\":\\"ping\\",\\"id\\":\\"{conn}-{seq}\\"}", "name": "ping"},
          {"expect": {"name": "pong", "json": {"op": "pong", "id": "{conn}-{seq}"},
                      "timeout": "%s"}}]}},
        {"close": {"code": 4001, "reason": "done"}}]}
      """;

  private final List<NodeWsServer> servers = new ArrayList<>();
  private TestingWrapper wrapper;

  static NodeWsServer node(String mode) throws Exception {
    try {
      return NodeWsServer.start(Path.of("target", "node-ws"), mode);
    } catch (NodeWsServer.Unavailable e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError("CI=true and the Node server cannot start: " + e.getMessage(), e);
      }
      Assumptions.abort("skipped: the Node ws server cannot start: " + e.getMessage());
      return null;
    }
  }

  @AfterEach
  void stop() {
    if (wrapper != null) {
      wrapper.stopAndShutdown().await();
    }
    servers.forEach(NodeWsServer::close);
  }

  private NodeWsServer server(String mode) throws Exception {
    NodeWsServer s = node(mode);
    servers.add(s);
    return s;
  }

  private JsonObject runUntil(Vertx vertx, String field, long value) {
    return ScenarioRun.awaitScenario(
            vertx, wrapper, sc -> sc.getLong(field) >= value, Duration.ofSeconds(30))
        .toJson();
  }

  private static JsonObject step(JsonObject scenario, String name) {
    return scenario.getJsonObject("steps").getJsonObject(name);
  }

  @Test
  @DisplayName("auth, subscribe and 5 pings on 3 connections: every step counted once, = server")
  void flowCountsEqualTheServerLog(Vertx vertx) throws Exception {
    NodeWsServer server = server("flow");
    wrapper =
        TestingWrapper.builder()
            .uri(server.uri())
            .connections(3)
            .logStats(false)
            .scenario(new Scenario(new JsonObject(PING_PONG.formatted("2s"))))
            .build();
    wrapper.start().await();
    JsonObject snapshot = runUntil(vertx, "completed", 3);
    JsonObject sc = snapshot.getJsonObject("total").getJsonObject("scenario");
    JsonObject log = server.counts();

    assertThat(sc.getLong("iterations")).isEqualTo(3);
    assertThat(sc.getLong("failed")).isZero();
    assertThat(step(sc, "send-1").getLong("ok")).isEqualTo(log.getLong("auths")).isEqualTo(3);
    assertThat(step(sc, "authed").getLong("ok")).isEqualTo(3);
    assertThat(step(sc, "send-3").getLong("ok")).isEqualTo(log.getLong("subscribes"));
    assertThat(step(sc, "first-tick").getLong("ok")).isEqualTo(3);
    assertThat(step(sc, "ping").getLong("runs")).isEqualTo(log.getLong("pings")).isEqualTo(15);
    assertThat(step(sc, "pong").getLong("ok")).isEqualTo(log.getLong("pongs")).isEqualTo(15);
    assertThat(step(sc, "pong").getJsonObject("latency_ms").getLong("count")).isEqualTo(15);
    assertThat(step(sc, "close-7").getLong("ok")).isEqualTo(3);
    JsonObject checks = sc.getJsonObject("checks");
    assertThat(checks.getLong("passes")).isEqualTo(21);
    assertThat(checks.getLong("fails")).isZero();
    assertThat(checks.getDouble("rate")).isEqualTo(1.0);

    // per connection and per group merge exactly into the total
    JsonArray connections = snapshot.getJsonArray("connections");
    long pongs = 0;
    for (int i = 0; i < connections.size(); i++) {
      JsonObject c = connections.getJsonObject(i).getJsonObject("scenario");
      assertThat(step(c, "pong").getLong("ok")).isEqualTo(5);
      pongs += step(c, "pong").getJsonObject("latency_ms").getLong("count");
    }
    assertThat(pongs).isEqualTo(15);
    JsonObject group = snapshot.getJsonObject("groups").getJsonObject(server.uri());
    assertThat(group.getJsonObject("scenario")).isEqualTo(sc);
    // closed by the scenario: CLOSED with the step's code (4001 at the server), never a
    // disconnection
    StatsSnapshot closed =
        Waits.until(
                vertx,
                () -> wrapper.stats(),
                s -> s.total().getLong("connected") == 0,
                Duration.ofSeconds(10))
            .await();
    assertThat(closed.total().getLong("disconnections")).isZero();
    JsonObject serverCloses =
        Waits.until(
                vertx,
                () -> vertx.executeBlocking(server::counts),
                c -> c.getJsonObject("closes").getLong("4001", 0L) == 3,
                Duration.ofSeconds(10))
            .await();
    assertThat(serverCloses.getLong("connections")).isEqualTo(3);
  }

  @Test
  @DisplayName("a server that drops mid-scenario: the pending step fails 'closed', restart reruns")
  void dropRestartsAfterReconnect(Vertx vertx) throws Exception {
    NodeWsServer server = server("drop");
    wrapper =
        TestingWrapper.builder()
            .uri(server.uri())
            .connections(2)
            .logStats(false)
            .reconnectDelay(Duration.ofMillis(100))
            .scenario(new Scenario(new JsonObject(PING_PONG.formatted("2s"))))
            .build();
    wrapper.start().await();
    JsonObject snapshot = runUntil(vertx, "completed", 2);
    JsonObject sc = snapshot.getJsonObject("total").getJsonObject("scenario");
    JsonObject log = server.counts();

    assertThat(log.getLong("connections")).isEqualTo(4);
    assertThat(sc.getLong("iterations")).isEqualTo(4);
    assertThat(sc.getLong("completed")).isEqualTo(2);
    assertThat(sc.getLong("failed")).isEqualTo(2);
    assertThat(step(sc, "send-1").getLong("ok")).isEqualTo(log.getLong("auths")).isEqualTo(4);
    assertThat(step(sc, "ping").getLong("ok")).isEqualTo(log.getLong("pings")).isEqualTo(16);
    assertThat(step(sc, "pong").getLong("ok")).isEqualTo(log.getLong("pongs")).isEqualTo(14);
    assertThat(step(sc, "pong").getLong("failed")).isEqualTo(2);
    assertThat(step(sc, "pong").getLong("runs")).isEqualTo(16);
    assertThat(sc.getJsonObject("checks").getLong("fails")).isEqualTo(2);
    assertThat(failureReasons(snapshot)).hasSize(2).allMatch(r -> r.contains("closed"));
  }

  @Test
  @DisplayName("a server that answers wrongly: checks fail with the last message seen")
  void wrongAnswersFailChecks(Vertx vertx) throws Exception {
    NodeWsServer server = server("wrong");
    wrapper =
        TestingWrapper.builder()
            .uri(server.uri())
            .connections(1)
            .logStats(false)
            .messageCheck(MessageCheck.parse("has-op=json:op"))
            .scenario(new Scenario(new JsonObject(PING_PONG.formatted("300ms"))))
            .build();
    wrapper.start().await();
    JsonObject snapshot = runUntil(vertx, "failed", 1);
    JsonObject sc = snapshot.getJsonObject("total").getJsonObject("scenario");
    JsonObject log = server.counts();

    assertThat(step(sc, "pong").getLong("timed_out")).isEqualTo(log.getLong("pongs")).isEqualTo(5);
    assertThat(step(sc, "pong").getLong("ok")).isZero();
    JsonObject checks = sc.getJsonObject("checks");
    JsonObject byCheck = checks.getJsonObject("by_check");
    assertThat(byCheck.getJsonObject("pong").getLong("fails")).isEqualTo(5);
    assertThat(byCheck.getJsonObject("authed").getLong("passes")).isEqualTo(1);
    // every received message checked: authed, pongs have "op"; subscribed and ticks do not
    assertThat(byCheck.getJsonObject("has-op").getLong("passes")).isEqualTo(1 + 5);
    assertThat(byCheck.getJsonObject("has-op").getLong("fails")).isEqualTo(2 + 5);
    assertThat(checks.getLong("passes")).isEqualTo(2 + 6);
    assertThat(checks.getLong("fails")).isEqualTo(5 + 7);
    assertThat(failureReasons(snapshot))
        .anyMatch(
            r ->
                r.contains("step 'pong' timed out")
                    && r.contains(
                        "no match, last message seen: {\"op\":\"pong\",\"id\":\"wrong\"}"));
  }

  private static List<String> failureReasons(JsonObject snapshot) {
    List<String> out = new ArrayList<>();
    JsonArray events = snapshot.getJsonArray("events", new JsonArray());
    for (int i = 0; i < events.size(); i++) {
      JsonObject e = events.getJsonObject(i);
      if ("STEP_FAILED".equals(e.getString("type"))) {
        out.add(e.getString("reason"));
      }
    }
    return out;
  }
}
