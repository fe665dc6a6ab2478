package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code docs/config-example.yaml} with its {@code ci} profile against a testkit echo server
 * (its {@code 127.0.0.1:8080} replaced by the server's address, the duration shortened by a flag),
 * so the documented example stays valid. 8 s, because on a loaded 2-core machine the first connect
 * of a cold JVM has taken 4 s and the example's thresholds need a heartbeat and a reply.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("docs/config-example.yaml runs as documented")
class ConfigExampleDocTest {

  static final Path EXAMPLE = Path.of("..", "docs", "config-example.yaml");

  @TempDir Path dir;
  private EchoServer server;

  @BeforeEach
  void startServer(Vertx vertx) {
    server = EchoServer.deploy(vertx).await();
  }

  @AfterEach
  void stopServer() {
    server.close().await();
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  @Test
  @DisplayName("wsmon run --config docs/config-example.yaml --profile ci: exit 0, groups, calls")
  void exampleRuns() throws Exception {
    String text = Files.readString(EXAMPLE);
    assertThat(text).contains("ws://127.0.0.1:8080/");
    Path config = dir.resolve("config-example.yaml");
    Files.writeString(config, text.replace("127.0.0.1:8080", server.host() + ":" + server.port()));
    Path json = dir.resolve("wsmon.json");
    Path junit = dir.resolve("wsmon-junit.xml");
    Cli cli =
        Cli.run(
            "run",
            "--config",
            config.toString(),
            "--profile",
            "ci",
            "-d",
            "8s",
            "--export-json",
            json.toString(),
            "--junit",
            junit.toString());
    assertThat(cli.code)
        .as(
            "0, or 1 when a threshold of the example fails on a loaded machine (timing): "
                + cli
                + (Files.exists(json) ? readQuietly(json) : "(no export)"))
        .isIn(0, 1);
    if (cli.code == 1) {
      assertThat(cli.err.lines()).allMatch(l -> l.startsWith("FAIL  "));
    }
    assertThat(cli.out).as("the ci profile is quiet").doesNotContain("wsmon summary");
    JsonObject snapshot = new JsonObject(Files.readString(json));
    assertThat(snapshot.getJsonObject("groups").fieldNames())
        .containsExactlyInAnyOrder("primary", "backup");
    JsonObject total = snapshot.getJsonObject("total");
    assertThat(total.getLong("successful_connections")).isEqualTo(3);
    assertThat(total.getLong("messages_received")).isEqualTo(total.getLong("messages_sent"));
    JsonObject calls = total.getJsonObject("scheduled_calls");
    assertThat(calls.getJsonObject("heartbeat").getLong("runs")).isGreaterThanOrEqualTo(3);
    assertThat(calls.getJsonObject("heartbeat").getLong("ok")).isGreaterThanOrEqualTo(1);
    assertThat(calls.getJsonObject("subscribe").getLong("runs"))
        .as("CONNECTED of c-2")
        .isEqualTo(1);
    assertThat(calls.getJsonObject("subscribe").getLong("ok")).isEqualTo(1);
    String report = Files.readString(junit);
    assertThat(report)
        .as("every threshold of the example was parsed and judged")
        .contains("tests=\"5\"")
        .contains("success_rate", "rtt_ms.p99", "disconnections", "scheduled_calls.heartbeat.ok")
        .contains("scheduled_calls.heartbeat.timed_out");
  }
}
