package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.wrapper.MessageCheck;
import dev.wsmon.wrapper.ScenarioStep;
import dev.wsmon.wrapper.monitor.MonitorOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayName("wsmon monitor --scenario, --feeder, --check and the config key scenario")
class MonitorScenarioCliTest {

  static final String SCENARIO =
      """
      scenario:
        name: watch
        steps:
          - send: '@auth.json'
          - expect: {name: authed, json: {op: authed}, timeout: 2s}
          - repeat:
              forever: true
              think: 1s
              steps:
                - send: '{"op":"ping","user":"{feed.user}"}'
                  name: ping
      """;

  @TempDir Path dir;

  private static MonitorOptions monitor(String... args) {
    CommandLine cl =
        WsmonCommand.commandLine(
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(new ByteArrayOutputStream()),
            Map.of());
    MonitorCommand command =
        cl.parseArgs(args).subcommand().commandSpec().commandLine().getCommand();
    return command.options();
  }

  @Test
  @DisplayName("the flags give the scenario (its @FILE read), the feeder and the checks")
  void flags() throws Exception {
    Path scenario = dir.resolve("watch.yaml");
    Files.writeString(scenario, SCENARIO);
    Files.writeString(dir.resolve("auth.json"), "{\"op\":\"auth\",\"id\":\"{conn}\"}");
    Path users = dir.resolve("users.csv");
    Files.writeString(users, "user\nalice\nbob\n");
    MonitorOptions options =
        monitor(
            "monitor",
            "ws://127.0.0.1:1/",
            "--scenario",
            scenario.toString(),
            "--feeder",
            users.toString(),
            "--check",
            "has-op=json:op",
            "--check",
            "no-error=regex:^[^!]*$");
    assertThat(options.getScenario().getName()).isEqualTo("watch");
    assertThat(((ScenarioStep.Send) options.getScenario().getSteps().get(0)).getText())
        .isEqualTo("{\"op\":\"auth\",\"id\":\"{conn}\"}");
    assertThat(options.getFeeder().columns()).containsExactly("user");
    assertThat(options.getMessageChecks())
        .extracting(MessageCheck::getName)
        .containsExactly("has-op", "no-error");
  }

  @Test
  @DisplayName("the config key scenario (inline) and messageChecks; bad values exit 2 naming them")
  void configAndErrors() throws Exception {
    Path config = dir.resolve("monitor.yaml");
    Files.writeString(
        config,
        "uri: ws://127.0.0.1:1/\n"
            + "messageChecks: ['has-op=json:op']\n"
            + SCENARIO.replace("'@auth.json'", "'{\"op\":\"auth\"}'").replace("{feed.user}", "x"));
    MonitorOptions options = monitor("monitor", "--config", config.toString());
    assertThat(options.getScenario().getSteps()).hasSize(3);
    assertThat(options.getMessageChecks()).hasSize(1);

    Path unknown = dir.resolve("unknown.yaml");
    Files.writeString(unknown, SCENARIO.replace("'@auth.json'", "'{nobody}'"));
    Cli bad =
        Cli.run(
            "monitor", "ws://127.0.0.1:1/", "--http-port", "0", "--scenario", unknown.toString());
    assertThat(bad.code).as(bad.toString()).isEqualTo(2);
    assertThat(bad.err).contains("nobody");

    Cli check = Cli.run("monitor", "ws://127.0.0.1:1/", "--check", "oops");
    assertThat(check.code).isEqualTo(2);
    assertThat(check.err).contains("'oops'");
  }
}
