package dev.wsmon.wrapper;

import dev.wsmon.core.Connection;
import dev.wsmon.wrapper.impl.ScheduledCallRunner;
import dev.wsmon.wrapper.impl.ScheduledCallStats;
import dev.wsmon.wrapper.internal.TappedConnection;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
 * touches no connection.
 */
public final class ScheduledCalls {

  private final Vertx vertx;
  private final List<ScheduledCall> calls;
  private final ScheduledCallStats stats = new ScheduledCallStats();
  private final Map<String, TappedConnection> taps = new ConcurrentHashMap<>();
  private final ScheduledCallRunner runner;
  private volatile Supplier<List<Connection>> connections = List::of;

  /**
   * Calls for a run.
   *
   * @param vertx the run's Vert.x
   * @param eventsAddress the connection events address (for {@code on} triggers)
   * @param calls the validated calls, may be empty
   */
  public ScheduledCalls(Vertx vertx, String eventsAddress, List<ScheduledCall> calls) {
    this.vertx = vertx;
    this.calls = List.copyOf(calls);
    this.runner =
        new ScheduledCallRunner(vertx, eventsAddress, this.calls, this::tap, this::first, stats);
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
    return runner.prepare();
  }

  /** Starts the timers; {@code at} and {@code every} count from now. */
  public void start(List<Connection> connections) {
    List<Connection> copy = List.copyOf(connections);
    this.connections = () -> copy;
    runner.start();
  }

  /**
   * Where to look connections up until {@link #start(List)}: event triggers such as {@code
   * CONNECTED} can fire while the connection verticles are still being deployed.
   */
  public void lookup(Supplier<List<Connection>> connections) {
    this.connections = connections;
  }

  /** The one tap of {@code connection}, shared with the scenario engine. */
  public TappedConnection tapOf(Connection connection) {
    return taps.computeIfAbsent(connection.id(), key -> new TappedConnection(vertx, connection));
  }

  private TappedConnection tap(String id) {
    for (Connection c : connections.get()) {
      if (c.id().equals(id)) {
        return taps.computeIfAbsent(id, key -> new TappedConnection(vertx, c));
      }
    }
    return null;
  }

  private TappedConnection first() {
    List<Connection> all = connections.get();
    return all.isEmpty() ? null : tap(all.get(0).id());
  }

  /** Stops the timers and the event consumer: no new run starts. */
  public Future<Void> stop() {
    return runner.stop();
  }

  /**
   * Completes when every started run has an outcome, or after {@code grace} (then the runs still
   * waiting get none).
   */
  public Future<Void> awaitRuns(Duration grace) {
    if (calls.isEmpty() || stats.idle()) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    poll(done, System.nanoTime() + grace.toNanos());
    return done.future();
  }

  /** One-shot timers: cancelling a periodic one set from this thread can throw in Vert.x 5.0. */
  private void poll(Promise<Void> done, long deadline) {
    if (stats.idle() || System.nanoTime() - deadline > 0) {
      done.tryComplete();
      return;
    }
    vertx.setTimer(10, id -> poll(done, deadline));
  }

  /** Cancels expectations still waiting (after the grace period); they get no outcome. */
  public void cancelPending() {
    taps.values().forEach(t -> t.cancelExpectations("the run is ending"));
  }

  /** Clears the calls' counts (a stats reset); runs in flight stay started. */
  public void reset() {
    stats.reset();
  }

  /** {@code snapshot} with {@code total.scheduled_calls} added when there are calls. */
  public JsonObject addTo(JsonObject snapshot) {
    if (calls.isEmpty() || snapshot.getJsonObject("total") == null) {
      return snapshot;
    }
    snapshot.getJsonObject("total").put("scheduled_calls", stats.toJson());
    return snapshot;
  }
}
