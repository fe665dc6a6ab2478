package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(90)
@DisplayName(
    "wsmon run: the final snapshot's state is the connections' state when the run ended, not after"
        + " wsmon's own close")
class EndStateCliTest {

  @TempDir Path dir;

  private static List<JsonObject> connections(Cli cli) {
    return cli.export().getJsonArray("connections").stream().map(JsonObject.class::cast).toList();
  }

  @Test
  @DisplayName(
      "a server that closes every connection right after it opens, a 60 s reconnect delay: each connection"
          + " waits to reconnect when -d ends, so it ends RECONNECTING (was CLOSED), not"
          + " connected; the run connected, so exit 0 and a threshold on connected reads 0")
  void waitingToReconnectEndsReconnecting(Vertx vertx) throws Exception {
    EchoServer server = FaultServers.serve(vertx, "close-after=0:1001");
    try {
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
    } finally {
      server.close().await();
    }
  }

  @Test
  @DisplayName(
      "a server that never answers the upgrade: the attempts in flight at the end end CONNECTING"
          + " (was CLOSED), their outcome is attempts_abandoned; exit 3")
  void attemptInFlightEndsConnecting(Vertx vertx) throws Exception {
    EchoServer server = FaultServers.serve(vertx, "no-upgrade");
    try {
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
    } finally {
      server.close().await();
    }
  }

  @Test
  @DisplayName(
      "a connection still waiting in the ramp-up when the run ends never started: the end's close"
          + " is its only state (CLOSED); the one that started is CONNECTED")
  void unstartedRampSlotEndsClosed(Vertx vertx) throws Exception {
    EchoServer server = EchoServer.deploy(vertx).await();
    try {
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
    } finally {
      server.close().await();
    }
  }
}
