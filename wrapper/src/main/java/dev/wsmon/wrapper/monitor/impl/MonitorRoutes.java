package dev.wsmon.wrapper.monitor.impl;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.Connection;
import dev.wsmon.exporters.ExportFormat;
import dev.wsmon.exporters.Exporters;
import dev.wsmon.exporters.HtmlRenderer;
import dev.wsmon.tracker.StatsTrackerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The monitor's HTTP routes; see {@code docs/monitor.md}. */
public final class MonitorRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(MonitorRoutes.class);
  private static final long QUERY_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final Addresses addresses;
  private final StatsTrackerVerticle tracker;
  private final Supplier<List<Connection>> connections;
  private final EventStreams streams;
  private final HtmlRenderer dashboard;
  private final int historySize;
  private SnapshotDecorator decorator = SnapshotDecorator.NONE;
  private HealthView healthView;

  /**
   * Routes over the given parts.
   *
   * @param dashboard renders {@code GET /}, or {@code null} for the placeholder page
   */
  public MonitorRoutes(
      Vertx vertx,
      Addresses addresses,
      StatsTrackerVerticle tracker,
      Supplier<List<Connection>> connections,
      EventStreams streams,
      HtmlRenderer dashboard,
      int historySize) {
    this.vertx = vertx;
    this.addresses = addresses;
    this.tracker = tracker;
    this.connections = connections;
    this.streams = streams;
    this.dashboard = dashboard;
    this.historySize = historySize;
  }

  /**
   * Serves the monitor's own view: {@code /health} from {@code healthView} and the snapshot
   * documents decorated by {@code decorator}. Call before {@link #router}.
   */
  public MonitorRoutes monitorView(HealthView healthView, SnapshotDecorator decorator) {
    this.healthView = healthView;
    this.decorator = decorator;
    return this;
  }

  /**
   * The router.
   *
   * @param token the bearer token every route requires, or {@code null}
   */
  public Router router(String token) {
    Router router = Router.router(vertx);
    router
        .route()
        .handler(
            ctx -> {
              ctx.response()
                  .putHeader("Cache-Control", "no-store")
                  .putHeader("X-Content-Type-Options", "nosniff")
                  .putHeader("Referrer-Policy", "no-referrer");
              ctx.next();
            });
    if (token != null) {
      TokenCheck browser = TokenCheck.browser(token);
      router.get("/").handler(browser);
      router.get("/events").handler(browser);
      router.route().handler(TokenCheck.headerOnly(token));
    }
    router.get("/").handler(guarded(Set.of(TokenCheck.QUERY), this::dashboard));
    router.get("/stats").handler(guarded(Set.of("connection_id", "group"), this::stats));
    router.get("/stats.csv").handler(guarded(Set.of(), ctx -> export(ctx, ExportFormat.CSV)));
    router
        .get("/series.csv")
        .handler(guarded(Set.of(), ctx -> export(ctx, ExportFormat.CSV_SERIES)));
    router.get("/metrics").handler(guarded(Set.of(), ctx -> export(ctx, ExportFormat.PROMETHEUS)));
    router.get("/history").handler(guarded(Set.of("limit", "connection_id"), this::history));
    router.get("/health").handler(guarded(Set.of(), this::health));
    router.get("/events").handler(guarded(Set.of(TokenCheck.QUERY), this::events));
    router
        .route()
        .handler(
            ctx -> {
              boolean known =
                  Set.of(
                          "/",
                          "/stats",
                          "/stats.csv",
                          "/series.csv",
                          "/metrics",
                          "/history",
                          "/health",
                          "/events")
                      .contains(ctx.normalizedPath());
              if (known && ctx.request().method() != HttpMethod.GET) {
                ctx.response().putHeader("Allow", "GET");
                HttpReplies.error(
                    ctx, 405, "method " + ctx.request().method() + " not allowed; use GET");
              } else {
                HttpReplies.error(ctx, 404, "no such route: " + shorten(ctx.normalizedPath()));
              }
            });
    router
        .route()
        .failureHandler(
            ctx -> {
              Throwable failure = ctx.failure();
              int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
              if (failure != null && status == 500) {
                LOG.warn("monitor request {} failed", ctx.normalizedPath(), failure);
              }
              String message =
                  failure == null || failure.getMessage() == null
                      ? httpReason(status)
                      : failure.getMessage();
              HttpReplies.error(ctx, status, message);
            });
    return router;
  }

  private static String httpReason(int status) {
    return io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase();
  }

  private static String shorten(String path) {
    return QueryParams.Shorten.of(path == null ? "" : path);
  }

  private interface ParamHandler {
    void handle(RoutingContext ctx, QueryParams params);
  }

  private static Handler<RoutingContext> guarded(Set<String> allowed, ParamHandler handler) {
    return ctx -> {
      QueryParams params;
      try {
        params = QueryParams.of(ctx.queryParams(), allowed);
      } catch (IllegalArgumentException e) {
        HttpReplies.error(ctx, 400, e.getMessage());
        return;
      }
      try {
        handler.handle(ctx, params);
      } catch (IllegalArgumentException e) {
        HttpReplies.error(ctx, 400, e.getMessage());
      }
    };
  }

  private static Handler<RoutingContext> guarded(Set<String> allowed, Handler<RoutingContext> h) {
    return guarded(allowed, (ctx, params) -> h.handle(ctx));
  }

  private void stats(RoutingContext ctx, QueryParams params) {
    String connectionId = params.string("connection_id");
    String group = params.string("group");
    JsonObject query = new JsonObject();
    if (connectionId != null) {
      query.put("connection_id", connectionId);
    }
    if (group != null) {
      query.put("group", group);
    }
    request(addresses.stats(), query)
        .map(
            json ->
                connectionId != null
                    ? decorator.decorateConnection(connectionId, json)
                    : group != null
                        ? decorator.decorateGroup(group, json)
                        : decorator.decorate(json))
        .compose(json -> vertx.executeBlocking(() -> Exporters.json(json, false), false))
        .onSuccess(text -> HttpReplies.json(ctx, 200, text))
        .onFailure(e -> HttpReplies.failure(ctx, e));
  }

  private void history(RoutingContext ctx, QueryParams params) {
    int limit = params.positiveInt("limit", historySize);
    String connectionId = params.string("connection_id");
    JsonObject query = new JsonObject().put("limit", limit);
    if (connectionId != null) {
      query.put("connection_id", connectionId);
    }
    request(addresses.history(), query)
        .onSuccess(json -> HttpReplies.json(ctx, 200, Exporters.json(json, false)))
        .onFailure(e -> HttpReplies.failure(ctx, e));
  }

  private void export(RoutingContext ctx, ExportFormat format) {
    vertx
        .eventBus()
        .request(addresses.export(), new JsonObject().put("format", format.id()), delivery())
        .onSuccess(
            reply -> HttpReplies.text(ctx, 200, format.contentType(), String.valueOf(reply.body())))
        .onFailure(e -> HttpReplies.failure(ctx, e));
  }

  private void health(RoutingContext ctx) {
    if (healthView != null) {
      HealthView.Answer answer = healthView.answer();
      HttpReplies.json(ctx, answer.status(), answer.body().encode());
      return;
    }
    List<Connection> all = connections.get();
    JsonArray down = new JsonArray();
    int connected = 0;
    for (Connection c : all) {
      if (c.isConnected()) {
        connected++;
      } else {
        down.add(
            new JsonObject()
                .put("connection_id", c.id())
                .put("group", c.group())
                .put("state", c.state().name()));
      }
    }
    boolean up = !all.isEmpty() && down.isEmpty();
    JsonObject body =
        new JsonObject()
            .put("status", up ? "UP" : "DOWN")
            .put("connections", all.size())
            .put("connected", connected);
    if (!up) {
      body.put("down", down);
    }
    HttpReplies.json(ctx, up ? 200 : 503, body.encode());
  }

  private void events(RoutingContext ctx) {
    streams.open(ctx);
  }

  private void dashboard(RoutingContext ctx) {
    if (dashboard == null) {
      HttpReplies.text(ctx, 200, ExportFormat.HTML.contentType(), PlaceholderPage.HTML);
      return;
    }
    Future.all(tracker.snapshot(), tracker.series())
        .compose(
            all ->
                vertx.executeBlocking(
                    () -> {
                      dev.wsmon.tracker.StatsSnapshot snapshot = all.resultAt(0);
                      List<JsonObject> points = all.resultAt(1);
                      return dashboard.render(
                          decorator.decorate(snapshot.toJson()), new JsonArray(points));
                    },
                    false))
        .onSuccess(html -> HttpReplies.text(ctx, 200, ExportFormat.HTML.contentType(), html))
        .onFailure(e -> HttpReplies.failure(ctx, e));
  }

  private Future<JsonObject> request(String address, JsonObject body) {
    return vertx
        .eventBus()
        .request(address, body, delivery())
        .map(
            reply -> {
              if (reply.body() instanceof JsonObject json) {
                return json;
              }
              throw new IllegalStateException("unexpected reply on " + address);
            });
  }

  private static DeliveryOptions delivery() {
    return new DeliveryOptions().setSendTimeout(QUERY_TIMEOUT_MS);
  }
}
