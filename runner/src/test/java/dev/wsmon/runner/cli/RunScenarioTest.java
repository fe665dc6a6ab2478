package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.NodeWsServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wsmon run --scenario} against a scripted Node {@code ws} server whose own log is the
 * truth. Skipped when npm cannot install {@code ws} (failed instead when {@code CI=true}).
 */
@Timeout(120)
@DisplayName("wsmon run: scenarios against a scripted Node server")
class RunScenarioTest {

  static final String SCENARIO =
      """
      scenario:
        name: feed
        onReconnect: restart
        steps:
          - send: '@auth.json'
          - expect: {name: authed, json: {op: authed}, timeout: 2s, capture: {session: session}}
          - send: '{"op":"subscribe","session":"{session}","channel":"ticks"}'
          - expect: {name: first-tick, json: {type: tick}, timeout: 2s}
          - repeat:
              count: 5
              think: 1ms-3ms
              steps:
                - send: '{"op":"ping","id":"{conn}-{seq}"}'
                  name: ping
                - expect: {name: pong, json: {op: pong, id: "{conn}-{seq}"}, timeout: %s}
          - close: {code: 1000, reason: done}
      """;

  @TempDir Path dir;
  private NodeWsServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private NodeWsServer node(String mode) throws Exception {
    try {
      server = NodeWsServer.start(Path.of("target", "node-ws"), mode);
      return server;
    } catch (NodeWsServer.Unavailable e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError("CI=true and the Node server cannot start: " + e.getMessage(), e);
      }
      Assumptions.abort("skipped: the Node ws server cannot start: " + e.getMessage());
      return null;
    }
  }

  private Path files(String timeout) throws Exception {
    Path scenario = dir.resolve("feed.yaml");
    Files.writeString(scenario, SCENARIO.formatted(timeout));
    Files.writeString(dir.resolve("users.csv"), "user,pass\nalice,a1\nbob,b2\n");
    Files.writeString(
        dir.resolve("auth.json"),
        "{\"op\":\"auth\",\"token\":\"{env.PATH}\",\"user\":\"{feed.user}\",\"id\":\"{conn}-{seq}\"}");
    return scenario;
  }

  @Test
  @DisplayName("3 connections: counts equal the server's log, thresholds reach them, ends early")
  void flowRun() throws Exception {
    NodeWsServer s = node("flow");
    Path scenario = files("2s");
    Path json = dir.resolve("run.json");
    Path csv = dir.resolve("run.csv");
    Cli cli =
        Cli.run(
            "run",
            s.uri(),
            "-c",
            "3",
            "-d",
            "60s",
            "--scenario",
            scenario.toString(),
            "--feeder",
            dir.resolve("users.csv").toString(),
            "--check",
            "has-op=json:op",
            "--export-json",
            json.toString(),
            "--export-csv",
            csv.toString(),
            "--threshold",
            "scenario.checks.by_check.pong.rate>=0.99",
            "--threshold",
            "scenario.steps.pong.latency_ms.p99<5000",
            "--threshold",
            "scenario.steps.first-tick.ok==3");
    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject snapshot = new JsonObject(Files.readString(json));
    assertThat(snapshot.getDouble("elapsed_seconds")).as("ended by the close steps").isLessThan(30);
    JsonObject sc = snapshot.getJsonObject("total").getJsonObject("scenario");
    JsonObject log = s.counts();
    JsonObject steps = sc.getJsonObject("steps");
    assertThat(sc.getLong("completed")).isEqualTo(3);
    assertThat(steps.getJsonObject("send-1").getLong("ok"))
        .isEqualTo(log.getLong("auths"))
        .isEqualTo(3);
    assertThat(steps.getJsonObject("ping").getLong("ok")).isEqualTo(log.getLong("pings"));
    assertThat(steps.getJsonObject("pong").getLong("ok"))
        .isEqualTo(log.getLong("pongs"))
        .isEqualTo(15);
    assertThat(snapshot.getJsonObject("total").getLong("disconnections")).isZero();
    assertThat(snapshot.getJsonObject("total").getLong("messages_sent"))
        .as("scenario sends are counted as traffic")
        .isEqualTo(3 + 3 + 15);
    JsonArray connections = snapshot.getJsonArray("connections");
    assertThat(connections.getJsonObject(0).getJsonObject("scenario").getLong("completed"))
        .isEqualTo(1);
    // every received message checked: authed and pongs have "op"; subscribed and ticks do not
    JsonObject hasOp = sc.getJsonObject("checks").getJsonObject("by_check").getJsonObject("has-op");
    assertThat(hasOp.getLong("passes")).isEqualTo(3 * (1 + 5));
    assertThat(hasOp.getLong("fails")).isEqualTo(3 * (2 + 5));
    assertThat(cli.out)
        .contains("scenario feed: iterations 3, completed 3")
        .contains("pong")
        .contains("PASS  scenario.steps.first-tick.ok");
    assertThat(Files.readString(csv)).contains("scenario_steps_pong_ok");
  }

  @Test
  @DisplayName("wrong answers: the check-rate threshold fails (exit 1), reasons in the events")
  void wrongAnswersFailThreshold() throws Exception {
    NodeWsServer s = node("wrong");
    Path scenario = files("200ms");
    Path json = dir.resolve("run.json");
    Cli cli =
        Cli.run(
            "run",
            s.uri(),
            "-d",
            "60s",
            "--scenario",
            scenario.toString(),
            "--feeder",
            dir.resolve("users.csv").toString(),
            "--export-json",
            json.toString(),
            "--threshold",
            "scenario.checks.rate>=0.99");
    assertThat(cli.code).as(cli.toString()).isEqualTo(1);
    assertThat(cli.err).contains("FAIL  scenario.checks.rate");
    JsonObject snapshot = new JsonObject(Files.readString(json));
    JsonObject pong =
        snapshot
            .getJsonObject("total")
            .getJsonObject("scenario")
            .getJsonObject("steps")
            .getJsonObject("pong");
    assertThat(pong.getLong("timed_out")).isEqualTo(s.counts().getLong("pongs")).isEqualTo(5);
    assertThat(snapshot.getJsonArray("events").encode())
        .contains("STEP_FAILED")
        .contains("no match, last message seen");
  }

  @Test
  @DisplayName("an unknown template name is exit 2 naming it, before any connection")
  void unknownTemplateName() throws Exception {
    Path scenario = dir.resolve("bad.yaml");
    Files.writeString(
        scenario,
        "scenario:\n  steps:\n    - send: '{\"op\":\"auth\",\"s\":\"{sesion}\"}'\n      name: auth\n");
    Cli cli = Cli.run("run", "ws://127.0.0.1:1/", "--scenario", scenario.toString());
    assertThat(cli.code).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("{sesion}").contains("step 'auth'");
    Cli badKey =
        Cli.run("run", "ws://127.0.0.1:1/", "--scenario", scenario.toString(), "--check", "nope");
    assertThat(badKey.code).isEqualTo(2);
    assertThat(badKey.err).contains("'nope'");
    Files.writeString(scenario, "scenario:\n  steps:\n    - send: '@missing.json'\n");
    Cli missing = Cli.run("run", "ws://127.0.0.1:1/", "--scenario", scenario.toString());
    assertThat(missing.code).isEqualTo(2);
    assertThat(missing.err).contains("missing.json");
  }
}
