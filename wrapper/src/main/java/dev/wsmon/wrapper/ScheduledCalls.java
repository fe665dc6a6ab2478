package dev.wsmon.wrapper;

import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionVerticle;
import dev.wsmon.wrapper.internal.TappedConnection;
import dev.wsmon.wrapper.internal.scenario.ScheduledCallEngine;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A set of {@link ScheduledCall scheduled calls} run on connections that someone else deployed (the
 * {@code wsmon run} command uses it for the config's {@code scheduledCalls}): a call without {@code
 * connectionId} targets the first connection. Their results go into a snapshot under {@code
 * total.scheduled_calls}, as in the {@link TestingWrapper}. With no calls it does nothing and
 * touches no connection. The calls run on the scenario engine (one-step scenarios, see {@code
 * docs/scenarios.md}).
 */
public final class ScheduledCalls {

  private final Vertx vertx;
  private final Map<String, TappedConnection> taps = new ConcurrentHashMap<>();
  private final ScheduledCallEngine engine;
  private volatile Supplier<List<ConnectionVerticle>> verticles = List::of;

  /**
   * Calls for a run.
   *
   * @param vertx the run's Vert.x
   * @param eventsAddress the connection events address (for {@code on} triggers and failures)
   * @param calls the validated calls, may be empty
   */
  public ScheduledCalls(Vertx vertx, String eventsAddress, List<ScheduledCall> calls) {
    this.vertx = vertx;
    this.engine = new ScheduledCallEngine(vertx, eventsAddress, calls, this::target);
  }

  /**
   * Checks that every {@code connectionId} names one of the run's connections ({@code c-1} to
   * {@code c-total}).
   *
   * @throws IllegalArgumentException naming the call and the id
   */
  public static void checkTargets(List<ScheduledCall> calls, int total) {
    for (ScheduledCall call : calls) {
      String id = call.getConnectionId();
      if (id != null && Integer.parseInt(id.substring(2)) > total) {
        throw new IllegalArgumentException(
            "scheduled call '"
                + call.getName()
                + "' targets connectionId '"
                + id
                + "' but the run has connections c-1 to c-"
                + total);
      }
    }
  }

  /** Registers the event consumer; call before the connections are deployed. */
  public Future<Void> prepare() {
    return engine.prepare();
  }

  /**
   * Where the connections are: event triggers such as {@code CONNECTED} can fire while the
   * connection verticles are still being deployed. A call runs on its connection's verticle's event
   * loop.
   */
  public void lookup(Supplier<List<ConnectionVerticle>> verticles) {
    this.verticles = verticles;
  }

  /** Starts the timers; {@code at} and {@code every} count from now. */
  public void start() {
    engine.start();
  }

  /** The one tap of {@code connection}, shared with the scenario engine. */
  public TappedConnection tapOf(Connection connection) {
    return taps.computeIfAbsent(connection.id(), key -> new TappedConnection(vertx, connection));
  }

  private ScheduledCallEngine.Target target(String id) {
    for (ConnectionVerticle verticle : verticles.get()) {
      Context loop = verticle.context();
      for (Connection c : verticle.connections()) {
        if (id == null || c.id().equals(id)) {
          return loop == null ? null : new ScheduledCallEngine.Target(tapOf(c), loop);
        }
      }
    }
    return null;
  }

  /** Stops the timers and the event consumer: no new run starts. */
  public Future<Void> stop() {
    return engine.stop();
  }

  /** Completes when every started run has an outcome, or after {@code grace}. */
  public Future<Void> awaitRuns(Duration grace) {
    return engine.awaitIdle(grace);
  }

  /**
   * Ends the runs still in flight (after the grace period): each fails with the reason {@code
   * closed}, so that every run has an outcome.
   */
  public Future<Void> cancelPending() {
    return engine.closePending();
  }

  /** Clears the calls' counts (a stats reset); runs in flight stay started. */
  public void reset() {
    engine.reset();
  }

  /** {@code snapshot} with {@code total.scheduled_calls} added when there are calls. */
  public JsonObject addTo(JsonObject snapshot) {
    if (engine.isEmpty() || snapshot.getJsonObject("total") == null) {
      return snapshot;
    }
    snapshot.getJsonObject("total").put("scheduled_calls", engine.toJson());
    return snapshot;
  }
}
