package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.Backpressure;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.Correlation;
import dev.wsmon.runner.config.ConfigException;
import dev.wsmon.runner.config.ConnectionKeys;
import dev.wsmon.runner.load.RunEndpoints;
import dev.wsmon.runner.load.RunSettings;
import dev.wsmon.wrapper.monitor.MonitorOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

@DisplayName("connection options: one vocabulary, a flag, a key and a variable in run and monitor")
class ConnectionFlagsTest {

  private static final String[] EVERY_FLAG = {
    "-c",
    "2",
    "--ramp-up",
    "1s",
    "--correlate",
    "json:id",
    "--ping-interval",
    "3s",
    "--pong-timeout",
    "4s",
    "--seq-field",
    "seq",
    "--ts-field",
    "ts",
    "--ts-unit",
    "MS",
    "--max-silence",
    "5s",
    "--max-reconnect-attempts",
    "7",
    "--reconnect-delay",
    "200ms",
    "--max-reconnect-delay",
    "9s",
    "--backoff-multiplier",
    "3",
    "--jitter",
    "0.1",
    "--stable-after",
    "11s",
    "--no-auto-reconnect",
    "--connect-timeout",
    "2s",
    "-H",
    "X-A: b",
    "--subprotocol",
    "p1",
    "--insecure",
    "--per-message-deflate",
    "--max-frame-size",
    "1000",
    "--max-message-size",
    "5000",
    "--validate-utf8",
    "--protocol-error-policy",
    "CLOSE",
    "--send-buffer-size",
    "8",
    "--backpressure",
    "FAIL",
    "--max-pending-writes",
    "99",
    "--max-pending-requests",
    "77",
    "--non-retried-statuses",
    "401,404",
    "--non-retried-close-codes",
    "1008,4000",
    "--retry-after-statuses",
    "429",
    "--no-honour-retry-after",
    "--local-address",
    "127.0.0.1"
  };

  @TempDir Path dir;

  private static CommandLine parse(Map<String, String> env, String... args) {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    CommandLine cl = WsmonCommand.commandLine(sink, sink, env);
    cl.parseArgs(args);
    return cl;
  }

  private static ConnectionOptions monitorEndpoint(Map<String, String> env, String... args) {
    CommandLine cl = parse(env, args);
    MonitorCommand monitor = cl.getSubcommands().get("monitor").getCommand();
    MonitorOptions options = monitor.options();
    return options.getEndpoints().get(0);
  }

  private static ConnectionOptions runEndpoint(Map<String, String> env, String... args) {
    CommandLine cl = parse(env, args);
    RunCommand run = cl.getSubcommands().get("run").getCommand();
    return RunEndpoints.of(RunSettings.from(run.configSource())).get(0);
  }

  private static String[] concat(String first, String uri, String... rest) {
    String[] out = new String[rest.length + 2];
    out[0] = first;
    out[1] = uri;
    System.arraycopy(rest, 0, out, 2, rest.length);
    return out;
  }

  private static void assertEveryFlagApplied(ConnectionOptions o) {
    assertThat(o.getConnections()).isEqualTo(2);
    assertThat(o.getRampUp()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.getSendOptions().getCorrelation().toString())
        .isEqualTo(Correlation.jsonField("id").toString());
    assertThat(o.getPingInterval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(o.getPongTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(o.getFeedOptions().getSeqField()).isEqualTo("seq");
    assertThat(o.getFeedOptions().getTsField()).isEqualTo("ts");
    assertThat(o.getFeedOptions().getTsUnit().name()).isEqualTo("MS");
    assertThat(o.getFeedOptions().getMaxSilence()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.getReconnectPolicy().getMaxReconnectAttempts()).isEqualTo(7);
    assertThat(o.getReconnectPolicy().getReconnectDelay()).isEqualTo(Duration.ofMillis(200));
    assertThat(o.getReconnectPolicy().getMaxReconnectDelay()).isEqualTo(Duration.ofSeconds(9));
    assertThat(o.getReconnectPolicy().getBackoffMultiplier()).isEqualTo(3.0);
    assertThat(o.getReconnectPolicy().getJitter()).isEqualTo(0.1);
    assertThat(o.getReconnectPolicy().getStableAfter()).isEqualTo(Duration.ofSeconds(11));
    assertThat(o.getReconnectPolicy().isAutoReconnect()).isFalse();
    assertThat(o.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.getHeaders()).containsEntry("X-A", "b");
    assertThat(o.getSubprotocols()).containsExactly("p1");
    assertThat(o.isTrustAll()).isTrue();
    assertThat(o.isVerifyHost()).isFalse();
    assertThat(o.isPerMessageDeflate()).isTrue();
    assertThat(o.getMaxFrameSize()).isEqualTo(1000);
    assertThat(o.getMaxMessageSize()).isEqualTo(5000);
    assertThat(o.isValidateUtf8()).isTrue();
    assertThat(o.getProtocolErrorPolicy().name()).isEqualTo("CLOSE");
    assertThat(o.getSendOptions().getSendBufferSize()).isEqualTo(8);
    assertThat(o.getSendOptions().getBackpressure()).isEqualTo(Backpressure.FAIL);
    assertThat(o.getSendOptions().getMaxPendingWrites()).isEqualTo(99);
    assertThat(o.getSendOptions().getMaxPendingRequests()).isEqualTo(77);
    assertThat(o.getLocalAddress()).isEqualTo("127.0.0.1");
    assertThat(o.getReconnectPolicy().getNonRetriedStatuses()).containsExactlyInAnyOrder(401, 404);
    assertThat(o.getReconnectPolicy().getNonRetriedCloseCodes())
        .containsExactlyInAnyOrder(1008, 4000);
    assertThat(o.getReconnectPolicy().getRetryAfterStatuses()).containsExactly(429);
    assertThat(o.getReconnectPolicy().isHonourRetryAfter()).isFalse();
  }

  @Test
  @DisplayName("every connection option has a flag in both run and monitor (one shared mixin)")
  void sameFlagsInBoth() {
    CommandLine cl = parse(Map.of(), "--help");
    Set<String> run = names(cl.getSubcommands().get("run"));
    Set<String> monitor = names(cl.getSubcommands().get("monitor"));
    Map<String, String> documented =
        Map.of(
            "headers", "--header",
            "subprotocols", "--subprotocol",
            "autoReconnect", "--no-auto-reconnect",
            "verifyHost", "--no-verify-host",
            "correlation", "--correlate",
            "trustAll", "--insecure",
            "nonRetriedStatuses", "--non-retried-statuses",
            "nonRetriedCloseCodes", "--non-retried-close-codes",
            "retryAfterStatuses", "--retry-after-statuses",
            "honourRetryAfter", "--no-honour-retry-after");
    for (String key : ConnectionKeys.KEYS) {
      String flag =
          documented.getOrDefault(
              key, "--" + key.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase());
      assertThat(run).as("run flag for %s", key).contains(flag);
      assertThat(monitor).as("monitor flag for %s", key).contains(flag);
    }
  }

  private static Set<String> names(CommandLine cl) {
    return cl.getCommandSpec().options().stream()
        .flatMap(o -> List.of(o.names()).stream())
        .collect(Collectors.toSet());
  }

  @Test
  @DisplayName("monitor: every connection flag reaches every endpoint")
  void monitorTakesEveryFlag() {
    assertEveryFlagApplied(
        monitorEndpoint(Map.of(), concat("monitor", "ws://127.0.0.1:1/", EVERY_FLAG)));
  }

  @Test
  @DisplayName("run: every connection flag reaches the endpoint")
  void runTakesEveryFlag() {
    assertEveryFlagApplied(runEndpoint(Map.of(), concat("run", "ws://127.0.0.1:1/", EVERY_FLAG)));
  }

  @Test
  @DisplayName("WSMON_* variables set connection options in both commands, booleans parsed alike")
  void environment() {
    Map<String, String> env =
        Map.of(
            "WSMON_PER_MESSAGE_DEFLATE", "yes",
            "WSMON_MAX_FRAME_SIZE", "2048",
            "WSMON_VALIDATE_UTF8", "on",
            "WSMON_RECONNECT_DELAY", "300ms",
            "WSMON_CORRELATION", "none");
    for (ConnectionOptions o :
        List.of(
            monitorEndpoint(env, "monitor", "ws://127.0.0.1:1/"),
            runEndpoint(env, "run", "ws://127.0.0.1:1/"))) {
      assertThat(o.isPerMessageDeflate()).isTrue();
      assertThat(o.getMaxFrameSize()).isEqualTo(2048);
      assertThat(o.isValidateUtf8()).isTrue();
      assertThat(o.getReconnectPolicy().getReconnectDelay()).isEqualTo(Duration.ofMillis(300));
      assertThat(o.getSendOptions().getCorrelation()).isEqualTo(Correlation.none());
    }
  }

  @Test
  @DisplayName("config keys are the options' names; correlate and insecure stay as aliases")
  void configKeysAndAliases() throws Exception {
    Path options = dir.resolve("options.yaml");
    Files.writeString(
        options,
        "perMessageDeflate: true\nmaxMessageSize: 4096\ncorrelation: json:id\ntrustAll: true\n");
    Path aliases = dir.resolve("aliases.yaml");
    Files.writeString(aliases, "correlate: json:id\ninsecure: true\n");
    for (String cmd : List.of("run", "monitor")) {
      for (Path file : List.of(options, aliases)) {
        String[] args = {cmd, "ws://127.0.0.1:1/", "--config", file.toString()};
        ConnectionOptions o =
            cmd.equals("run") ? runEndpoint(Map.of(), args) : monitorEndpoint(Map.of(), args);
        assertThat(o.getSendOptions().getCorrelation().toString())
            .as(cmd + " " + file)
            .isEqualTo(Correlation.jsonField("id").toString());
        assertThat(o.isTrustAll()).isTrue();
        assertThat(o.isVerifyHost()).isFalse();
      }
    }
    assertThat(runEndpoint(Map.of(), "run", "ws://h:1/", "--config", options.toString()))
        .satisfies(o -> assertThat(o.getMaxMessageSize()).isEqualTo(4096))
        .satisfies(o -> assertThat(o.isPerMessageDeflate()).isTrue());
  }

  @Test
  @DisplayName("a bad value names where it came from: flag, variable or file")
  void badValueNamesItsOrigin() throws Exception {
    Cli flag = Cli.run("monitor", "ws://h:1/", "--max-frame-size", "big");
    assertThat(flag.code).as(flag.toString()).isEqualTo(2);
    assertThat(flag.err).contains("--max-frame-size").contains("big");
    assertThatThrownBy(
            () -> runEndpoint(Map.of("WSMON_BACKPRESSURE", "SOMETIMES"), "run", "ws://h:1/"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("WSMON_BACKPRESSURE")
        .hasMessageContaining("SOMETIMES");
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "validateUtf8: perhaps\n");
    assertThatThrownBy(
            () -> monitorEndpoint(Map.of(), "monitor", "ws://h:1/", "--config", file.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("validateUtf8 in " + file)
        .hasMessageContaining("perhaps");
    Cli cli = Cli.run("monitor", "ws://h:1/", "--max-message-size", "-5");
    assertThat(cli.code).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("--max-message-size");
  }

  static Set<String> optionNames(List<OptionSpec> options) {
    return options.stream().map(OptionSpec::longestName).collect(Collectors.toSet());
  }
}
