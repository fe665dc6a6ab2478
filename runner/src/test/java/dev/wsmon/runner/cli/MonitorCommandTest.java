package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(90)
@DisplayName("wsmon monitor on the command line")
class MonitorCommandTest {

  @TempDir Path dir;

  @Test
  @DisplayName("watches an endpoint, prints its HTTP base URL, stops cleanly; the server sees 1000")
  void runsAndStops(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    try {
      Cli cli =
          Cli.run("monitor", server.uri("/watch"), "--http-port", "0", "--duration", "1500ms");

      assertThat(cli.code).as(cli.toString()).isZero();
      assertThat(cli.out.strip()).matches("http://127\\.0\\.0\\.1:\\d+/");
      assertThat(cli.err).contains("watching 1 endpoint(s)", "/metrics", "stopped");
      assertThat(server.stats().closeCodesReceived()).containsEntry(1000, 1L);
    } finally {
      server.close().await();
    }
  }

  @Test
  @DisplayName("a YAML config gives the endpoints and the token")
  void yamlConfig(Vertx vertx) throws Exception {
    EchoServer server = EchoServer.deploy(vertx).await();
    try {
      Path config = dir.resolve("monitor.yaml");
      Files.writeString(
          config,
          "endpoints:\n  - "
              + server.uri("/a")
              + "\n  - "
              + server.uri("/b")
              + "\n"
              + "httpPort: 0\ntoken: t0ken\n");
      Cli cli = Cli.run("monitor", "--config", config.toString(), "--duration", "1s");

      assertThat(cli.code).as(cli.toString()).isZero();
      assertThat(cli.err).contains("watching 2 endpoint(s)", "(token required)");
      assertThat(cli.err).doesNotContain("t0ken");
    } finally {
      server.close().await();
    }
  }

  @Test
  @DisplayName("usage errors: no endpoint, bad port, unknown config key")
  void usageErrors() throws Exception {
    Cli none = Cli.run("monitor", "--duration", "1s");
    assertThat(none.code).isEqualTo(2);
    assertThat(none.err).contains("no endpoint");

    Cli port = Cli.run("monitor", "ws://127.0.0.1:1/", "--http-port", "70000");
    assertThat(port.code).isEqualTo(2);
    assertThat(port.err).contains("70000");

    Path config = dir.resolve("bad.json");
    Files.writeString(config, "{\"uri\":\"ws://127.0.0.1:1/\",\"httpPrt\":1}");
    Cli key = Cli.run("monitor", "--config", config.toString());
    assertThat(key.code).isEqualTo(2);
    assertThat(key.err).contains("httpPrt");
  }

  @Test
  @DisplayName(
      "service flags: malformed --probe or --notify exit 2 naming it; a bare host needs --token or --no-token")
  void serviceFlagErrors() throws Exception {
    Cli probe = Cli.run("monitor", "ws://127.0.0.1:1/", "--probe", "every=30s,send=x,tmeout=2s");
    assertThat(probe.code).isEqualTo(2);
    assertThat(probe.err).contains("--probe").contains("unknown probe key 'tmeout'");
    assertThat(probe.err.strip().lines()).hasSize(1);

    Cli notify = Cli.run("monitor", "ws://127.0.0.1:1/", "--notify", "hooks.example.com/x");
    assertThat(notify.code).isEqualTo(2);
    assertThat(notify.err)
        .contains("--notify")
        .contains("invalid notify URL 'hooks.example.com/x'");

    Cli after = Cli.run("monitor", "ws://127.0.0.1:1/", "--notify-after", "soon");
    assertThat(after.code).isEqualTo(2);
    assertThat(after.err).contains("soon");

    Cli exposed = Cli.run("monitor", "ws://127.0.0.1:1/", "--http-host", "0.0.0.0");
    assertThat(exposed.code).isEqualTo(2);
    assertThat(exposed.err.strip().lines()).hasSize(1);
    assertThat(exposed.err).contains("0.0.0.0").contains("--token").contains("--no-token");

    Path config = dir.resolve("probes.yaml");
    Files.writeString(
        config,
        "uri: ws://127.0.0.1:1/\nprobes:\n  - every: 10s\n    send: ping\n    expct: pong\n");
    Cli file = Cli.run("monitor", "--config", config.toString());
    assertThat(file.code).isEqualTo(2);
    assertThat(file.err).contains("probes").contains("expct");
  }

  @Test
  @DisplayName(
      "--http-host 0.0.0.0 --no-token starts on purpose; --probe and --notify are accepted")
  void noTokenOnPurpose(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    try {
      Cli cli =
          Cli.run(
              "monitor",
              server.uri("/watch"),
              "--http-port",
              "0",
              "--http-host",
              "0.0.0.0",
              "--no-token",
              "--probe",
              "every=1s,send={\"op\":\"ping\"},expect=ping,timeout=500ms",
              "--notify",
              "http://127.0.0.1:9/hook",
              "--notify-after",
              "1m",
              "--duration",
              "1500ms");
      assertThat(cli.code).as(cli.err).isZero();
      assertThat(cli.err).contains("watching 1 endpoint(s)");
    } finally {
      server.close().await();
    }
  }
}
