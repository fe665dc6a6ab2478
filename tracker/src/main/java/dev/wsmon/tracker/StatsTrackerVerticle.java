package dev.wsmon.tracker;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.TrafficBatch;
import dev.wsmon.core.WsmonCodecs;
import dev.wsmon.tracker.impl.QueryBodies;
import dev.wsmon.tracker.impl.StatsAggregator;
import dev.wsmon.tracker.impl.TrackerClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates what the connection verticles publish into stats, and answers queries.
 *
 * <p>Consumes {@link ConnectionEvent}s on {@code <ns>.events} and {@link TrafficBatch}es on {@code
 * <ns>.traffic}; keeps per-connection, per-group and total stats, a bounded event history and a
 * bounded time series (one point per {@link TrackerOptions#getSampleInterval() sample interval});
 * logs a one-line summary every {@link TrackerOptions#getStatsInterval() stats interval}; and feeds
 * {@link WsmonMetrics} when given a {@link MeterRegistry}.
 *
 * <table>
 *   <caption>Queries (request/reply, JSON object bodies)</caption>
 *   <tr><th>address</th><th>body</th><th>reply</th></tr>
 *   <tr><td>{@code <ns>.stats}</td><td>{@code {}}</td><td>the {@link StatsSnapshot}
 *       document</td></tr>
 *   <tr><td>{@code <ns>.stats}</td><td>{@code {"connection_id": "c-1"}}</td><td>that connection's
 *       stats object</td></tr>
 *   <tr><td>{@code <ns>.stats}</td><td>{@code {"group": "g"}}</td><td>that group's stats
 *       object</td></tr>
 *   <tr><td>{@code <ns>.stats.reset}</td><td>{@code {}}</td><td>{@code {"reset": true}}</td></tr>
 *   <tr><td>{@code <ns>.history}</td><td>{@code {"limit": 100, "connection_id": "c-1"}} (both
 *       optional)</td><td>{@code {"events": [...]}}, oldest first</td></tr>
 *   <tr><td>{@code <ns>.series}</td><td>{@code {}}</td><td>{@code {"points": [...]}}, oldest
 *       first</td></tr>
 * </table>
 *
 * <p>A body that is not a JSON object, a key of the wrong type or unknown, an unknown connection id
 * or group and a bad limit are answered with failure code {@value #BAD_REQUEST} and a message
 * naming the bad value. The same queries are offered as methods returning {@link Future}.
 */
public class StatsTrackerVerticle extends VerticleBase {

  /** The failure code of a bad query: {@value}. */
  public static final int BAD_REQUEST = 400;

  private static final Logger LOG = LoggerFactory.getLogger(StatsTrackerVerticle.class);

  private final boolean optionsFromConfig;
  private volatile TrackerOptions options;
  private final WsmonMetrics metrics;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private volatile StatsAggregator stats;
  private long sampleTimer = -1;
  private long logTimer = -1;
  private final List<Runnable> resetListeners = new CopyOnWriteArrayList<>();

  /**
   * A tracker without meters whose options are read from the deployment config ({@link
   * TrackerOptions#TrackerOptions(JsonObject)}), or the defaults when the config is empty; for
   * deploying by class name.
   */
  public StatsTrackerVerticle() {
    this(new TrackerOptions(), null, true);
  }

  /**
   * A tracker without meters.
   *
   * @param options the options (copied)
   */
  public StatsTrackerVerticle(TrackerOptions options) {
    this(options, null);
  }

  /**
   * A tracker that also feeds {@link WsmonMetrics} bound to {@code registry}.
   *
   * @param options the options (copied)
   * @param registry the registry, or {@code null} for no meters
   */
  public StatsTrackerVerticle(TrackerOptions options, MeterRegistry registry) {
    this(options, registry, false);
  }

  private StatsTrackerVerticle(
      TrackerOptions options, MeterRegistry registry, boolean optionsFromConfig) {
    this.optionsFromConfig = optionsFromConfig;
    this.options = new TrackerOptions(Objects.requireNonNull(options, "options"));
    if (registry == null) {
      this.metrics = null;
    } else {
      this.metrics = new WsmonMetrics(options.isPerConnectionMeterTags());
      this.metrics.bindTo(registry);
    }
  }

  /**
   * Adds a listener run after every stats reset (the {@code <ns>.stats.reset} request and {@link
   * #reset()}), on the tracker's context; for results kept outside the tracker (scenarios,
   * scheduled calls) that a reset must clear too.
   *
   * @param listener the listener
   * @return this
   */
  public StatsTrackerVerticle addResetListener(Runnable listener) {
    resetListeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  private void resetAll() {
    stats.reset();
    for (Runnable listener : resetListeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.warn("a stats reset listener failed", e);
      }
    }
  }

  /** A copy of the options. */
  public TrackerOptions options() {
    return new TrackerOptions(options);
  }

  /** The meters fed by this tracker, or {@code null} when it was created without a registry. */
  public WsmonMetrics metrics() {
    return metrics;
  }

  @Override
  public Future<?> start() {
    if (optionsFromConfig && !config().isEmpty()) {
      options = new TrackerOptions(config());
    }
    WsmonCodecs.register(vertx);
    stats = new StatsAggregator(options, metrics, TrackerClock.SYSTEM);
    Addresses addresses = Addresses.of(options.getNamespace());
    EventBus bus = vertx.eventBus();
    consumers.add(bus.<ConnectionEvent>consumer(addresses.events(), m -> stats.onEvent(m.body())));
    consumers.add(bus.<TrafficBatch>consumer(addresses.traffic(), m -> stats.onBatch(m.body())));
    consumers.add(bus.consumer(addresses.stats(), query(addresses.stats(), this::statsQuery)));
    consumers.add(
        bus.consumer(addresses.statsReset(), query(addresses.statsReset(), this::resetQuery)));
    consumers.add(
        bus.consumer(addresses.history(), query(addresses.history(), this::historyQuery)));
    consumers.add(bus.consumer(addresses.series(), query(addresses.series(), this::seriesQuery)));
    sampleTimer = vertx.setPeriodic(options.getSampleInterval().toMillis(), id -> stats.sample());
    if (options.isLogStats()) {
      logTimer =
          vertx.setPeriodic(
              options.getStatsInterval().toMillis(), id -> LOG.info(stats.summaryLine()));
    }
    List<Future<Void>> registered = new ArrayList<>();
    consumers.forEach(c -> registered.add(c.completion()));
    return Future.all(registered);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sampleTimer);
    vertx.cancelTimer(logTimer);
    List<Future<Void>> unregistered = new ArrayList<>();
    consumers.forEach(c -> unregistered.add(c.unregister()));
    consumers.clear();
    return Future.all(unregistered);
  }

  /**
   * The whole snapshot.
   *
   * @return the snapshot, or a failed future when the verticle is not deployed
   */
  public Future<StatsSnapshot> snapshot() {
    return onContext(() -> new StatsSnapshot(stats.snapshotJson()));
  }

  /**
   * The totals only: {@code generated_at}, {@code started_at}, {@code elapsed_seconds} and {@code
   * total} of the snapshot document, without groups, connections and events. Cheap at any number of
   * connections (the total's histograms are kept merged as values arrive; no JSON is built per
   * connection), so progress lines and dashboards poll this rather than {@link #snapshot()}. Same
   * as {@code {"scope": "total"}} on {@code <ns>.stats}.
   *
   * @return the totals document, or a failed future when the verticle is not deployed
   */
  public Future<JsonObject> totals() {
    return onContext(() -> stats.totalsJson());
  }

  /**
   * Sets {@code started_at} to the instant the run started, {@code nanosAgo} nanoseconds before now
   * (a run's ramp origin, after its connections were deployed), without clearing anything: what was
   * counted before stays. {@code elapsed_seconds} and the {@code avg_*} rates count from it.
   *
   * @param nanosAgo how long ago the run started, in nanoseconds (0 or more)
   * @return completes when done
   */
  public Future<Void> markStarted(long nanosAgo) {
    long at = System.nanoTime() - Math.max(0, nanosAgo);
    return onContext(
        () -> {
          stats.markStarted(System.nanoTime() - at);
          return null;
        });
  }

  /**
   * Clears counters, histograms, close codes, history and series and sets {@code started_at} to
   * now. Live connections stay connected and keep their state; their session uptime restarts now.
   * Meters are not reset (they stay monotonic).
   *
   * @return completes when done
   */
  public Future<Void> reset() {
    return onContext(
        () -> {
          resetAll();
          return null;
        });
  }

  /**
   * The newest events of the history, oldest first.
   *
   * @param limit how many at most, positive
   * @return the events; empty when {@link TrackerOptions#isTrackEvents()} is off
   */
  public Future<List<ConnectionEvent>> history(int limit) {
    return history(limit, null);
  }

  /**
   * The newest events of one connection, oldest first.
   *
   * @param limit how many at most, positive
   * @param connectionId the connection, or {@code null} for all
   * @return the events, or a failed future naming a bad limit or unknown connection id
   */
  public Future<List<ConnectionEvent>> history(int limit, String connectionId) {
    if (limit < 1) {
      return Future.failedFuture(
          new IllegalArgumentException("limit must be a positive integer, got " + limit));
    }
    return onContext(
        () -> {
          if (connectionId != null && !stats.knowsConnection(connectionId)) {
            throw new IllegalArgumentException("unknown connection_id '" + connectionId + "'");
          }
          return stats.history(limit, connectionId);
        });
  }

  /**
   * The time-series points, oldest first. Keys: {@code timestamp, connections, connected,
   * connection_attempts, failed_connections, disconnections, reconnections} (cumulative since
   * {@code started_at}), {@code messages_sent_per_second, messages_received_per_second,
   * bytes_sent_per_second, bytes_received_per_second, rtt_p50_ms, rtt_p90_ms, rtt_p99_ms,
   * rtt_max_ms, connection_latency_p50_ms, connection_latency_p99_ms} (over the point's interval;
   * latencies null when there were none).
   *
   * @return the points
   */
  public Future<List<JsonObject>> series() {
    return onContext(() -> stats.seriesJson());
  }

  private JsonObject statsQuery(Object body, String address) {
    JsonObject query = QueryBodies.object(body, address, Set.of("connection_id", "group", "scope"));
    String connectionId = QueryBodies.optionalString(query, "connection_id");
    String group = QueryBodies.optionalString(query, "group");
    String scope = QueryBodies.optionalString(query, "scope");
    if (query.size() > 1) {
      throw new IllegalArgumentException(
          address
              + " request: give one of connection_id, group or scope, not both, got "
              + query.encode());
    }
    if (scope != null) {
      if (!scope.equals("total")) {
        throw new IllegalArgumentException(
            address + " request: scope must be \"total\", got \"" + scope + "\"");
      }
      return stats.totalsJson();
    }
    if (connectionId != null) {
      JsonObject json = stats.connectionJson(connectionId);
      if (json == null) {
        throw new IllegalArgumentException("unknown connection_id '" + connectionId + "'");
      }
      return json;
    }
    if (group != null) {
      JsonObject json = stats.groupJson(group);
      if (json == null) {
        throw new IllegalArgumentException("unknown group '" + group + "'");
      }
      return json;
    }
    return stats.snapshotJson();
  }

  private JsonObject resetQuery(Object body, String address) {
    QueryBodies.object(body, address, Set.of());
    resetAll();
    return new JsonObject().put("reset", true);
  }

  private JsonObject historyQuery(Object body, String address) {
    JsonObject query = QueryBodies.object(body, address, Set.of("limit", "connection_id"));
    int limit = QueryBodies.positiveInt(query, "limit", options.getHistorySize());
    String connectionId = QueryBodies.optionalString(query, "connection_id");
    if (connectionId != null && !stats.knowsConnection(connectionId)) {
      throw new IllegalArgumentException("unknown connection_id '" + connectionId + "'");
    }
    JsonArray events = new JsonArray();
    stats.history(limit, connectionId).forEach(e -> events.add(e.toJson()));
    return new JsonObject().put("events", events);
  }

  private JsonObject seriesQuery(Object body, String address) {
    QueryBodies.object(body, address, Set.of());
    return new JsonObject().put("points", new JsonArray(new ArrayList<>(stats.seriesJson())));
  }

  private static Handler<Message<Object>> query(String address, QueryHandler handler) {
    return message -> {
      JsonObject reply;
      try {
        reply = handler.answer(message.body(), address);
      } catch (IllegalArgumentException e) {
        message.fail(BAD_REQUEST, e.getMessage());
        return;
      }
      message.reply(reply);
    };
  }

  private <T> Future<T> onContext(Supplier<T> action) {
    StatsAggregator current = stats;
    Context ctx = context;
    if (current == null || ctx == null) {
      return Future.failedFuture(new IllegalStateException("StatsTrackerVerticle is not deployed"));
    }
    Promise<T> promise = Promise.promise();
    ctx.runOnContext(
        v -> {
          try {
            promise.complete(action.get());
          } catch (RuntimeException e) {
            promise.fail(e);
          }
        });
    return promise.future();
  }

  @FunctionalInterface
  private interface QueryHandler {
    JsonObject answer(Object body, String address);
  }
}
