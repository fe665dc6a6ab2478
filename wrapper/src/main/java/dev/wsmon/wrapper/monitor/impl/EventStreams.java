package dev.wsmon.wrapper.monitor.impl;

import dev.wsmon.exporters.Exporters;
import dev.wsmon.exporters.HtmlRenderer;
import dev.wsmon.tracker.StatsSnapshot;
import dev.wsmon.tracker.StatsTrackerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code /events} server-sent event streams. One timer per sample interval fetches the snapshot
 * and the newest series point once and writes {@code event: stats} with {@code {"total", "point",
 * "sections"?}} to every open stream ({@code sections}: the dashboard's {@link
 * HtmlRenderer#liveSections}, rendered once per interval off the event loop). At most {@link
 * #MAX_STREAMS} streams; a client that does not read (full write queue) misses events instead of
 * growing memory. Used on the monitor's event loop only.
 */
public final class EventStreams {

  /** The most streams open at once; more get 503. */
  public static final int MAX_STREAMS = 32;

  private final Vertx vertx;
  private final StatsTrackerVerticle tracker;
  private final long periodMs;
  private final HtmlRenderer dashboard;
  private SnapshotDecorator decorator = SnapshotDecorator.NONE;
  private final Set<HttpServerResponse> streams = new LinkedHashSet<>();
  private long timer = -1;
  private boolean fetching;
  private long sent;

  /** Streams fed from {@code tracker} every {@code periodMs}, without page sections. */
  public EventStreams(Vertx vertx, StatsTrackerVerticle tracker, long periodMs) {
    this(vertx, tracker, periodMs, null);
  }

  /**
   * Streams fed from {@code tracker} every {@code periodMs}.
   *
   * @param dashboard renders the live sections of each update, or {@code null} for none
   */
  public EventStreams(
      Vertx vertx, StatsTrackerVerticle tracker, long periodMs, HtmlRenderer dashboard) {
    this.vertx = vertx;
    this.tracker = tracker;
    this.periodMs = Math.max(1, periodMs);
    this.dashboard = dashboard;
  }

  /** Sets what adds the monitor's own keys to each update's document (call before opening). */
  public EventStreams decorator(SnapshotDecorator decorator) {
    this.decorator = decorator;
    return this;
  }

  /** Opens a stream on {@code ctx}'s response. */
  public void open(RoutingContext ctx) {
    if (streams.size() >= MAX_STREAMS) {
      HttpReplies.error(ctx, 503, "too many event streams open (at most " + MAX_STREAMS + ")");
      return;
    }
    HttpServerResponse response = ctx.response();
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("X-Accel-Buffering", "no");
    response.write("retry: " + periodMs + "\n\n");
    streams.add(response);
    response.closeHandler(v -> streams.remove(response));
    response.exceptionHandler(e -> streams.remove(response));
    if (timer < 0) {
      timer = vertx.setPeriodic(periodMs, id -> tick());
    }
    tick();
  }

  /** How many streams are open. */
  public int size() {
    return streams.size();
  }

  /** How many events were written in all. */
  public long sent() {
    return sent;
  }

  /** Ends every stream and stops the timer. */
  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    List<HttpServerResponse> open = new ArrayList<>(streams);
    streams.clear();
    open.forEach(
        r -> {
          if (!r.ended() && !r.closed()) {
            r.end();
          }
        });
  }

  private void tick() {
    if (streams.isEmpty()) {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
      return;
    }
    if (fetching) {
      return;
    }
    fetching = true;
    // without a dashboard only the totals are sent: the totals-only query builds no JSON per
    // connection (a full snapshot at 10 000 connections builds 10 000 objects every second)
    Future<JsonObject> stats =
        (dashboard == null ? tracker.totals() : tracker.snapshot().map(StatsSnapshot::toJson))
            .map(decorator::decorate);
    Future.all(stats, tracker.series())
        .compose(
            all ->
                vertx.executeBlocking(
                    () -> {
                      JsonObject document = all.resultAt(0);
                      List<JsonObject> points = all.resultAt(1);
                      JsonObject event =
                          new JsonObject()
                              .put("total", document.getJsonObject("total"))
                              .put(
                                  "point", points.isEmpty() ? null : points.get(points.size() - 1));
                      JsonObject sections =
                          dashboard == null ? null : dashboard.liveSections(document);
                      if (sections != null) {
                        event.put("sections", sections);
                      }
                      return "event: stats\ndata: " + Exporters.json(event, false) + "\n\n";
                    },
                    false))
        .onComplete(
            ar -> {
              fetching = false;
              if (ar.failed()) {
                return;
              }
              String frame = ar.result();
              for (HttpServerResponse r : new ArrayList<>(streams)) {
                if (r.ended() || r.closed()) {
                  streams.remove(r);
                } else if (!r.writeQueueFull()) {
                  r.write(frame);
                  sent++;
                }
              }
            });
  }
}
