package dev.wsmon.runner.cli;

import static dev.wsmon.runner.cli.OneRunEveryOutputTest.assertEveryAttemptHasAnOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServerStats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(90)
@DisplayName(
    "wsmon run: every connection attempt has an outcome, a success, a failure or abandoned at the"
        + " end")
class AttemptAccountingCliTest {

  @RegisterExtension final EchoServerExtension server = new EchoServerExtension();

  @TempDir Path dir;

  @Test
  @DisplayName(
      "a server that accepts TCP and never answers the upgrade, --connect-timeout longer than the"
          + " run: every attempt abandoned at the end, none a failure; exit 3, health untouched by"
          + " them")
  void upgradeNeverAnswered() throws Exception {
    server.faults("no-upgrade");
    Path events = dir.resolve("events.jsonl");
    Cli cli =
        Cli.runExporting(
            dir.resolve("silent.json"),
            "run",
            server.uri("/"),
            "-c",
            "3",
            "-d",
            "1s",
            "--connect-timeout",
            "30s",
            "--events-jsonl",
            events.toString());
    assertThat(cli.code).as("no connection ever succeeded: %s", cli).isEqualTo(3);
    JsonObject total = cli.total();
    assertThat(total.getLong("connection_attempts")).isEqualTo(3);
    assertThat(total.getLong("attempts_abandoned")).isEqualTo(3);
    assertThat(total.getLong("failed_connections")).isZero();
    assertThat(total.getLong("successful_connections")).isZero();
    assertThat(total.getValue("success_rate")).as("no attempt completed").isNull();
    assertThat(total.getDouble("health_score"))
        .as("only 'not connected' costs (−25); abandoned attempts are not failures")
        .isEqualTo(75.0);
    JsonArray connections = cli.export().getJsonArray("connections");
    assertThat(connections).hasSize(3);
    connections.forEach(
        c -> {
          assertThat(((JsonObject) c).getLong("attempts_abandoned")).isEqualTo(1);
          assertEveryAttemptHasAnOutcome((JsonObject) c);
        });
    assertThat(cli.out).contains("failures 0   abandoned 3   success rate n/a");
    assertThat(Files.readAllLines(events))
        .filteredOn(l -> new JsonObject(l).getString("type").equals("CLOSED"))
        .extracting(l -> new JsonObject(l).getString("reason"))
        .containsExactly(
            "attempt abandoned: run ended",
            "attempt abandoned: run ended",
            "attempt abandoned: run ended");
    assertThat(server.stats().handshakesUnanswered()).isEqualTo(3);
  }

  @Test
  @DisplayName(
      "a server that answers the upgrade after 1 s and closes at once, reconnects after 20 ms: a"
          + " 3 s run ends during every connection's third attempt, abandoned; attempts =="
          + " successes + failures +"
          + " abandoned and the server's handshakes are between successes and successes +"
          + " abandoned; a threshold reads the key")
  void reconnectsInFlightAtTheEnd() throws Exception {
    // in phase: every connection's attempts run 0-1 s, 1.02-2.02 s, 2.04-3.04 s, so the end (3 s)
    // finds each one in flight whatever the load (a third attempt that starts late still starts
    // before the end, and none can finish before it); with a shorter delay the ten could all be
    // waiting to reconnect at the end
    server.faults("handshake-delay=1s", "close-after=0:1000");
    Cli cli =
        Cli.runExporting(
            dir.resolve("churn.json"),
            "run",
            server.uri("/"),
            "-c",
            "10",
            "-d",
            "3s",
            "--reconnect-delay",
            "20ms",
            "--max-reconnect-delay",
            "20ms",
            "--max-reconnect-attempts",
            "-1",
            "--threshold",
            "attempts_abandoned>=1");
    assertThat(cli.code).as(cli.toString()).isZero();
    assertThat(cli.out + cli.err).contains("PASS  attempts_abandoned >= 1");
    JsonObject doc = cli.export();
    JsonObject total = doc.getJsonObject("total");
    assertThat(total.getLong("successful_connections")).isGreaterThanOrEqualTo(10);
    assertThat(total.getLong("attempts_abandoned")).isBetween(1L, 10L);
    assertEveryAttemptHasAnOutcome(total);
    doc.getJsonArray("connections").forEach(c -> assertEveryAttemptHasAnOutcome((JsonObject) c));
    assertThat(total.getDouble("success_rate")).isEqualTo(100.0);
    long successes = total.getLong("successful_connections");
    // the server may complete the handshake of an abandoned attempt too (wsmon closes it unused)
    EchoServerStats st =
        server.server().statsWhen(s -> s.connectionsOpen() == 0, Duration.ofSeconds(5)).await();
    assertThat(st.connectionsOpened())
        .isBetween(successes, successes + total.getLong("attempts_abandoned"));
  }
}
