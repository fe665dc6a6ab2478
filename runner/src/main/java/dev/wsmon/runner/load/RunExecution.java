package dev.wsmon.runner.load;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.ConnectionVerticle;
import dev.wsmon.core.EventType;
import dev.wsmon.core.WsmonCodecs;
import dev.wsmon.exporters.Exporters;
import dev.wsmon.runner.config.ConfigException;
import dev.wsmon.runner.push.MetricsPush;
import dev.wsmon.runner.report.EventsJsonlWriter;
import dev.wsmon.runner.report.ExitCodes;
import dev.wsmon.runner.report.JUnitXmlWriter;
import dev.wsmon.runner.report.ProgressReporter;
import dev.wsmon.runner.report.SummaryTable;
import dev.wsmon.runner.report.Threshold;
import dev.wsmon.runner.report.ThresholdResult;
import dev.wsmon.tracker.StatsSnapshot;
import dev.wsmon.tracker.StatsTrackerVerticle;
import dev.wsmon.tracker.TrackerOptions;
import dev.wsmon.wrapper.ScheduledCalls;
import dev.wsmon.wrapper.monitor.RunDashboard;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code wsmon run}: deploys the tracker, the senders and the connections, shows progress, ends
 * on the duration, on Ctrl-C or when every connection has given up, then stops sending, awaits
 * replies in flight for the grace period, closes the connections with 1000, takes the final stats
 * and writes the summary, the exports, the JUnit report and the verdict.
 */
public final class RunExecution {

  private static final Logger LOG = LoggerFactory.getLogger(RunExecution.class);

  /**
   * The run's top-level key for its sending time in seconds: from the ramp's origin to the end of
   * sending (without the grace and the close); the summary's per-second figures divide by it.
   */
  public static final String SENDING_SECONDS = "sending_seconds";

  private final RunSettings settings;
  private final PrintStream out;
  private final PrintStream err;
  private final ProgressReporter.Mode mode;
  private final Promise<String> end = Promise.promise();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicInteger exitCode = new AtomicInteger(ExitCodes.COULD_NOT_RUN);
  private Consumer<Vertx> onStarted = v -> {};
  private Consumer<String> onDashboard = url -> {};
  private LoadBackend load;
  private JsonObject finalSnapshot;
  private volatile int totalConnections;

  /**
   * A run.
   *
   * @param settings validated settings
   * @param out where the summary goes
   * @param err where progress and errors go
   * @param mode how progress is shown
   */
  public RunExecution(
      RunSettings settings, PrintStream out, PrintStream err, ProgressReporter.Mode mode) {
    this.settings = settings;
    this.out = out;
    this.err = err;
    this.mode = mode;
    this.load = new LocalBackend(settings, "");
  }

  /** Where the connections live (default: this JVM); cluster runs give their own. */
  public RunExecution backend(LoadBackend backend) {
    this.load = backend;
    return this;
  }

  /** Called with the Vert.x instance once the connections are deployed (the demo uses it). */
  public RunExecution onStarted(Consumer<Vertx> onStarted) {
    this.onStarted = onStarted;
    return this;
  }

  /** Called with the dashboard URL once it listens (with {@code --dashboard}). */
  public RunExecution onDashboard(Consumer<String> onDashboard) {
    this.onDashboard = onDashboard;
    return this;
  }

  /** Ends the run now (as Ctrl-C does). */
  public void stop(String why) {
    end.tryComplete(why);
  }

  /** The final snapshot document, after {@link #execute()}. */
  public JsonObject finalSnapshot() {
    return finalSnapshot;
  }

  /**
   * Runs to the end and returns the exit code. Blocks: call it from a plain thread (e.g. main).
   * Ctrl-C ends the run the same way as the duration does; the process then exits with the run's
   * exit code once the outputs are written.
   */
  public int execute() {
    preflightOutputs();
    List<ConnectionOptions> endpoints = RunEndpoints.of(settings);
    load.preflight(endpoints);
    int total = endpoints.stream().mapToInt(ConnectionOptions::getConnections).sum();
    totalConnections = total;
    try {
      ScheduledCalls.checkTargets(settings.scheduledCalls, total);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    Thread hook = new Thread(this::onSignal, "wsmon-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    Vertx vertx = load.createVertx();
    MetricsPush push =
        settings.metricsPush.isEmpty()
            ? null
            : MetricsPush.start(settings.metricsPush, settings.tracker.getSampleInterval(), err);
    try {
      int code = run(vertx, endpoints, total, push);
      exitCode.set(code);
      return code;
    } finally {
      try {
        vertx.close().await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.debug("closing Vert.x", e);
      }
      if (push != null) {
        push.close();
      }
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it halts with our exit code
      }
    }
  }

  /**
   * How long Ctrl-C waits for the end of the run before it halts: the grace for replies in flight,
   * 20 s, and 1 s per 1 000 connections (closing them, their last traffic, the final snapshot and
   * the exports: 50 000 connections took about 30 s on 2 cores, more than a fixed 22 s).
   */
  static long signalWaitMillis(Duration grace, int connections) {
    return grace.toMillis() + 20_000 + connections;
  }

  private void onSignal() {
    end.tryComplete("interrupted");
    try {
      finished.await(signalWaitMillis(settings.grace, totalConnections), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.flush();
    err.flush();
    Runtime.getRuntime().halt(exitCode.get());
  }

  private int run(Vertx vertx, List<ConnectionOptions> endpoints, int total, MetricsPush push) {
    WsmonCodecs.register(vertx);
    await(RunWarmUp.around(vertx, () -> load.prepare(vertx)));
    Addresses addresses = Addresses.defaults();
    StatsTrackerVerticle tracker =
        new StatsTrackerVerticle(
            new TrackerOptions(settings.tracker)
                .setNamespace(addresses.namespace())
                .setLogStats(settings.tracker.isLogStats() && settings.statsIntervalSet),
            push == null ? null : push.registry());
    await(vertx.deployVerticle(tracker));
    RunDashboard dashboard = startDashboard(vertx, addresses, tracker);
    EventsJsonlWriter events =
        settings.eventsJsonl == null
            ? null
            : await(EventsJsonlWriter.open(vertx, addresses.events(), settings.eventsJsonl));
    Set<String> givenUp = new HashSet<>();
    MessageConsumer<ConnectionEvent> watcher =
        vertx
            .eventBus()
            .<ConnectionEvent>localConsumer(addresses.events())
            .handler(
                m -> {
                  ConnectionEvent e = m.body();
                  if (e.type() == EventType.CONNECTED) {
                    everConnected = true;
                  }
                  boolean terminal =
                      e.state() == ConnectionState.GAVE_UP
                          || (e.state() == ConnectionState.CLOSED && e.type() != EventType.CLOSED);
                  if (terminal) {
                    givenUp.add(e.connectionId());
                  } else if (e.type() == EventType.ATTEMPT || e.type() == EventType.CONNECTED) {
                    givenUp.remove(e.connectionId());
                  }
                  if (givenUp.size() >= total) {
                    end.tryComplete(
                        !everConnected
                            ? "no connection succeeded"
                            : "every connection has given up");
                  }
                });
    await(watcher.completion());
    ScheduledCalls calls = new ScheduledCalls(vertx, addresses.events(), settings.scheduledCalls);
    await(calls.prepare());
    calls.lookup(this::localVerticles);
    RunScenario scenario = new RunScenario(vertx, addresses.events(), settings.scenario, 0);
    scenario.bindTo(push == null ? null : push.registry());
    tracker
        .addResetListener(calls::reset)
        .addResetListener(scenario::reset)
        .addResetListener(load::resetStats);
    if (load instanceof LocalBackend local) {
      // attached before the first connect: the first expect sees a greeting sent on open
      local.beforeRamp(
          verticles ->
              scenario.attach(
                  verticles,
                  calls::tapOf,
                  total,
                  () -> end.tryComplete("every connection was closed by its scenario")));
    }
    // the ramp's origin, after the deployments: -d, the progress line and the sending time count
    // from here, so a slow start costs neither sending time nor the per-second figures
    long startNanos = await(load.start(vertx, addresses, endpoints, end::tryComplete));
    // started_at is the run clock's zero, as -d and the sending time: the ramp's origin
    await(tracker.markStarted(System.nanoTime() - startNanos));
    calls.start();
    if (settings.duration != null) {
      long remaining = settings.duration.toMillis() - (System.nanoTime() - startNanos) / 1_000_000;
      vertx.setTimer(Math.max(1, remaining), id -> end.tryComplete("duration"));
    }
    ProgressReporter progress =
        new ProgressReporter(
            vertx,
            // a cluster run's live scenario figures come from the agents' reports
            () ->
                tracker
                    .totals()
                    .map(
                        t ->
                            load instanceof LocalBackend
                                ? scenario.addTotal(t)
                                : RunScenario.addTotal(t, load.liveScenario())),
            err,
            mode,
            settings.statsIntervalSet ? settings.tracker.getStatsInterval() : Duration.ofSeconds(5),
            settings.duration,
            startNanos);
    progress.start();
    onStarted.accept(vertx);

    String why = await(end.future());
    sendingSeconds = Math.max(0, System.nanoTime() - startNanos) / 1_000_000 / 1000.0;
    LOG.debug("run ends: {}", why);
    // from here no attempt starts: a session that began has its scenario iteration, and none after;
    // the state half of the final snapshot is the connections' as the run ended, before this closed
    // those not open
    StatsSnapshot atEnd = await(load.endAttempts(tracker::snapshot));
    progress.stop();
    await(calls.stop());
    scenario.stop();
    await(
        Future.all(
            load.stopSending(settings.grace),
            calls.awaitRuns(settings.grace),
            scenario.awaitIdle(settings.grace)));
    await(calls.cancelPending());
    JsonObject beforeClose = atEnd.toJson();
    await(load.close());
    scenario.addRemote(load.scenarioResults());
    JsonObject snapshot =
        load.completeSnapshot(
            scenario.addTo(
                calls.addTo(EndOfRun.merge(beforeClose, await(tracker.snapshot()).toJson()))));
    series = new JsonArray(await(tracker.series()));
    if (dashboard != null) {
      await(dashboard.close());
    }
    if (events != null) {
      await(events.close());
    }
    snapshot.put(SENDING_SECONDS, sendingSeconds);
    finalSnapshot = snapshot;
    return report(snapshot, why);
  }

  private JsonArray series = new JsonArray();

  /** Whether a connection succeeded in this run (a flag, not a set of 10 000 ids). */
  private volatile boolean everConnected;

  private Double sendingSeconds;

  /** The connection verticles in this JVM (none in a cluster run). */
  private List<ConnectionVerticle> localVerticles() {
    return load instanceof LocalBackend local ? List.copyOf(local.verticles()) : List.of();
  }

  /** The connections in this JVM (none in a cluster run: they live on the agents). */
  private List<Connection> localConnections() {
    return load instanceof LocalBackend local ? List.copyOf(local.connections()) : List.of();
  }

  private RunDashboard startDashboard(
      Vertx vertx, Addresses addresses, StatsTrackerVerticle tracker) {
    RunDashboard.Settings dashboardSettings = settings.dashboard;
    if (dashboardSettings == null) {
      return null;
    }
    RunDashboard dashboard =
        new RunDashboard(
            vertx,
            addresses,
            tracker,
            this::localConnections,
            dashboardSettings,
            settings.tracker.getSampleInterval(),
            settings.tracker.getHistorySize());
    String url;
    try {
      url = await(dashboard.start());
    } catch (Exception e) { // Future.await rethrows a checked BindException as it is
      throw new ConfigException(
          "cannot start the dashboard on "
              + dashboardSettings.host()
              + ":"
              + dashboardSettings.port()
              + ": "
              + e.getMessage());
    }
    err.println(
        "wsmon run: dashboard "
            + url
            + (dashboardSettings.token() == null
                ? ""
                : " (token required: open " + url + "?token=<token>)"));
    err.flush();
    onDashboard.accept(url);
    return dashboard;
  }

  private int report(JsonObject snapshot, String why) {
    if ("interrupted".equals(why) && mode != ProgressReporter.Mode.QUIET) {
      err.println(
          "wsmon run: interrupted; stopped sending, awaited replies and closed the connections");
    }
    if (!settings.quiet) {
      out.print(SummaryTable.render(snapshot, sendingSeconds));
      out.flush();
    }
    List<ThresholdResult> results = new ArrayList<>();
    for (Threshold t : settings.thresholds) {
      ThresholdResult r = t.evaluate(snapshot);
      results.add(r);
      (r.passed() ? out : err).println((r.passed() ? "PASS  " : "FAIL  ") + r.message());
    }
    // a stats.reset clears successful_connections: what the run saw decides "never succeeded"
    int code = ExitCodes.of(snapshot, results, everConnected);
    List<String> runFailures = new ArrayList<>();
    if (code == ExitCodes.COULD_NOT_RUN) {
      runFailures.add("could not run: no connection ever succeeded; " + lastFailure(snapshot));
    }
    if (load.failure() != null) {
      err.println("FAIL  " + load.failure());
      runFailures.add(load.failure());
      code = code == ExitCodes.OK ? ExitCodes.THRESHOLD_FAILED : code;
    }
    boolean writeFailed = false;
    writeFailed |= write(settings.exportJson, () -> Exporters.json(snapshot, true));
    writeFailed |= write(settings.exportCsv, () -> Exporters.csv(snapshot));
    writeFailed |=
        write(settings.exportHtml, () -> Exporters.html(withThresholds(snapshot, results), series));
    if (settings.junit != null) {
      try {
        JUnitXmlWriter.write(
            settings.junit,
            "wsmon",
            results,
            runFailures,
            snapshot.getDouble("elapsed_seconds", 0.0),
            Instant.now());
      } catch (IOException e) {
        err.println("wsmon run: could not write --junit " + settings.junit + ": " + e.getMessage());
        writeFailed = true;
      }
    }
    if (code == ExitCodes.COULD_NOT_RUN) {
      err.println("wsmon run: " + runFailures.get(0));
    }
    if (writeFailed && code == ExitCodes.OK) {
      code = ExitCodes.USAGE;
    }
    return code;
  }

  private static JsonObject withThresholds(JsonObject snapshot, List<ThresholdResult> results) {
    if (results.isEmpty()) {
      return snapshot;
    }
    JsonArray verdicts = new JsonArray();
    results.forEach(r -> verdicts.add(r.toJson()));
    return snapshot.copy().put("thresholds", verdicts);
  }

  static String lastFailure(JsonObject snapshot) {
    JsonArray events = snapshot.getJsonArray("events", new JsonArray());
    for (int i = events.size() - 1; i >= 0; i--) {
      JsonObject e = events.getJsonObject(i);
      if ("FAILED".equals(e.getString("type")) && e.getString("reason") != null) {
        String reason = e.getString("reason");
        String hint =
            reason.toLowerCase().contains("refused")
                ? " - is the server running and the port right?"
                : reason.toLowerCase().contains("resolve")
                        || reason.toLowerCase().contains("unknown host")
                    ? " - check the host name"
                    : "";
        return "last failure (" + e.getString("connection_id") + "): " + reason + hint;
      }
    }
    return "no attempt completed (check the URI and --connect-timeout)";
  }

  private boolean write(Path path, java.util.function.Supplier<String> content) {
    if (path == null) {
      return false;
    }
    try {
      Exporters.write(path, content.get());
      return false;
    } catch (IOException | RuntimeException e) {
      err.println("wsmon run: could not write " + path + ": " + e.getMessage());
      return true;
    }
  }

  private void preflightOutputs() {
    for (Path p :
        new Path[] {
          settings.exportJson,
          settings.exportCsv,
          settings.exportHtml,
          settings.eventsJsonl,
          settings.junit
        }) {
      if (p == null) {
        continue;
      }
      if (Files.isDirectory(p)) {
        throw new ConfigException(p + " is a directory; give a file name");
      }
      Path parent = p.toAbsolutePath().getParent();
      try {
        if (parent != null) {
          Files.createDirectories(parent);
        }
      } catch (IOException e) {
        throw new ConfigException("cannot create the directory of " + p + ": " + e.getMessage());
      }
      if (parent != null && !Files.isWritable(parent)) {
        throw new ConfigException("cannot write to " + parent + " (for " + p + ")");
      }
    }
  }

  private static <T> T await(Future<T> future) {
    return future.await();
  }
}
