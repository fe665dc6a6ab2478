package dev.wsmon.wrapper;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.ConnectionVerticle;
import dev.wsmon.core.ConnectionVerticleOptions;
import dev.wsmon.core.Durations;
import dev.wsmon.core.WsmonCodecs;
import dev.wsmon.exporters.ExportOptions;
import dev.wsmon.exporters.ExportVerticle;
import dev.wsmon.exporters.Exporters;
import dev.wsmon.tracker.StatsSnapshot;
import dev.wsmon.tracker.StatsTrackerVerticle;
import dev.wsmon.tracker.TrackerOptions;
import dev.wsmon.wrapper.internal.TappedConnection;
import dev.wsmon.wrapper.internal.scenario.CompiledScenario;
import dev.wsmon.wrapper.internal.scenario.ScenarioEngine;
import dev.wsmon.wrapper.internal.scenario.ScheduledCallEngine;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedding façade: one object that holds WebSocket connections with a real reconnect policy,
 * tracks their stats, runs {@link ScheduledCall scheduled calls} and exports the results. It
 * deploys a {@link StatsTrackerVerticle}, an {@link ExportVerticle} and a {@link
 * ConnectionVerticle} on a Vert.x instance (its own, or one given to the builder).
 *
 * <p>From a plain {@code main} (block with {@link Future#await()}, never on an event loop):
 *
 * <pre>{@code
 * TestingWrapper wrapper = TestingWrapper.builder()
 *     .uri("ws://127.0.0.1:8080/echo")
 *     .statsInterval(Duration.ofSeconds(10))
 *     .connectionTimeout(Duration.ofSeconds(5))
 *     .build();
 * wrapper.start().await();
 * wrapper.awaitConnected(Duration.ofSeconds(5)).await();
 * wrapper.client().request("Hello, Testing World!", Duration.ofSeconds(2)).await();
 * StatsSnapshot stats = wrapper.stopAndShutdown().await();
 * System.out.println(stats.total().encodePrettily());
 * }</pre>
 *
 * <p>From inside a verticle, pass its Vert.x and compose the futures (never {@code await()} there):
 *
 * <pre>{@code
 * TestingWrapper wrapper = TestingWrapper.builder().vertx(vertx).uri(uri).build();
 * return wrapper.start()
 *     .compose(v -> wrapper.awaitConnected(Duration.ofSeconds(5)))
 *     .compose(v -> wrapper.client().sendText("hello"));
 * }</pre>
 *
 * <p>{@link #start()} succeeds once the verticles are deployed, whether or not the target answers:
 * a failing target shows in the stats (attempts, failures, {@code GAVE_UP}), never as a success.
 * The stats are those of the tracker; traffic reaches it once per flush interval (1 s), and {@link
 * #stopAndShutdown()} flushes the final traffic before taking the final stats. With scheduled
 * calls, their results are under {@code total.scheduled_calls} in the stats and exports.
 *
 * <p>Defaults (as in the original testing framework): stats interval 30 s, log stats on, track
 * events on, 5 reconnect attempts, reconnect delay 5 s, connection timeout 10 s, auto reconnect on,
 * 1 connection.
 */
public final class TestingWrapper {

  private static final Logger LOG = LoggerFactory.getLogger(TestingWrapper.class);

  /** Default {@code statsInterval}: 30 seconds. */
  public static final Duration DEFAULT_STATS_INTERVAL = TrackerOptions.DEFAULT_STATS_INTERVAL;

  /** Default {@code logStats}: true. */
  public static final boolean DEFAULT_LOG_STATS = TrackerOptions.DEFAULT_LOG_STATS;

  /** Default {@code trackEvents}: true. */
  public static final boolean DEFAULT_TRACK_EVENTS = TrackerOptions.DEFAULT_TRACK_EVENTS;

  /** Default {@code maxReconnectAttempts}: 5 (never answering: 1 + 5 attempts). */
  public static final int DEFAULT_MAX_RECONNECT_ATTEMPTS = 5;

  /** Default {@code reconnectDelay}: 5 seconds (the first backoff delay). */
  public static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofSeconds(5);

  /** Default {@code connectionTimeout}: 10 seconds (the whole attempt). */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);

  /** Default {@code autoReconnect}: true. */
  public static final boolean DEFAULT_AUTO_RECONNECT = true;

  /** Default {@code connections}: 1. */
  public static final int DEFAULT_CONNECTIONS = 1;

  /**
   * How long {@link #stopAndShutdown()} lets scenario steps and scheduled-call runs in flight end:
   * 2 seconds; those still pending then fail with {@code closed}.
   */
  public static final Duration SCENARIO_GRACE = Duration.ofSeconds(2);

  private enum Phase {
    NEW,
    STARTING,
    STARTED,
    STOPPING,
    STOPPED
  }

  private final Vertx givenVertx;
  private final List<ConnectionOptions> endpoints;
  private final TrackerOptions trackerOptions;
  private final Addresses addresses;
  private final List<ScheduledCall> calls;
  private final Map<String, TappedConnection> taps = new ConcurrentHashMap<>();
  private final CompiledScenario scenario;
  private final List<MessageCheck> messageChecks;
  private final Feeder feeder;
  private ScenarioEngine scenarioEngine;

  private Vertx vertx;
  private boolean ownsVertx;
  private Phase phase = Phase.NEW;
  private Future<Void> infrastructure;
  private StatsTrackerVerticle tracker;
  private String trackerId;
  private String exportId;
  private ConnectionVerticle connectionVerticle;
  private String connectionId;
  private ScheduledCallEngine callEngine;
  private Future<StatsSnapshot> stopping;

  private TestingWrapper(Builder b) {
    this.givenVertx = b.vertx;
    this.addresses = Addresses.of(b.namespace);
    this.trackerOptions =
        new TrackerOptions(b.trackerOptions)
            .setNamespace(b.namespace)
            .setStatsInterval(b.statsInterval)
            .setLogStats(b.logStats)
            .setTrackEvents(b.trackEvents);
    List<ConnectionOptions> list = new ArrayList<>();
    for (ConnectionOptions endpoint : b.endpoints) {
      ConnectionOptions o = new ConnectionOptions(endpoint);
      if (b.connections != null) {
        o.setConnections(b.connections);
      }
      if (b.rampUp != null) {
        o.setRampUp(b.rampUp);
      }
      if (b.connectionTimeout != null) {
        o.setConnectTimeout(b.connectionTimeout);
      }
      if (b.maxReconnectAttempts != null) {
        o.getReconnectPolicy().setMaxReconnectAttempts(b.maxReconnectAttempts);
      }
      if (b.reconnectDelay != null) {
        o.getReconnectPolicy().setReconnectDelay(b.reconnectDelay);
      }
      if (b.autoReconnect != null) {
        o.getReconnectPolicy().setAutoReconnect(b.autoReconnect);
      }
      list.add(o);
    }
    this.endpoints = Collections.unmodifiableList(list);
    this.calls = List.copyOf(b.calls);
    this.messageChecks = List.copyOf(b.messageChecks);
    this.feeder = b.feeder;
    this.scenario =
        b.scenario == null
            ? null
            : CompiledScenario.compile(
                b.scenario,
                new PayloadTemplate.Names(
                    Set.of(),
                    b.feeder == null ? Set.of() : Set.copyOf(b.feeder.columns()),
                    System::getenv));
    if (scenario != null) {
      list.forEach(o -> scenario.checkProtocol(o.getProtocolOptions().getProtocol()));
    }
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Deploys the tracker, the exporter and the connections, and starts the scheduled calls. Succeeds
   * once deployed, whether or not the target answers.
   *
   * @return completes when deployed; fails when called twice or after stop, or when a deployment
   *     fails
   */
  public synchronized Future<Void> start() {
    if (phase != Phase.NEW) {
      return Future.failedFuture(new IllegalStateException("start() was already called"));
    }
    phase = Phase.STARTING;
    return infrastructure()
        .compose(v -> callEngine.prepare())
        .compose(
            v -> {
              connectionVerticle =
                  new ConnectionVerticle(
                      new ConnectionVerticleOptions()
                          .setNamespace(addresses.namespace())
                          .setRampTotal(
                              endpoints.stream().mapToInt(ConnectionOptions::getConnections).sum())
                          .setDeferStart(true)
                          .setEndpoints(endpoints));
              return vertx.deployVerticle(connectionVerticle);
            })
        .compose(
            id -> {
              List<TappedConnection> tapped = new ArrayList<>();
              synchronized (this) {
                connectionId = id;
                for (Connection c : connectionVerticle.connections()) {
                  tapped.add(tap(c.id()));
                }
                callEngine.start();
                phase = Phase.STARTED;
              }
              // the scenario is attached before the first connect: it sees a greeting sent on open
              return (scenarioEngine == null
                      ? Future.<Void>succeededFuture()
                      : scenarioEngine.attach(connectionVerticle.context(), tapped))
                  .compose(attached -> connectionVerticle.startRamp(0));
            })
        .onFailure(
            e -> {
              synchronized (this) {
                phase = Phase.NEW;
              }
            });
  }

  private synchronized Future<Void> infrastructure() {
    if (infrastructure == null) {
      ownsVertx = givenVertx == null;
      vertx = ownsVertx ? Vertx.vertx() : givenVertx;
      WsmonCodecs.register(vertx);
      tracker = new StatsTrackerVerticle(trackerOptions);
      callEngine = new ScheduledCallEngine(vertx, addresses.events(), calls, this::callTarget);
      if (scenario != null || !messageChecks.isEmpty()) {
        scenarioEngine =
            new ScenarioEngine(vertx, scenario, messageChecks, feeder, addresses.events(), 0);
      }
      tracker.addResetListener(this::resetOwnResults);
      infrastructure =
          vertx
              .deployVerticle(tracker)
              .compose(
                  id -> {
                    trackerId = id;
                    return vertx.deployVerticle(
                        new ExportVerticle(
                            new ExportOptions().setNamespace(addresses.namespace())));
                  })
              .map(
                  id -> {
                    exportId = id;
                    return null;
                  });
    }
    return infrastructure;
  }

  /** A stats reset clears the scheduled calls' and the scenario's results too. */
  private void resetOwnResults() {
    callEngine.reset();
    ScenarioEngine engine = scenarioEngine;
    if (engine != null) {
      engine.reset();
    }
  }

  private TappedConnection tap(String id) {
    ConnectionVerticle verticle = connectionVerticle;
    if (verticle == null) {
      return null;
    }
    return taps.computeIfAbsent(
        id,
        key -> {
          Connection c = verticle.connection(key);
          return c == null ? null : new TappedConnection(vertx, c);
        });
  }

  /** A call's connection ({@code null}: the first) and its verticle's event loop. */
  private ScheduledCallEngine.Target callTarget(String id) {
    ConnectionVerticle verticle = connectionVerticle;
    if (verticle == null || verticle.context() == null || verticle.connections().isEmpty()) {
      return null;
    }
    TappedConnection tap = tap(id == null ? verticle.connections().get(0).id() : id);
    return tap == null ? null : new ScheduledCallEngine.Target(tap, verticle.context());
  }

  /**
   * Completes when every connection is connected.
   *
   * @param timeout how long to wait
   * @return completes when all are connected; fails after {@code timeout}, or as soon as a
   *     connection gave up, naming the connections that are not connected; fails when not started
   */
  public Future<Void> awaitConnected(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (connectionVerticle == null || vertx == null) {
      return Future.failedFuture(new IllegalStateException("start() the wrapper first"));
    }
    Promise<Void> promise = Promise.promise();
    long deadline = System.nanoTime() + timeout.toNanos();
    if (allConnected()) {
      return Future.succeededFuture();
    }
    vertx.setPeriodic(
        10,
        id -> {
          if (allConnected()) {
            vertx.cancelTimer(id);
            promise.tryComplete();
          } else if (System.nanoTime() - deadline > 0
              || phase.compareTo(Phase.STOPPING) >= 0
              || anyGaveUp()) {
            vertx.cancelTimer(id);
            promise.tryFail(
                (anyGaveUp()
                        ? "gave up connecting: "
                        : "not connected within " + Durations.format(timeout) + ": ")
                    + connectionVerticle.connections().stream()
                        .filter(c -> !c.isConnected())
                        .map(c -> c.id() + " " + c.state())
                        .collect(Collectors.joining(", ")));
          }
        });
    return promise.future();
  }

  private boolean anyGaveUp() {
    return connectionVerticle.connections().stream()
        .anyMatch(c -> c.state() == ConnectionState.GAVE_UP);
  }

  private boolean allConnected() {
    List<Connection> list = connectionVerticle.connections();
    return !list.isEmpty() && list.stream().allMatch(c -> c.state() == ConnectionState.CONNECTED);
  }

  /**
   * The first connection: send, request and receive through it. Its text message handler sees every
   * text message (scheduled-call expectations are served besides it).
   *
   * @throws IllegalStateException before {@link #start()} completed
   */
  public Connection client() {
    List<Connection> all = connections();
    if (all.isEmpty()) {
      throw new IllegalStateException("start() the wrapper first");
    }
    return all.get(0);
  }

  /** Every connection in id order ({@code c-1}, {@code c-2}, ...); empty before start. */
  public List<Connection> connections() {
    ConnectionVerticle verticle = connectionVerticle;
    if (verticle == null) {
      return List.of();
    }
    List<Connection> list = new ArrayList<>();
    for (Connection c : verticle.connections()) {
      list.add(tap(c.id()));
    }
    return Collections.unmodifiableList(list);
  }

  /**
   * The current stats. Before {@link #start()} they are zeros (querying them deploys the tracker,
   * so call {@link #stopAndShutdown()} afterwards). Traffic shows once per flush interval (1 s).
   *
   * @return the snapshot
   */
  public Future<StatsSnapshot> stats() {
    synchronized (this) {
      if (phase == Phase.STOPPED) {
        return Future.failedFuture(new IllegalStateException("the wrapper is shut down"));
      }
    }
    return infrastructure().compose(v -> tracker.snapshot()).map(this::withScheduledCalls);
  }

  private StatsSnapshot withScheduledCalls(StatsSnapshot snapshot) {
    ScenarioEngine engine = scenarioEngine;
    if (callEngine.isEmpty() && engine == null) {
      return snapshot;
    }
    JsonObject json = snapshot.toJson();
    if (!callEngine.isEmpty()) {
      json.getJsonObject("total").put("scheduled_calls", callEngine.toJson());
    }
    if (engine != null) {
      engine.addTo(json);
    }
    return StatsSnapshot.fromJson(json);
  }

  /** The current stats as the JSON export (pretty-printed). */
  public Future<String> exportJson() {
    return stats().map(s -> Exporters.json(s.toJson(), true));
  }

  /** The current stats as the CSV export. */
  public Future<String> exportCsv() {
    return stats().map(s -> Exporters.csv(s.toJson()));
  }

  /**
   * The current stats and time series as the self-contained HTML report (the {@code html} export:
   * charts, per-connection table, close codes, event timeline; see {@code docs/export-format.md}),
   * rendered off the event loop.
   *
   * @return the HTML page
   */
  public Future<String> exportHtml() {
    return stats()
        .compose(
            snapshot ->
                tracker
                    .series()
                    .compose(
                        points ->
                            vertx.executeBlocking(() -> Exporters.html(snapshot, points), false)));
  }

  /**
   * Ends connection attempts ({@link ConnectionVerticle#endAttempts()}: no reconnect after this, so
   * every session has its scenario iteration), stops the scheduled calls and the scenario (steps in
   * flight get {@link #SCENARIO_GRACE}), closes every connection with 1000 (not a disconnection),
   * flushes the final traffic, takes the final stats, undeploys everything and closes the Vert.x
   * instance when the wrapper created it. The final stats follow {@link StatsSnapshot#endOfRun}, as
   * {@code wsmon run} does: counters after the close; the connection state, uptime and health as
   * they were when this was called, before attempts ended (a connection waiting to reconnect is
   * {@code RECONNECTING}, an attempt in flight {@code CONNECTING} or {@code RECONNECTING}), so a
   * clean run scores the same here and in the CLI. Calling it again returns the same result.
   *
   * @return the final stats
   */
  public synchronized Future<StatsSnapshot> stopAndShutdown() {
    if (stopping != null) {
      return stopping;
    }
    phase = Phase.STOPPING;
    if (infrastructure == null) {
      phase = Phase.STOPPED;
      stopping = Future.failedFuture(new IllegalStateException("the wrapper was never started"));
      return stopping;
    }
    Future<StatsSnapshot> chain =
        infrastructure
            .recover(e -> Future.succeededFuture())
            // the state half of the final stats: the connections as the run ended, before
            // endAttempts closes those not open
            .compose(v -> tracker.snapshot())
            .compose(
                atEnd ->
                    // the end is one instant: no attempt after it, so every session has its
                    // iteration
                    endAttempts()
                        .compose(v -> callEngine.stop())
                        .compose(v -> stopScenario())
                        .compose(v -> callEngine.closePending())
                        .compose(
                            v ->
                                connectionId == null
                                    ? Future.<Void>succeededFuture()
                                    : vertx.undeploy(connectionId))
                        .compose(v -> tracker.snapshot())
                        .map(afterClose -> StatsSnapshot.endOfRun(atEnd, afterClose)))
            .map(this::withScheduledCalls)
            .compose(
                snapshot ->
                    undeployQuietly(exportId)
                        .compose(v -> undeployQuietly(trackerId))
                        .map(v -> snapshot));
    // a future bound to no context: its listeners must not need the event loops closed below
    CompletableFuture<StatsSnapshot> done = new CompletableFuture<>();
    chain.onComplete(
        ar -> {
          if (!ownsVertx) {
            finish(done, ar.result(), ar.cause());
            return;
          }
          Thread closer =
              new Thread(
                  () -> {
                    try {
                      vertx.close().await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                      LOG.debug("closing Vert.x", e);
                    }
                    finish(done, ar.result(), ar.cause());
                  },
                  "wsmon-wrapper-shutdown");
          closer.setDaemon(true);
          closer.start();
        });
    stopping = Future.fromCompletionStage(done);
    return stopping;
  }

  private Future<Void> endAttempts() {
    ConnectionVerticle verticle = connectionVerticle;
    return verticle == null ? Future.succeededFuture() : verticle.endAttempts();
  }

  /** No new scenario step or call run starts; those in flight get {@link #SCENARIO_GRACE}. */
  private Future<Void> stopScenario() {
    ScenarioEngine engine = scenarioEngine;
    if (engine == null) {
      return callEngine.awaitIdle(SCENARIO_GRACE);
    }
    engine.stop();
    return Future.all(engine.awaitIdle(SCENARIO_GRACE), callEngine.awaitIdle(SCENARIO_GRACE))
        .mapEmpty();
  }

  private void finish(
      CompletableFuture<StatsSnapshot> done, StatsSnapshot result, Throwable cause) {
    synchronized (this) {
      phase = Phase.STOPPED;
    }
    if (cause != null) {
      done.completeExceptionally(cause);
    } else {
      done.complete(result);
    }
  }

  private Future<Void> undeployQuietly(String id) {
    return id == null
        ? Future.succeededFuture()
        : vertx.undeploy(id).recover(e -> Future.succeededFuture());
  }

  /** The Vert.x instance in use, or {@code null} before anything was deployed. */
  public Vertx vertx() {
    return vertx;
  }

  /** The event-bus addresses of this wrapper ({@code <ns>.stats}, {@code <ns>.events}, ...). */
  public Addresses addresses() {
    return addresses;
  }

  /** The endpoints with the builder's settings applied (copies). */
  public List<ConnectionOptions> endpoints() {
    List<ConnectionOptions> copies = new ArrayList<>();
    endpoints.forEach(e -> copies.add(new ConnectionOptions(e)));
    return copies;
  }

  /** The tracker options in use (a copy). */
  public TrackerOptions trackerOptions() {
    return new TrackerOptions(trackerOptions);
  }

  /** Builds a {@link TestingWrapper}; the method names follow the original testing framework. */
  public static final class Builder {
    private Vertx vertx;
    private final List<ConnectionOptions> endpoints = new ArrayList<>();
    private String namespace = Addresses.DEFAULT_NAMESPACE;
    private TrackerOptions trackerOptions = new TrackerOptions();
    private Duration statsInterval = DEFAULT_STATS_INTERVAL;
    private boolean logStats = DEFAULT_LOG_STATS;
    private boolean trackEvents = DEFAULT_TRACK_EVENTS;
    private Integer maxReconnectAttempts;
    private Duration reconnectDelay;
    private Duration connectionTimeout;
    private Boolean autoReconnect;
    private Integer connections;
    private Duration rampUp;
    private final List<ScheduledCall> calls = new ArrayList<>();
    private final List<MessageCheck> messageChecks = new ArrayList<>();
    private Scenario scenario;
    private Feeder feeder;

    private Builder() {}

    /**
     * The target; replaces the endpoints set so far.
     *
     * @param uri a {@code ws://} or {@code wss://} URI
     * @return this
     * @throws IllegalArgumentException when the URI is not a WebSocket URI
     */
    public Builder uri(String uri) {
      endpoints.clear();
      endpoints.add(new ConnectionOptions(uri));
      return this;
    }

    /**
     * The target with all its connection options; replaces the endpoints set so far. The builder's
     * own settings ({@link #connections(int)}, {@link #connectionTimeout(Duration)}, the reconnect
     * settings) override these options when set.
     *
     * @param options the options (copied), with a URI
     * @return this
     */
    public Builder connectionOptions(ConnectionOptions options) {
      endpoints.clear();
      return addEndpoint(options);
    }

    /**
     * Adds another endpoint (a group in the stats); connection ids continue in order.
     *
     * @param options the options (copied), with a URI
     * @return this
     * @throws IllegalArgumentException when the options have no URI
     */
    public Builder addEndpoint(ConnectionOptions options) {
      Objects.requireNonNull(options, "options");
      if (options.getUri() == null) {
        throw new IllegalArgumentException("endpoint options need a uri");
      }
      endpoints.add(new ConnectionOptions(options));
      return this;
    }

    /**
     * Uses an existing Vert.x instance (not closed at shutdown). Without it the wrapper creates one
     * and closes it in {@link TestingWrapper#stopAndShutdown()}.
     *
     * @param vertx the instance
     * @return this
     */
    public Builder vertx(Vertx vertx) {
      this.vertx = Objects.requireNonNull(vertx, "vertx");
      return this;
    }

    /**
     * The event-bus namespace (default {@value Addresses#DEFAULT_NAMESPACE}); use distinct ones for
     * several wrappers on one Vert.x.
     *
     * @param namespace letters, digits, {@code _ - . :}
     * @return this
     */
    public Builder namespace(String namespace) {
      this.namespace = Addresses.of(namespace).namespace();
      return this;
    }

    /**
     * Further tracker options (sample interval, history size, ...); namespace, stats interval, log
     * stats and track events are taken from this builder.
     *
     * @param options the options (copied)
     * @return this
     */
    public Builder trackerOptions(TrackerOptions options) {
      this.trackerOptions = new TrackerOptions(Objects.requireNonNull(options, "options"));
      return this;
    }

    /**
     * How often the stats line is logged (default 30 s).
     *
     * @param interval positive
     * @return this
     */
    public Builder statsInterval(Duration interval) {
      new TrackerOptions().setStatsInterval(interval);
      this.statsInterval = interval;
      return this;
    }

    /**
     * Whether the periodic stats line is logged through SLF4J (default true).
     *
     * @param logStats on or off
     * @return this
     */
    public Builder logStats(boolean logStats) {
      this.logStats = logStats;
      return this;
    }

    /**
     * Whether the bounded event history is kept (default true).
     *
     * @param trackEvents on or off
     * @return this
     */
    public Builder trackEvents(boolean trackEvents) {
      this.trackEvents = trackEvents;
      return this;
    }

    /**
     * Retries after a failed or lost connection before giving up (default 5); -1 = unlimited.
     *
     * @param attempts -1 or more
     * @return this
     */
    public Builder maxReconnectAttempts(int attempts) {
      new dev.wsmon.core.ReconnectPolicy().setMaxReconnectAttempts(attempts);
      this.maxReconnectAttempts = attempts;
      return this;
    }

    /**
     * The first backoff delay (default 5 s), doubled per retry up to 60 s, ±20 % jitter.
     *
     * @param delay zero or more
     * @return this
     */
    public Builder reconnectDelay(Duration delay) {
      new dev.wsmon.core.ReconnectPolicy().setReconnectDelay(delay);
      this.reconnectDelay = delay;
      return this;
    }

    /**
     * The limit of a whole attempt: DNS, TCP, TLS and upgrade (default 10 s); sets {@code
     * connectTimeout}.
     *
     * @param timeout positive
     * @return this
     */
    public Builder connectionTimeout(Duration timeout) {
      new ConnectionOptions().setConnectTimeout(timeout);
      this.connectionTimeout = timeout;
      return this;
    }

    /**
     * Whether to reconnect after an unexpected close (default true).
     *
     * @param autoReconnect on or off
     * @return this
     */
    public Builder autoReconnect(boolean autoReconnect) {
      this.autoReconnect = autoReconnect;
      return this;
    }

    /**
     * Spreads the starts of all connections, over every endpoint together, across this time:
     * connection {@code k} of {@code N} starts at {@code k * rampUp / N} (default 0: all at once).
     *
     * @param rampUp zero or more
     * @return this
     */
    public Builder rampUp(Duration rampUp) {
      new ConnectionOptions().setRampUp(rampUp);
      this.rampUp = rampUp;
      return this;
    }

    /**
     * Connections per endpoint (default 1).
     *
     * @param connections 1 or more
     * @return this
     */
    public Builder connections(int connections) {
      new ConnectionOptions().setConnections(connections);
      this.connections = connections;
      return this;
    }

    /**
     * Adds a scheduled call.
     *
     * @param call the call (copied), with a name, a trigger and a payload or an action
     * @return this
     * @throws IllegalStateException when the call is incomplete
     * @throws IllegalArgumentException when a call of that name was added already
     */
    public Builder scheduledCall(ScheduledCall call) {
      Objects.requireNonNull(call, "call").validate();
      if (calls.stream().anyMatch(c -> c.getName().equals(call.getName()))) {
        throw new IllegalArgumentException(
            "a scheduled call named '" + call.getName() + "' was added already");
      }
      calls.add(new ScheduledCall(call));
      return this;
    }

    /**
     * Runs {@code scenario} on every connection, from the start of each session (see {@code
     * docs/scenarios.md}); its results are under {@code scenario} in {@code total}, each group and
     * each connection of the stats and exports.
     *
     * @param scenario the scenario (copied); its templates are checked by {@link #build()}
     * @return this
     */
    public Builder scenario(Scenario scenario) {
      this.scenario = new Scenario(Objects.requireNonNull(scenario, "scenario"));
      return this;
    }

    /**
     * Adds a check of every received text message, counted in {@code scenario.checks}.
     *
     * @param check the check
     * @return this
     */
    public Builder messageCheck(MessageCheck check) {
      messageChecks.add(Objects.requireNonNull(check, "check"));
      return this;
    }

    /**
     * Sets the rows for {@code {feed.COLUMN}} in the scenario's templates.
     *
     * @param feeder the feeder
     * @return this
     */
    public Builder feeder(Feeder feeder) {
      this.feeder = Objects.requireNonNull(feeder, "feeder");
      return this;
    }

    /**
     * Builds the wrapper (nothing is deployed until {@link TestingWrapper#start()}).
     *
     * @return the wrapper
     * @throws IllegalStateException when no URI was given
     * @throws IllegalArgumentException when the scenario uses an unknown template name
     */
    public TestingWrapper build() {
      if (endpoints.isEmpty()) {
        throw new IllegalStateException("set uri(..) or connectionOptions(..) before build()");
      }
      return new TestingWrapper(this);
    }
  }
}
