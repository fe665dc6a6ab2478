package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(90)
@DisplayName(
    "wsmon run: the final snapshot's state is the connections' state when the run ended, not after"
        + " wsmon's own close")
class EndStateCliTest {

  @RegisterExtension final EchoServerExtension server = new EchoServerExtension();

  @TempDir Path dir;

  private static List<JsonObject> connections(Cli cli) {
    return cli.export().getJsonArray("connections").stream().map(JsonObject.class::cast).toList();
  }

  @Test
  @DisplayName(
      "a server that closes every connection right after it opens, a 60 s reconnect delay: each connection"
          + " waits to reconnect when -d ends, so it ends RECONNECTING (was CLOSED), not"
          + " connected; the run connected, so exit 0 and a threshold on connected reads 0")
  void waitingToReconnectEndsReconnecting() throws Exception {
    server.faults("close-after=0:1001");
    Cli cli =
        Cli.runExporting(
            dir.resolve("end.json"),
            "run",
            server.uri("/"),
            "-c",
            "2",
            "-d",
            "2s",
            "--reconnect-delay",
            "60s",
            "--max-reconnect-delay",
            "60s",
            "--threshold",
            "connected==0");
    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject total = cli.total();
    assertThat(total.getBoolean("is_connected")).isFalse();
    assertThat(total.getInteger("connected")).isZero();
    assertThat(total.getLong("successful_connections")).isEqualTo(2);
    assertThat(total.getLong("attempts_abandoned")).isZero();
    assertThat(connections(cli))
        .hasSize(2)
        .allSatisfy(
            c -> {
              assertThat(c.getString("state")).isEqualTo("RECONNECTING");
              assertThat(c.getBoolean("is_connected")).isFalse();
              assertThat(c.getDouble("current_uptime_seconds")).isZero();
            });
    assertThat(cli.out).containsPattern("not connected\\s+c-1 RECONNECTING, c-2 RECONNECTING");
    assertThat(cli.out + cli.err).contains("PASS  connected == 0");
  }

  @Test
  @DisplayName(
      "a server that never answers the upgrade: the attempts in flight at the end end CONNECTING"
          + " (was CLOSED), their outcome is attempts_abandoned; exit 3")
  void attemptInFlightEndsConnecting() throws Exception {
    server.faults("no-upgrade");
    Cli cli =
        Cli.runExporting(
            dir.resolve("silent.json"),
            "run",
            server.uri("/"),
            "-c",
            "2",
            "-d",
            "1s",
            "--connect-timeout",
            "30s");
    assertThat(cli.code).as(cli.toString()).isEqualTo(3);
    assertThat(cli.total().getLong("attempts_abandoned")).isEqualTo(2);
    assertThat(connections(cli))
        .extracting(c -> c.getString("state"))
        .containsExactly("CONNECTING", "CONNECTING");
    assertThat(cli.out).containsPattern("not connected\\s+c-1 CONNECTING, c-2 CONNECTING");
  }

  @Test
  @DisplayName(
      "a connection still waiting in the ramp-up when the run ends never started: the end's close"
          + " is its only state (CLOSED); the one that started is CONNECTED")
  void unstartedRampSlotEndsClosed() throws Exception {
    Cli cli =
        Cli.runExporting(
            dir.resolve("ramp.json"),
            "run",
            server.uri("/"),
            "-c",
            "2",
            "--ramp-up",
            "20s",
            "-d",
            "1s");
    assertThat(cli.code).as(cli.toString()).isZero();
    assertThat(connections(cli))
        .extracting(c -> c.getString("connection_id") + " " + c.getString("state"))
        .containsExactly("c-1 CONNECTED", "c-2 CLOSED");
    assertThat(cli.total().getInteger("connected")).isEqualTo(1);
    assertThat(cli.out).containsPattern("not connected\\s+c-2 CLOSED");
  }

  @Test
  @DisplayName(
      "an open connection that the server closes during the grace ends CONNECTED: the"
          + " disconnection counts, it is not retried, the request it took along is abandoned")
  void lostInTheGraceEndsConnected() throws Exception {
    // both requests leave at the open and every echo takes 1.5 s, so the run (1 s) ends with both
    // in flight; the server echoes the first and closes with 4000 while the grace awaits the second
    server.faults("delay=1500ms", "close-after=1:4000");
    Cli cli =
        Cli.runExporting(
            dir.resolve("grace.json"),
            "run",
            server.uri("/"),
            "-d",
            "1s",
            "--send",
            "m{seq}",
            "--rate",
            "0",
            "--window",
            "2",
            "--threshold",
            "connected==1");
    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject total = cli.total();
    assertThat(total.getBoolean("is_connected")).isTrue();
    assertThat(total.getInteger("connected")).isEqualTo(1);
    assertThat(total.getLong("disconnections")).isEqualTo(1);
    assertThat(total.getJsonObject("close_codes").getLong("4000")).isEqualTo(1);
    assertThat(total.getLong("connection_attempts")).isEqualTo(1);
    assertThat(total.getLong("reconnections")).isZero();
    assertThat(total.getLong("messages_sent")).isEqualTo(2);
    assertThat(total.getLong("messages_received")).isEqualTo(1);
    assertThat(total.getLong("requests_abandoned")).isEqualTo(1);
    assertThat(connections(cli))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getString("state")).isEqualTo("CONNECTED");
              assertThat(c.getBoolean("is_connected")).isTrue();
              assertThat(c.getDouble("current_uptime_seconds")).isPositive();
            });
    assertThat(cli.out).doesNotContain("not connected");
    assertThat(cli.out + cli.err).contains("PASS  connected == 1");
  }

  @Test
  @DisplayName(
      "a --hold close still awaiting its reply when the run ends: the connection ends CONNECTED,"
          + " a close of wsmon's own (no disconnection), the reply counted")
  void holdAwaitingRepliesEndsConnected() throws Exception {
    // the request leaves at the open, its echo takes 2 s: the hold close (0.5 s) waits for it and
    // the run ends (1 s) during that wait
    server.faults("delay=2s");
    Cli cli =
        Cli.runExporting(
            dir.resolve("hold.json"),
            "run",
            server.uri("/"),
            "-d",
            "1s",
            "--hold",
            "500ms",
            "--send",
            "m{seq}",
            "--rate",
            "0",
            "--grace",
            "5s");
    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject total = cli.total();
    assertThat(total.getBoolean("is_connected")).isTrue();
    assertThat(total.getLong("disconnections")).isZero();
    assertThat(total.getLong("connection_attempts")).isEqualTo(1);
    assertThat(total.getLong("messages_sent")).isEqualTo(1);
    assertThat(total.getLong("messages_received")).isEqualTo(1);
    assertThat(total.getLong("requests_abandoned")).isZero();
    assertThat(connections(cli)).extracting(c -> c.getString("state")).containsExactly("CONNECTED");
  }

  @Test
  @DisplayName(
      "a --hold connection reopening when the run ends: it ends CONNECTING, the reopening attempt"
          + " abandoned, no disconnection")
  void holdReopeningEndsConnecting() throws Exception {
    // every handshake takes 1 s: the first completes at 1 s, the hold closes it at 1.2 s and the
    // reopening attempt is in flight from then until 2.2 s; the run ends at 1.7 s
    server.faults("handshake-delay=1s");
    Cli cli =
        Cli.runExporting(
            dir.resolve("reopen.json"), "run", server.uri("/"), "-d", "1700ms", "--hold", "200ms");
    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject total = cli.total();
    assertThat(total.getLong("connection_attempts")).isEqualTo(2);
    assertThat(total.getLong("successful_connections")).isEqualTo(1);
    assertThat(total.getLong("attempts_abandoned")).isEqualTo(1);
    assertThat(total.getLong("disconnections")).isZero();
    assertThat(total.getBoolean("is_connected")).isFalse();
    assertThat(connections(cli))
        .extracting(c -> c.getString("state"))
        .containsExactly("CONNECTING");
    assertThat(cli.out).containsPattern("not connected\s+c-1 CONNECTING");
  }
}
