package dev.wsmon.wrapper.monitor.impl;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.Connection;
import dev.wsmon.exporters.HtmlRenderer;
import dev.wsmon.tracker.StatsTrackerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import java.util.function.Supplier;

/**
 * The HTTP server of the monitor and of {@code run --dashboard}: the routes of {@link
 * MonitorRoutes} (dashboard, {@code /events}, {@code /stats}, exports, {@code /health}) over a
 * tracker, with the optional token. The export routes need an {@code ExportVerticle} on the same
 * namespace. Create and close it on one event loop (a verticle's, or any for a plain caller).
 */
public final class StatsHttpServer {

  private final Vertx vertx;
  private final EventStreams streams;
  private final MonitorRoutes routes;
  private HttpServer server;

  /**
   * A server, not listening yet.
   *
   * @param vertx the Vert.x instance
   * @param addresses the namespace's addresses (stats, history, export)
   * @param tracker the tracker whose snapshot and series are served
   * @param connections the current connections (for {@code /health}); may be empty at first
   * @param dashboard renders {@code GET /} and the live sections, or {@code null} for a placeholder
   * @param sampleIntervalMs how often {@code /events} sends an update
   * @param historySize the default {@code /history} limit
   */
  public StatsHttpServer(
      Vertx vertx,
      Addresses addresses,
      StatsTrackerVerticle tracker,
      Supplier<List<Connection>> connections,
      HtmlRenderer dashboard,
      long sampleIntervalMs,
      int historySize) {
    this.vertx = vertx;
    this.streams = new EventStreams(vertx, tracker, sampleIntervalMs, dashboard);
    this.routes =
        new MonitorRoutes(vertx, addresses, tracker, connections, streams, dashboard, historySize);
  }

  /**
   * Serves the monitor's own view: {@code /health} from {@code health}, and {@code /stats}, the
   * dashboard and {@code /events} decorated by {@code decorator}. Call before {@link #listen}.
   */
  public StatsHttpServer monitorView(HealthView health, SnapshotDecorator decorator) {
    routes.monitorView(health, decorator);
    streams.decorator(decorator);
    return this;
  }

  /**
   * Starts listening.
   *
   * @param host the address to bind
   * @param port the port, 0 for a free one
   * @param token the bearer token every route requires, or {@code null}
   * @return the port listened on
   */
  public Future<Integer> listen(String host, int port, String token) {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(host)
            .setPort(port)
            .setMaxInitialLineLength(8192)
            .setMaxHeaderSize(16384);
    server = vertx.createHttpServer(options).requestHandler(routes.router(token));
    return server.listen().map(HttpServer::actualPort);
  }

  /** The port listened on, or -1 before {@link #listen}. */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  /** The event streams (open count, events sent). */
  public EventStreams streams() {
    return streams;
  }

  /** Ends the event streams and closes the server. */
  public Future<Void> close() {
    streams.close();
    return server == null ? Future.succeededFuture() : server.close();
  }
}
