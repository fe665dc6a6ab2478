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

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("wsmon run: scheduled calls from the config file run and are counted")
class RunScheduledCallsTest {

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
  @DisplayName("every/on calls with expectations: runs, ok, timed_out in the JSON export")
  void scheduledCallsRunAndCount() throws Exception {
    Path config = dir.resolve("calls.yaml");
    Files.writeString(
        config,
        "uri: "
            + server.uri("/echo")
            + "\n"
            + "connections: 2\n"
            + "scheduledCalls:\n"
            + "  - {name: heartbeat, every: 200ms, payload: hb, expect: hb, maxRuns: 3}\n"
            + "  - {name: hello, on: CONNECTED, connectionId: c-2, payload: hello,"
            + " expect: 'hel+o'}\n"
            + "  - {name: unanswered, on: CONNECTED, payload: q, expect: never, timeout: 300ms}\n"
            + "thresholds: ['scheduled_calls.hello.ok==1']\n");
    Path json = dir.resolve("run.json");
    Cli cli =
        Cli.run("run", "--config", config.toString(), "-d", "3s", "--export-json", json.toString());
    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject total = new JsonObject(Files.readString(json)).getJsonObject("total");
    JsonObject calls = total.getJsonObject("scheduled_calls");
    JsonObject heartbeat = calls.getJsonObject("heartbeat");
    assertThat(heartbeat.getLong("runs")).as("maxRuns").isEqualTo(3);
    assertThat(
            heartbeat.getLong("ok") + heartbeat.getLong("failed") + heartbeat.getLong("timed_out"))
        .as("every run ended within the grace period")
        .isEqualTo(3);
    assertThat(heartbeat.getJsonObject("latency_ms").getLong("count"))
        .isEqualTo(heartbeat.getLong("ok"));
    JsonObject hello = calls.getJsonObject("hello");
    assertThat(hello.getLong("runs")).as("one CONNECTED of c-2").isEqualTo(1);
    assertThat(hello.getLong("ok")).isEqualTo(1);
    JsonObject unanswered = calls.getJsonObject("unanswered");
    assertThat(unanswered.getLong("runs")).as("one CONNECTED of c-1").isEqualTo(1);
    assertThat(unanswered.getLong("timed_out")).isEqualTo(1);
    assertThat(unanswered.getLong("ok")).isZero();
    long sent = total.getLong("messages_sent");
    assertThat(sent)
        .as("hello + q + the heartbeats sent while connected")
        .isGreaterThanOrEqualTo(2);
    assertThat(server.stats().messagesReceived()).isEqualTo(sent);
    assertThat(cli.out).contains("heartbeat").contains("PASS  scheduled_calls.hello.ok");
  }

  @Test
  @DisplayName("runs still waiting at the end fail with 'closed', named in the events")
  void pendingRunsFailClosedAtTheEnd() throws Exception {
    Path config = dir.resolve("pending.yaml");
    Files.writeString(
        config,
        "uri: "
            + server.uri("/echo")
            + "\n"
            + "scheduledCalls:\n"
            + "  - {name: pending, every: 100ms, payload: q, expect: never, timeout: 30s}\n");
    Path json = dir.resolve("run.json");
    Cli cli =
        Cli.run(
            "run",
            "--config",
            config.toString(),
            "-d",
            "1s",
            "--grace",
            "200ms",
            "--export-json",
            json.toString());
    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject doc = new JsonObject(Files.readString(json));
    JsonObject pending =
        doc.getJsonObject("total").getJsonObject("scheduled_calls").getJsonObject("pending");
    assertThat(pending.getLong("runs")).isPositive();
    assertThat(pending.getLong("failed"))
        .as("every run has an outcome")
        .isEqualTo(pending.getLong("runs"));
    assertThat(pending.getLong("timed_out")).isZero();
    assertThat(doc.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("reason")))
        .contains("scheduled call 'pending' failed at its expect: closed");
  }
}
