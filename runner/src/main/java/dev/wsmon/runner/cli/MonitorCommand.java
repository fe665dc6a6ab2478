package dev.wsmon.runner.cli;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.Durations;
import dev.wsmon.core.internal.TlsFiles;
import dev.wsmon.runner.config.ConfigException;
import dev.wsmon.runner.config.ConfigSource;
import dev.wsmon.runner.config.NetworkSettings;
import dev.wsmon.runner.load.LocalAddressCheck;
import dev.wsmon.runner.report.ExitCodes;
import dev.wsmon.wrapper.monitor.MonitorOptions;
import dev.wsmon.wrapper.monitor.MonitorVerticle;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code wsmon monitor}: watch endpoints and serve stats, metrics, health and a live dashboard. */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Watch one or more WebSocket endpoints (1 connection each, pings every 10 s) until Ctrl-C or"
          + " SIGTERM, never giving up (retries forever; 401, 403 and close 1008 at"
          + " maxReconnectDelay), and serve over HTTP: / (live dashboard), /stats, /stats.csv,"
          + " /series.csv, /metrics (Prometheus), /history, /health (200 when all connected, 503"
          + " when one is down or degraded), /events (server-sent events)."
    },
    footer = {
      "",
      "Example: wsmon monitor wss://feed.example.com/quotes --http-port 9090 --token s3cret",
      "Config file keys (JSON or YAML): uri or endpoints, connections, pingInterval, httpHost,"
          + " httpPort, token, noToken, probes, notify, notifyAfter, degradedOk, scenario, feeder, messageChecks, sampleInterval, statsInterval, logStats, trackEvents, historySize,"
          + " seriesCapacity, exportDirectory, namespace; profiles. Environment: WSMON_ + upper"
          + " snake case (WSMON_HTTP_PORT), nested keys joined by __. Precedence: flags >"
          + " environment > file > defaults. See docs/configuration.md. Also trustStore, trustStoreType, trustStorePassword, certFile, keyFile, keyStore, keyStoreType, keyStorePassword, proxy (top level for every endpoint, or per endpoint)."
    })
public final class MonitorCommand implements java.util.concurrent.Callable<Integer> {

  @ParentCommand WsmonCommand parent;

  @Parameters(paramLabel = "WS-URI", arity = "0..*", description = "Endpoints to watch.")
  List<String> uris = List.of();

  @Option(
      names = "--http-port",
      paramLabel = "P",
      description = "HTTP port; 0 picks a free one (default: 8080).")
  Integer httpPort;

  @Option(
      names = "--http-host",
      paramLabel = "H",
      description = "HTTP address to bind (default: 127.0.0.1).")
  String httpHost;

  @Option(
      names = "--token",
      paramLabel = "T",
      description = "Require 'Authorization: Bearer T' on every route.")
  String token;

  @Option(
      names = "--sample-interval",
      paramLabel = "DUR",
      converter = Converters.DurationConverter.class,
      description = "Time-series resolution and live update period (default: 1s).")
  Duration sampleInterval;

  @Option(
      names = "--no-token",
      description =
          "Allow an --http-host beyond loopback without --token (every stat open to anyone who"
              + " can reach the port); refused otherwise.")
  Boolean noToken;

  @Option(
      names = "--probe",
      paramLabel = "SPEC",
      description =
          "Health probe on every connection, repeatable:"
              + " 'every=30s,send={\"op\":\"ping\"},expect=pong,timeout=2s'. A failed probe makes"
              + " the connection DEGRADED until one passes.")
  List<String> probes;

  @Option(
      names = "--degraded-ok",
      description = "/health answers 200 (status DEGRADED in the body) when only probes fail.")
  Boolean degradedOk;

  @Option(
      names = "--notify",
      paramLabel = "URL",
      description =
          "POST a JSON notification to URL when a connection goes DOWN, DEGRADED or back UP;"
              + " repeatable.")
  List<String> notify;

  @Option(
      names = "--notify-after",
      paramLabel = "DUR",
      converter = Converters.DurationConverter.class,
      description = "Notify a state only once it lasted this long (default: 30s).")
  Duration notifyAfter;

  @Mixin ScenarioFlags scenarioFlags;

  @Mixin ConnectionFlags connection;

  @Mixin NetworkSecurityFlags network;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "JSON or YAML monitor config (also WSMON_CONFIG).")
  Path config;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "Profile of the --config file whose keys override the file's base keys (also"
              + " WSMON_PROFILE, or the file's profile key).")
  String profile;

  @Mixin UntilStopped untilStopped;

  @Override
  public Integer call() throws Exception {
    Verbosity.set(untilStopped.verbose);
    MonitorOptions options = options();
    Vertx vertx = Vertx.vertx();
    StopSignal stop = new StopSignal("wsmon-monitor-shutdown", Duration.ofSeconds(15));
    try {
      MonitorVerticle monitor;
      try {
        monitor = MonitorVerticle.deploy(vertx, options).await();
      } catch (Exception e) {
        throw new ConfigException(
            "cannot start the monitor on "
                + options.getHttpHost()
                + ":"
                + options.getHttpPort()
                + ": "
                + e.getMessage());
      }
      String base = "http://" + options.getHttpHost() + ":" + monitor.actualPort() + "/";
      parent.out.println(base);
      parent.err.println(
          "wsmon monitor: watching "
              + options.getEndpoints().size()
              + " endpoint(s); dashboard "
              + base
              + (options.getToken() == null ? "" : " (token required)")
              + ", Prometheus "
              + base
              + "metrics, health "
              + base
              + "health - Ctrl-C to stop");
      parent.out.flush();
      stop.install();
      stop.await(untilStopped.duration);
      monitor.shutdown().await(10, TimeUnit.SECONDS);
      parent.err.println("wsmon monitor: stopped");
      return ExitCodes.OK;
    } finally {
      vertx.close().await(5, TimeUnit.SECONDS);
      parent.err.flush();
      stop.close();
    }
  }

  /** Flags over {@code WSMON_*} environment over the config file (and its profile). */
  MonitorOptions options() {
    ConfigSource source = ConfigFiles.source(config, profile, parent.env, MonitorConfig.KEYS);
    if (httpPort != null) {
      source.put("httpPort", httpPort, "--http-port");
    }
    if (httpHost != null) {
      source.put("httpHost", httpHost, "--http-host");
    }
    if (token != null) {
      source.put("token", token, "--token");
    }
    if (sampleInterval != null) {
      source.put("sampleInterval", Durations.format(sampleInterval), "--sample-interval");
    }
    if (noToken != null) {
      source.put("noToken", noToken, "--no-token");
    }
    if (degradedOk != null) {
      source.put("degradedOk", degradedOk, "--degraded-ok");
    }
    if (probes != null && !probes.isEmpty()) {
      source.put("probes", new io.vertx.core.json.JsonArray(List.copyOf(probes)), "--probe");
    }
    if (notify != null && !notify.isEmpty()) {
      source.put("notify", new io.vertx.core.json.JsonArray(List.copyOf(notify)), "--notify");
    }
    if (notifyAfter != null) {
      source.put("notifyAfter", Durations.format(notifyAfter), "--notify-after");
    }
    scenarioFlags.putInto(source);
    ConfigSource flags = new ConfigSource();
    connection.putInto(flags);
    MonitorOptions options = MonitorConfig.options(source, uris, flags);
    if (options.getEndpoints().isEmpty()) {
      throw new ConfigException(
          "no endpoint: give a ws:// or wss:// URI (wsmon monitor ws://HOST:PORT/path) or set uri"
              + " or endpoints in --config");
    }
    String exposure = options.exposureProblem();
    if (exposure != null) {
      throw new ConfigException("refusing to serve: " + exposure);
    }
    try {
      NetworkSettings net = network.read(parent.env);
      for (ConnectionOptions endpoint : options.getEndpoints()) {
        net.applyTo(endpoint);
        try {
          TlsFiles.check(endpoint);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(
              "TLS settings of " + endpoint.effectiveGroup() + ": " + e.getMessage());
        }
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid monitor option: " + e.getMessage());
    }
    LocalAddressCheck.check(options.getEndpoints());
    return options;
  }
}
