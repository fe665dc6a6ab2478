package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end of a run is one instant for the connections and the scenario: no connection attempt
 * starts after it, so every session of the run has its iteration and {@code iterations ==
 * successful_connections}, however long the grace.
 */
@Timeout(60)
@DisplayName("wsmon run: no connection attempt after the end of the run")
class RunScenarioEndOfRunTest {

  // c-1 waits for an echo it never gets (it keeps the grace open); c-2 gets its echo, sends a
  // second message, and the server closes it: it reconnects every 300 ms
  static final String SCENARIO =
      """
      scenario:
        name: grace
        steps:
          - send: 'a{conn}'
          - expect: {name: mine, regex: '^a2$', timeout: 10s}
          - send: 'b'
          - expect: {name: cut, regex: '^never$', timeout: 10s}
      """;

  @TempDir Path dir;

  @RegisterExtension
  final EchoServerExtension server = EchoServerExtension.withFaults("close-after=2:4000");

  @Test
  @DisplayName("a reconnect due in the grace period is not made: iterations == successes")
  void reconnectDueInTheGraceIsNotMade() throws Exception {
    Cli cli =
        Cli.runScenario(
            dir,
            "grace",
            SCENARIO,
            "run",
            server.uri("/"),
            "-c",
            "2",
            "-d",
            "1s",
            "--grace",
            "2s",
            "--reconnect-delay",
            "300ms",
            "--backoff-multiplier",
            "1",
            "--jitter",
            "0",
            "--max-reconnect-attempts",
            "-1",
            "--quiet");
    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject snapshot = cli.export();
    JsonObject total = snapshot.getJsonObject("total");
    assertThat(snapshot.getDouble("elapsed_seconds"))
        .as("c-1's pending expect kept the 2 s grace open: room for several reconnects")
        .isGreaterThanOrEqualTo(2.9);
    JsonObject c2 = connection(snapshot, "c-2");
    long c2Sessions = c2.getLong("successful_connections");
    assertThat(c2Sessions).as("c-2 reconnected during the run").isGreaterThanOrEqualTo(2);
    // before the fix, the reconnect due in the grace was made: a session with no iteration
    assertThat(c2.getJsonObject("scenario").getLong("iterations")).isEqualTo(c2Sessions);
    assertThat(total.getJsonObject("scenario").getLong("iterations"))
        .isEqualTo(total.getLong("successful_connections"));
    String last = null;
    for (Object o : snapshot.getJsonArray("events", new JsonArray())) {
      JsonObject e = (JsonObject) o;
      if ("c-2".equals(e.getString("connection_id"))) {
        last = e.getString("type");
      }
    }
    assertThat(last)
        .as("c-2 ends closed (by the end of the run, or lost in the grace and not retried)")
        .isIn("CLOSED", "DISCONNECTED");
  }

  private static JsonObject connection(JsonObject snapshot, String id) {
    for (Object o : snapshot.getJsonArray("connections")) {
      JsonObject c = (JsonObject) o;
      if (id.equals(c.getString("connection_id"))) {
        return c;
      }
    }
    throw new AssertionError("no connection " + id + " in " + snapshot.encode());
  }
}
