package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code onReconnect} through {@code wsmon run --scenario}: the server closes each connection after
 * echoing its second message, while the scenario's fourth step waits.
 */
@Timeout(60)
@DisplayName("wsmon run: onReconnect restart, continue and stop after a server close")
class RunScenarioReconnectTest {

  static final String SCENARIO =
      """
      scenario:
        name: drops
        onReconnect: %s
        steps:
          - send: 'a {seq}'
          - expect: {name: a-echo, regex: '^a ', timeout: 2s}
          - send: 'b {seq}'
          - expect: {name: cut, regex: '^never$', timeout: 5s}
          - send: 'c {seq}'
            name: c
          - expect: {name: c-echo, regex: '^c 3$', timeout: 2s}
          - close: {code: 1000, reason: done}
      """;

  @TempDir Path dir;

  @RegisterExtension
  final EchoServerExtension server = EchoServerExtension.withFaults("close-after=2:4000");

  private JsonObject run(String onReconnect, String duration) throws Exception {
    Cli cli =
        Cli.runScenario(
            dir,
            onReconnect,
            SCENARIO.formatted(onReconnect),
            "run",
            server.uri("/"),
            "-c",
            "2",
            "-d",
            duration,
            "--reconnect-delay",
            "50ms",
            "--max-reconnect-attempts",
            "-1",
            "--quiet");
    assertThat(cli.code).as(cli.toString()).isZero();
    return cli.export();
  }

  private static JsonObject step(JsonObject sc, String name) {
    return sc.getJsonObject("steps").getJsonObject(name);
  }

  @Test
  @DisplayName("continue: the step after the cut one runs on the new session; {seq} kept counting")
  void continueAfterReconnect() throws Exception {
    JsonObject snapshot = run("continue", "20s");
    JsonObject sc = snapshot.getJsonObject("total").getJsonObject("scenario");
    assertThat(snapshot.getDouble("elapsed_seconds")).as("ended by the close steps").isLessThan(15);
    assertThat(sc.getLong("iterations")).isEqualTo(2);
    assertThat(sc.getLong("failed")).isEqualTo(2);
    assertThat(step(sc, "cut").getLong("failed")).as("pending at the close: 'closed'").isEqualTo(2);
    assertThat(step(sc, "send-1").getLong("runs")).isEqualTo(2);
    assertThat(step(sc, "c").getLong("ok")).isEqualTo(2);
    assertThat(step(sc, "c-echo").getLong("ok")).as("{seq} counts across sessions").isEqualTo(2);
    assertThat(snapshot.getJsonObject("total").getLong("disconnections")).isEqualTo(2);
    assertThat(snapshot.getJsonArray("events").encode()).contains("STEP_FAILED").contains("closed");
  }

  @Test
  @DisplayName("restart: every new session starts a new iteration from the first step")
  void restartAfterReconnect() throws Exception {
    JsonObject snapshot = run("restart", "1500ms");
    JsonObject sc = snapshot.getJsonObject("total").getJsonObject("scenario");
    long sessions = snapshot.getJsonObject("total").getLong("successful_connections");
    assertThat(sessions).isGreaterThan(2);
    assertThat(sc.getLong("iterations")).isEqualTo(sessions);
    assertThat(step(sc, "send-1").getLong("runs")).isEqualTo(sessions);
    assertThat(step(sc, "c").getLong("runs")).isZero();
    assertThat(step(sc, "cut").getLong("failed") + sc.getLong("interrupted"))
        .isGreaterThanOrEqualTo(sessions - 2);
  }

  @Test
  @DisplayName("stop: nothing more runs on a connection after its first session")
  void stopAfterReconnect() throws Exception {
    JsonObject snapshot = run("stop", "1500ms");
    JsonObject sc = snapshot.getJsonObject("total").getJsonObject("scenario");
    assertThat(snapshot.getJsonObject("total").getLong("reconnections")).isEqualTo(2);
    assertThat(sc.getLong("iterations")).isEqualTo(2);
    assertThat(step(sc, "send-1").getLong("runs")).isEqualTo(2);
    assertThat(step(sc, "c").getLong("runs")).isZero();
    assertThat(server.stats().messagesReceived()).isEqualTo(4);
  }
}
