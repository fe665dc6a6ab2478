package dev.wsmon.runner.cli;

import dev.wsmon.runner.config.ConfigSource;
import dev.wsmon.runner.load.RunExecution;
import dev.wsmon.runner.load.RunSettings;
import dev.wsmon.runner.report.ProgressReporter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code wsmon run}: opens connections, sends, measures, reports, and exits with a verdict. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Open N WebSocket connections to a ws:// or wss:// URI, optionally send messages at a fixed"
          + " rate, measure connects, disconnects, reconnects, messages and round trips, then print"
          + " a summary, write the exports asked for and exit with a verdict.",
      "In --send, -H and the URI, {conn} is the connection number and {seq} a per-connection"
          + " sequence number. Durations: 500ms, 10s, 2m, 1h or milliseconds.",
      "Every flag has a config key (--reconnect-delay <-> reconnectDelay) and an environment"
          + " variable (WSMON_RECONNECT_DELAY). Precedence: flags > environment > --profile >"
          + " --config file > defaults. See docs/configuration.md."
    },
    footer = {
      "",
      "Thresholds: METRIC OP NUMBER over the total stats, e.g. success_rate>=99, rtt_ms.p99<50,"
          + " disconnections==0 (OP: < <= > >= == !=); a threshold on a null value fails.",
      "Exit codes: 0 success; 1 a threshold failed; 2 usage or configuration error;"
          + " 3 could not run (no connection ever succeeded; wins over 1).",
      "",
      "Example: wsmon run ws://127.0.0.1:8080/echo -c 10 -d 30s --send 'hello {conn}-{seq}'"
          + " --rate 5 --threshold 'rtt_ms.p99<50' --junit wsmon-junit.xml"
    })
public final class RunCommand implements Callable<Integer> {

  @ParentCommand WsmonCommand parent;
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "<ws-uri>",
      description =
          "Target ws:// or wss:// URI (may be left out when --config gives uri/endpoints).")
  String uri;

  @Option(
      names = {"-d", "--duration"},
      paramLabel = "DUR",
      converter = Converters.DurationConverter.class,
      description =
          "Run length, counted from the start and including ramp-up (default: until" + " Ctrl-C).")
  Duration duration;

  @Option(
      names = "--send",
      paramLabel = "TEXT|@FILE",
      description =
          "Payload to send on every connection ({conn}/{seq} templating); @FILE sends a" + " file.")
  String send;

  @Option(names = "--binary", description = "Send binary messages (with --send).")
  boolean binary;

  @Option(
      names = "--rate",
      paramLabel = "MSGS_PER_SEC",
      description =
          "Messages per second per connection (default: 1 with --send); 0 = as fast as"
              + " replies allow, keeping --window in flight.")
  Double rate;

  @Option(
      names = "--window",
      paramLabel = "N",
      description = "Messages in flight per connection with --rate 0 (default: 1).")
  Integer window;

  @Option(
      names = "--event-loops",
      paramLabel = "N",
      description =
          "Event loops the connections are spread over, one connection verticle each (default:"
              + " Vert.x's default count, 2 x cores, capped at the connections; 0 = default).")
  Integer eventLoops;

  @Option(
      names = "--protocol",
      paramLabel = "raw|socketio|stomp|graphql-ws",
      description =
          "Protocol spoken over the WebSocket, with its handshake and heartbeats (default: raw);"
              + " settings in the config blocks socketio, stomp, graphqlWs (docs/protocols.md).")
  String protocol;

  @Option(
      names = "--hold",
      paramLabel = "DUR",
      converter = Converters.DurationConverter.class,
      description = "Close each connection after DUR and open it again (churn).")
  Duration hold;

  @Mixin ConnectionFlags connection;

  @Mixin NetworkSecurityFlags network;

  @Option(
      names = "--stats-interval",
      paramLabel = "DUR",
      converter = Converters.DurationConverter.class,
      description =
          "Log the stats line this often and print plain (non-terminal) progress at this period."
              + " Not given: no stats line, plain progress every 5s.")
  Duration statsInterval;

  @Option(
      names = "--grace",
      paramLabel = "DUR",
      converter = Converters.DurationConverter.class,
      description = "At the end, how long to await replies in flight (default: 2s).")
  Duration grace;

  @Option(
      names = "--request-timeout",
      paramLabel = "DUR",
      converter = Converters.DurationConverter.class,
      description =
          "How long a correlated reply may take before it counts as a request timeout"
              + " (default: 10s).")
  Duration requestTimeout;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "JSON or YAML file with settings (camelCase keys: connections, reconnectDelay,"
              + " endpoints, scheduledCalls, profiles, ...); also WSMON_CONFIG.")
  Path config;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "Profile of the --config file whose keys override the file's base keys (also"
              + " WSMON_PROFILE, or the file's profile key).")
  String profile;

  @Option(names = "--export-json", paramLabel = "FILE", description = "Write the JSON snapshot.")
  Path exportJson;

  @Option(names = "--export-csv", paramLabel = "FILE", description = "Write the CSV export.")
  Path exportCsv;

  @Option(names = "--export-html", paramLabel = "FILE", description = "Write the HTML report.")
  Path exportHtml;

  @Option(
      names = "--events-jsonl",
      paramLabel = "FILE",
      description = "Write every connection event as it happens, one JSON object per line.")
  Path eventsJsonl;

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "Write the thresholds as a JUnit XML report (one test case each).")
  Path junit;

  @Option(
      names = "--metrics-push",
      paramLabel = "otlp=URL|statsd=HOST:PORT",
      description =
          "Push the wsmon meters every sample interval and at the end (OTLP over HTTP or StatsD"
              + " over UDP); repeatable. An unreachable target gets one warning.")
  List<String> metricsPush;

  @Option(
      names = "--threshold",
      paramLabel = "EXPR",
      converter = Converters.ThresholdConverter.class,
      description = "Pass/fail condition, e.g. 'rtt_ms.p99<50'; repeatable.")
  List<String> thresholds;

  @Mixin ScenarioFlags scenarioFlags;

  @Mixin DashboardFlags dashboardFlags;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress and no summary; errors still go to stderr.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "Debug logging and stack traces.")
  boolean verbose;

  @Mixin ClusterFlags clusterFlags;

  @Override
  public Integer call() {
    Verbosity.set(verbose);
    RunSettings settings = RunSettings.from(configSource());
    Verbosity.set(settings.verbose);
    if (settings.trustAll) {
      parent.err.println(
          "wsmon run: WARNING: --insecure trusts any TLS certificate and skips host name checks;"
              + " the connection is not authenticated");
    }
    RunExecution run =
        new RunExecution(settings, parent.out, parent.err, ProgressReporter.detect(settings.quiet));
    if (settings.cluster) {
      run.backend(ClusterRuns.backend(settings, parent.err));
    }
    return run.execute();
  }

  /** Flags over environment over the config file. */
  ConfigSource configSource() {
    ConfigSource source = ConfigFiles.source(config, profile, parent.env, RunSettings.KEYS);
    ParseResult parsed = spec.commandLine().getParseResult();
    for (PositionalParamSpec p : parsed.matchedPositionals()) {
      source.put("uri", p.getValue(), "<ws-uri>");
    }
    for (OptionSpec option : parsed.matchedOptions()) {
      switch (option.longestName()) {
        case "--config", "--profile", "--help", "--version" -> {}
        default -> ConnectionFlags.put(source, option);
      }
    }
    return source;
  }

  static String keyOf(String optionName) {
    return ConnectionFlags.keyOf(optionName);
  }
}
