package dev.wsmon.wrapper.monitor;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.Connection;
import dev.wsmon.exporters.ExportOptions;
import dev.wsmon.exporters.ExportVerticle;
import dev.wsmon.exporters.HtmlReportRenderer;
import dev.wsmon.tracker.StatsTrackerVerticle;
import dev.wsmon.wrapper.monitor.impl.StatsHttpServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The live dashboard of {@code wsmon run --dashboard}: the monitor's HTTP server ({@link
 * StatsHttpServer}: {@code /} updated every sample interval from {@code /events}, {@code /stats},
 * CSV exports, {@code /history}, {@code /health}) over the run's tracker, with an {@link
 * ExportVerticle} for the export routes. Open from the run's start to its end.
 */
public final class RunDashboard {

  /**
   * The dashboard settings of a run.
   *
   * @param host the address to bind (default {@value #DEFAULT_HOST})
   * @param port the port, 0 for a free one (default {@value #DEFAULT_PORT})
   * @param token the bearer token (header, {@code wsmon_token} cookie or {@code ?token=}), or
   *     {@code null}
   */
  public record Settings(String host, int port, String token) {

    /** Default {@code dashboardHost}: {@value}. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** Default {@code dashboardPort}: {@value} (a free port; the URL is printed). */
    public static final int DEFAULT_PORT = 0;
  }

  private final Vertx vertx;
  private final StatsHttpServer server;
  private final ExportVerticle exporter;
  private final Settings settings;
  private String exporterId;

  /**
   * A dashboard, not started.
   *
   * @param vertx the run's Vert.x
   * @param addresses the run's addresses
   * @param tracker the run's tracker
   * @param connections the connections once deployed (empty before)
   * @param settings host, port, token
   * @param sampleInterval the update period
   * @param historySize the default {@code /history} limit
   */
  public RunDashboard(
      Vertx vertx,
      Addresses addresses,
      StatsTrackerVerticle tracker,
      Supplier<List<Connection>> connections,
      Settings settings,
      Duration sampleInterval,
      int historySize) {
    this.vertx = vertx;
    this.settings = settings;
    HtmlReportRenderer renderer = new HtmlReportRenderer(MonitorVerticle.LIVE_SOURCE);
    this.exporter =
        new ExportVerticle(
            new ExportOptions().setNamespace(addresses.namespace()).setHtmlRenderer(renderer));
    this.server =
        new StatsHttpServer(
            vertx,
            addresses,
            tracker,
            connections,
            renderer,
            sampleInterval.toMillis(),
            historySize);
  }

  /**
   * Deploys the exporter and starts listening.
   *
   * @return the dashboard URL ({@code http://host:port/}), without the token
   */
  public Future<String> start() {
    return vertx
        .deployVerticle(exporter)
        .compose(
            id -> {
              exporterId = id;
              return server.listen(settings.host(), settings.port(), settings.token());
            })
        .map(port -> "http://" + hostInUrl(settings.host()) + ":" + port + "/");
  }

  /** Ends the event streams, closes the server and undeploys the exporter. */
  public Future<Void> close() {
    Future<Void> closed = server.close().otherwiseEmpty();
    if (exporterId == null || !vertx.deploymentIDs().contains(exporterId)) {
      return closed;
    }
    String id = exporterId;
    exporterId = null;
    return closed.compose(v -> vertx.undeploy(id)).otherwiseEmpty();
  }

  private static String hostInUrl(String host) {
    if (host.equals("0.0.0.0")) {
      return "127.0.0.1";
    }
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
