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
 * so the documented example stays valid.
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
            "2500ms",
            "--export-json",
            json.toString(),
            "--junit",
            junit.toString());
    assertThat(cli.code).as(cli.toString()).isZero();
    assertThat(cli.out).as("the ci profile is quiet").doesNotContain("wsmon summary");
    JsonObject snapshot = new JsonObject(Files.readString(json));
    assertThat(snapshot.getJsonObject("groups").fieldNames())
        .containsExactlyInAnyOrder("primary", "backup");
    JsonObject total = snapshot.getJsonObject("total");
    assertThat(total.getLong("successful_connections")).isEqualTo(3);
    assertThat(total.getLong("messages_received")).isEqualTo(total.getLong("messages_sent"));
    JsonObject calls = total.getJsonObject("scheduled_calls");
    assertThat(calls.getJsonObject("heartbeat").getLong("ok")).isGreaterThanOrEqualTo(2);
    assertThat(calls.getJsonObject("subscribe").getLong("ok")).isEqualTo(1);
    assertThat(Files.readString(junit)).contains("scheduled_calls.heartbeat.failed");
  }
}
