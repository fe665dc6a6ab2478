package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.runner.load.RunEndpoints;
import dev.wsmon.runner.load.RunSettings;
import dev.wsmon.tracker.TrackerOptions;
import dev.wsmon.wrapper.monitor.MonitorOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(120)
@DisplayName("one configuration model: run and monitor read the options' JSON the same way")
class OneConfigModelTest {

  @TempDir Path dir;

  private static CommandLine parse(Map<String, String> env, String... args) {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    CommandLine cl = WsmonCommand.commandLine(sink, sink, env);
    cl.parseArgs(args);
    return cl;
  }

  private static RunSettings run(Map<String, String> env, String... args) {
    RunCommand run = parse(env, args).getSubcommands().get("run").getCommand();
    return RunSettings.from(run.configSource());
  }

  private static MonitorOptions monitor(Map<String, String> env, String... args) {
    MonitorCommand monitor = parse(env, args).getSubcommands().get("monitor").getCommand();
    return monitor.options();
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static void usage(Cli cli, String... parts) {
    assertThat(cli.code).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).as(cli.toString()).contains(parts).doesNotContain("Exception", "\tat ");
    assertThat(cli.err.strip().lines()).as(cli.err).hasSize(1);
  }

  @Test
  @DisplayName("a bad value is named as written: the option's name or its alias, file or variable")
  void aliasesNamedAsWritten() throws Exception {
    for (String cmd : List.of("run", "monitor")) {
      Path alias = write(cmd + "-alias.yaml", "insecure: perhaps\n");
      usage(
          Cli.run(cmd, "ws://127.0.0.1:1/", "--config", alias.toString()),
          "insecure in " + alias,
          "'perhaps'");
      Path name = write(cmd + "-name.yaml", "trustAll: perhaps\n");
      usage(
          Cli.run(cmd, "ws://127.0.0.1:1/", "--config", name.toString()),
          "trustAll in " + name,
          "'perhaps'");
      usage(
          Cli.run(Map.of("WSMON_CORRELATE", "lifo"), cmd, "ws://127.0.0.1:1/"),
          "WSMON_CORRELATE",
          "'lifo'",
          "fifo, json:FIELD, binary:OFFSET:LEN or none");
    }
  }

  @Test
  @DisplayName("the primary keys correlation and trustAll win over their aliases in one file")
  void primaryKeysAndAliasesTogether() throws Exception {
    Path file =
        write(
            "both.yaml", "correlate: fifo\ncorrelation: none\ninsecure: true\nverifyHost: true\n");
    ConnectionOptions o =
        RunEndpoints.of(run(Map.of(), "run", "ws://127.0.0.1:1/", "--config", file.toString()))
            .get(0);
    assertThat(o.getSendOptions().getCorrelation().kind().name()).isEqualTo("NONE");
    assertThat(o.isTrustAll()).isTrue();
    assertThat(o.isVerifyHost()).as("an explicit verifyHost wins over insecure's").isTrue();
  }

  @Test
  @DisplayName("tracker keys go through TrackerOptions' JSON: same booleans, same errors")
  void trackerThroughTrackerOptions() throws Exception {
    Map<String, String> env =
        Map.of("WSMON_TRACK_EVENTS", "no", "WSMON_HISTORY_SIZE", "25", "WSMON_LOG_STATS", "off");
    TrackerOptions fromRun = run(env, "run", "ws://127.0.0.1:1/").tracker;
    TrackerOptions fromMonitor = monitor(env, "monitor", "ws://127.0.0.1:1/").getTrackerOptions();
    for (TrackerOptions t : List.of(fromRun, fromMonitor)) {
      assertThat(t.isTrackEvents()).isFalse();
      assertThat(t.isLogStats()).isFalse();
      assertThat(t.getHistorySize()).isEqualTo(25);
    }
    Path file = write("history.yaml", "historySize: 0\n");
    for (String cmd : List.of("run", "monitor")) {
      usage(
          Cli.run(cmd, "ws://127.0.0.1:1/", "--config", file.toString()),
          "historySize in " + file,
          "at least 1");
    }
  }

  @Test
  @DisplayName("every reconnect key is typed alike from the environment (retryRefusals=yes)")
  void reconnectKeysFromEnvironment() {
    Map<String, String> env = Map.of("WSMON_RETRY_REFUSALS", "yes");
    assertThat(
            RunEndpoints.of(run(env, "run", "ws://127.0.0.1:1/"))
                .get(0)
                .getReconnectPolicy()
                .isRetryRefusals())
        .isTrue();
    assertThat(
            monitor(env, "monitor", "ws://127.0.0.1:1/")
                .getEndpoints()
                .get(0)
                .getReconnectPolicy()
                .isRetryRefusals())
        .isTrue();
  }

  @Test
  @DisplayName(
      "TLS keys are checked together: certFile alone names its origin, with keyFile it is fine")
  void tlsKeysCheckedTogether() throws Exception {
    Path alone = write("cert.yaml", "certFile: /nope/client.pem\n");
    usage(
        Cli.run("run", "ws://127.0.0.1:1/", "--config", alone.toString()),
        "certFile in " + alone,
        "needs keyFile");
    Path pair = write("pair.yaml", "certFile: /nope/client.pem\nkeyFile: /nope/client.key\n");
    for (String cmd : List.of("run", "monitor")) {
      Cli cli = Cli.run(cmd, "ws://127.0.0.1:1/", "--config", pair.toString());
      assertThat(cli.code).as(cli.toString()).isEqualTo(2);
      assertThat(cli.err).as(cli.toString()).contains("/nope/client.pem").doesNotContain("needs");
    }
  }

  @Test
  @DisplayName("header names are HTTP tokens in both commands, from any layer")
  void headerNames() {
    for (String cmd : List.of("run", "monitor")) {
      usage(
          Cli.run(Map.of("WSMON_HEADERS", "ключ: v"), cmd, "ws://127.0.0.1:1/"),
          "WSMON_HEADERS",
          "'ключ' is not a valid header name");
    }
  }
}
