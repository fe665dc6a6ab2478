package dev.wsmon.wrapper.monitor;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionVerticle;
import dev.wsmon.core.ConnectionVerticleOptions;
import dev.wsmon.core.WsmonCodecs;
import dev.wsmon.exporters.ExportOptions;
import dev.wsmon.exporters.ExportVerticle;
import dev.wsmon.exporters.HtmlRenderer;
import dev.wsmon.exporters.HtmlReportRenderer;
import dev.wsmon.tracker.StatsTrackerVerticle;
import dev.wsmon.wrapper.monitor.impl.HealthView;
import dev.wsmon.wrapper.monitor.impl.MonitorScenario;
import dev.wsmon.wrapper.monitor.impl.Notifier;
import dev.wsmon.wrapper.monitor.impl.ProbeRunner;
import dev.wsmon.wrapper.monitor.impl.StatsHttpServer;
import dev.wsmon.wrapper.monitor.impl.StatusBoard;
import dev.wsmon.wrapper.monitor.impl.UptimeMeters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The monitor service: holds the configured WebSocket connections and serves their stats over HTTP.
 * It deploys a {@link StatsTrackerVerticle} (feeding a {@link PrometheusMeterRegistry} it creates),
 * an {@link ExportVerticle}, a {@link ConnectionVerticle} and an HTTP server with these {@code GET}
 * routes:
 *
 * <ul>
 *   <li>{@code /stats} the snapshot as JSON; {@code ?connection_id=c-1} or {@code ?group=g} for one
 *       connection's or group's stats object;
 *   <li>{@code /stats.csv}, {@code /series.csv} the CSV exports;
 *   <li>{@code /metrics} the Prometheus text format 0.0.4;
 *   <li>{@code /history?limit=N&connection_id=c-1} the newest events, oldest first;
 *   <li>{@code /health} 200 {@code {"status": "UP", ...}} when every connection is connected, 503
 *       {@code {"status": "DOWN", "down": [{"connection_id", "group", "state"}], ...}} otherwise;
 *   <li>{@code /events} server-sent events ({@code event: stats}, data {@code {"total": {...},
 *       "point": {...}, "sections": {...}}}) every sample interval; {@code sections} are the
 *       dashboard's {@link HtmlRenderer#liveSections live sections} (absent when it has none);
 *   <li>{@code /} the dashboard page (see {@link #dashboard(HtmlRenderer)}).
 * </ul>
 *
 * <p>The server binds {@link MonitorOptions#DEFAULT_HTTP_HOST 127.0.0.1} unless told otherwise.
 * With a {@link MonitorOptions#setToken(String) token} every route requires {@code Authorization:
 * Bearer <token>} (401 with {@code WWW-Authenticate: Bearer} otherwise); {@code /} and {@code
 * /events} also accept a {@code wsmon_token} cookie or a {@code ?token=} query parameter. Every
 * response has {@code Cache-Control: no-store}; errors are JSON {@code {"status": n, "error":
 * "message"}} without stack traces; an unknown, repeated or bad query parameter gets 400 naming it.
 *
 * <p>Deployable by class name (the Vert.x launcher): the no-argument constructor reads {@link
 * MonitorOptions} from {@code config()}. Undeploying closes every connection with 1000 and stops
 * the tracker and the exporter (Vert.x undeploys these child deployments first), then ends the
 * event streams and closes the HTTP server. A failed start undeploys what it had deployed.
 */
public class MonitorVerticle extends VerticleBase {

  /** The event stream the default dashboard listens to, relative to {@code /}: {@value}. */
  public static final String LIVE_SOURCE = "events";

  private MonitorOptions options;
  private HtmlRenderer dashboard = new HtmlReportRenderer(LIVE_SOURCE);
  private PrometheusMeterRegistry registry;
  private ConnectionVerticle connections;
  private StatsTrackerVerticle tracker;
  private StatsHttpServer server;
  private StatusBoard board;
  private ProbeRunner probes;
  private Notifier notifier;
  private MonitorScenario scenario;
  private final List<String> deployments = new ArrayList<>();
  private String connectionsId;

  /** A monitor configured from its deployment {@code config()}; for deploying by class name. */
  public MonitorVerticle() {}

  /**
   * A monitor with {@code options}.
   *
   * @param options the options (copied)
   */
  public MonitorVerticle(MonitorOptions options) {
    this.options = new MonitorOptions(Objects.requireNonNull(options, "options"));
  }

  /**
   * Deploys a monitor and waits until its HTTP server listens.
   *
   * @param vertx the Vert.x instance
   * @param options the options
   * @return the deployed monitor; see {@link #actualPort()} and {@link #deploymentID()}
   */
  public static Future<MonitorVerticle> deploy(Vertx vertx, MonitorOptions options) {
    MonitorVerticle monitor = new MonitorVerticle(options);
    return vertx.deployVerticle(monitor).map(id -> monitor);
  }

  /**
   * Sets the renderer of the dashboard page {@code GET /} (and of the {@code html} export). The
   * default is the HTML report in live mode, updated every sample interval from {@code /events};
   * {@code null} serves a small page linking the routes instead. Call before deploying.
   *
   * @param dashboard the renderer, or {@code null} for the placeholder
   * @return this
   */
  public MonitorVerticle dashboard(HtmlRenderer dashboard) {
    this.dashboard = dashboard;
    return this;
  }

  /** The options (a copy), or {@code null} before a config-deployed monitor started. */
  public MonitorOptions options() {
    return options == null ? null : new MonitorOptions(options);
  }

  /** The port the HTTP server listens on, or -1 before it started. */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  /** The connections (empty before start). */
  public List<Connection> connections() {
    return connections == null ? List.of() : connections.connections();
  }

  /** The probe runner (passed and failed counts, timers held), or {@code null} before start. */
  ProbeRunner probes() {
    return probes;
  }

  /** The notifier (sent and failed counts, timers held), or {@code null} before start. */
  Notifier notifier() {
    return notifier;
  }

  /** The live status of the connections, or {@code null} before start. */
  StatusBoard statusBoard() {
    return board;
  }

  /** The registry the tracker's meters are bound to, or {@code null} before start. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public Future<?> start() {
    try {
      if (options == null) {
        options = new MonitorOptions(config());
      }
      if (options.getEndpoints().isEmpty()) {
        throw new IllegalArgumentException(
            "monitor needs at least one endpoint (uri or endpoints)");
      }
      String exposure = options.exposureProblem();
      if (exposure != null) {
        throw new IllegalArgumentException(exposure);
      }
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    WsmonCodecs.register(vertx);
    Addresses addresses = Addresses.of(options.getNamespace());
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    tracker = new StatsTrackerVerticle(options.getTrackerOptions(), registry);
    ExportVerticle exporter =
        new ExportVerticle(
            new ExportOptions()
                .setNamespace(options.getNamespace())
                .setExportDirectory(options.getExportDirectory())
                .setPrometheusRegistry(registry)
                .setHtmlRenderer(dashboard));
    connections =
        new ConnectionVerticle(
            new ConnectionVerticleOptions()
                .setNamespace(options.getNamespace())
                .setDeferStart(true)
                .setEndpoints(options.getEndpoints()));
    server =
        new StatsHttpServer(
            vertx,
            addresses,
            tracker,
            () -> Collections.unmodifiableList(connections.connections()),
            dashboard,
            options.getSampleInterval().toMillis(),
            options.getTrackerOptions().getHistorySize());
    board = new StatusBoard();
    UptimeMeters uptimeMeters = new UptimeMeters(registry, board);
    board.groupHandler(uptimeMeters::register);
    try {
      scenario = MonitorScenario.of(vertx, options, addresses.events(), board);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new IllegalArgumentException("scenario: " + e.getMessage(), e));
    }
    server.monitorView(
        new HealthView(board, options.isDegradedOk()), scenario == null ? board : scenario);
    if (scenario != null) {
      scenario.bindTo(registry);
      tracker.addResetListener(scenario::reset);
    }
    notifier = new Notifier(vertx, options.getNotify(), options.getNotifyAfter());
    board.transitionHandler(notifier::onTransition);
    probes = new ProbeRunner(vertx, options.getProbes(), this::probed);
    return deploy(tracker)
        .compose(v -> deploy(exporter))
        .compose(v -> board.listen(vertx, addresses.events()))
        .compose(v -> deploy(connections))
        .onSuccess(v -> connectionsId = deployments.get(deployments.size() - 1))
        .compose(
            v -> {
              board.seed(connections.connections());
              probes.start();
              // the scenario is attached before the first connect: it sees a greeting sent on open
              return (scenario == null
                      ? Future.<Void>succeededFuture()
                      : scenario.attach(connections))
                  .compose(attached -> connections.startRamp(0));
            })
        .compose(
            v -> server.listen(options.getHttpHost(), options.getHttpPort(), options.getToken()))
        .recover(error -> stopParts().transform(ar -> Future.failedFuture(error)));
  }

  /** The connections as probes see them: tapped when a scenario shares their messages. */
  private List<Connection> probed() {
    List<Connection> all = connections.connections();
    return scenario == null ? all : all.stream().map(scenario::tap).toList();
  }

  private Future<Void> deploy(VerticleBase verticle) {
    return vertx
        .deployVerticle(verticle)
        .map(
            id -> {
              deployments.add(id);
              return null;
            });
  }

  /**
   * Stops the monitor in order: the connections first, so that their {@code CLOSED} events and last
   * traffic batch reach the tracker while it still listens, then everything else by undeploying
   * this verticle. A plain {@code vertx.undeploy(deploymentID())} stops the children together
   * (Vert.x undeploys them at once), so an event published while the tracker goes is discarded with
   * a {@code WARN Discarding message} log line.
   *
   * @return completes once the monitor is undeployed
   */
  public Future<Void> shutdown() {
    Future<Void> first =
        connectionsId == null || !vertx.deploymentIDs().contains(connectionsId)
            ? Future.succeededFuture()
            : vertx
                .undeploy(connectionsId)
                .otherwiseEmpty()
                .compose(
                    v ->
                        vertx
                            .eventBus()
                            .request(
                                Addresses.of(options.getNamespace()).stats(),
                                new io.vertx.core.json.JsonObject().put("scope", "total"))
                            .<Void>mapEmpty()
                            .otherwiseEmpty());
    return first.compose(v -> vertx.undeploy(deploymentID()));
  }

  @Override
  public Future<?> stop() {
    return stopParts();
  }

  /**
   * Ends the event streams, closes the server, then undeploys the connections (1000), the exporter
   * and the tracker, in that order, when they are still deployed.
   */
  private Future<Void> stopParts() {
    if (probes != null) {
      probes.stop();
    }
    if (scenario != null) {
      scenario.stop();
    }
    if (notifier != null) {
      notifier.close();
    }
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    if (board != null) {
      closed = closed.transform(ar -> board.close());
    }
    List<String> reverse = new ArrayList<>(deployments);
    Collections.reverse(reverse);
    deployments.clear();
    for (String id : reverse) {
      // on undeploy Vert.x has already undeployed the children; this matters after a failed start
      closed = closed.transform(ar -> undeployQuietly(id));
    }
    return closed.eventually(
        () -> {
          if (registry != null) {
            registry.close();
          }
          return Future.succeededFuture();
        });
  }

  private Future<Void> undeployQuietly(String id) {
    if (!vertx.deploymentIDs().contains(id)) {
      return Future.succeededFuture();
    }
    return vertx.undeploy(id).otherwiseEmpty();
  }
}
