package dev.wsmon.runner.load;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ConnectionOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where the connections of a {@link RunExecution} live: in this JVM ({@link LocalBackend}) or on
 * cluster agents. The run deploys the tracker on {@code addresses}; the load makes the connection
 * events and traffic batches arrive there.
 */
public interface LoadBackend {

  /** The Vert.x instance of the run (blocking; called from the run's thread). */
  default Vertx createVertx() {
    return Vertx.vertx();
  }

  /**
   * Checks, before Vert.x starts, that this process can hold {@code endpoints} ({@link Preflight}:
   * open files, heap, ephemeral ports). A load whose connections live in other processes checks
   * there instead.
   *
   * @param endpoints the run's endpoints
   * @throws ConfigException naming each limit that does not fit
   */
  default void preflight(List<ConnectionOptions> endpoints) {
    Preflight.check(endpoints, Preflight.Limits.current());
  }

  /**
   * Before the tracker starts: e.g. waits for cluster agents.
   *
   * @param vertx the run's Vert.x
   * @return completes when the load can start; fails with a message for the user
   */
  default Future<Void> prepare(Vertx vertx) {
    return Future.succeededFuture();
  }

  /**
   * Starts the connections and the senders.
   *
   * @param vertx the run's Vert.x
   * @param addresses where the tracker listens
   * @param endpoints the run's endpoints
   * @param endRun ends the run with a reason (e.g. an agent was lost)
   * @return the {@link System#nanoTime()} of the ramp's origin, the instant the first counted
   *     attempt may start (after the connections are deployed; in a cluster run the agents' common
   *     start instant): the run clock's zero, from which {@code -d}, the progress line and the
   *     summary's sending time count
   */
  Future<Long> start(
      Vertx vertx, Addresses addresses, List<ConnectionOptions> endpoints, Consumer<String> endRun);

  /**
   * The run ended: no connection attempt starts from now on (pending reconnects and unstarted ramp
   * slots are cancelled, attempts in flight abandoned; open connections stay open but are not
   * reopened). Called before the scenario stops, so every session that began has its iteration.
   */
  default Future<Void> endAttempts() {
    return Future.succeededFuture();
  }

  /**
   * {@link #endAttempts()}, and {@code stateAtEnd} asked at the end instant: after everything that
   * happened before the end reached the run's tracker, before the tracker hears of any close the
   * end makes. Here it is asked first (the tracker hears the closes after the request); a cluster
   * first has its agents forward their events and hold the next ones until {@link #stopSending}.
   *
   * @param stateAtEnd what to ask at the end instant (the tracker's snapshot)
   * @return its result, once the attempts have ended
   */
  default <T> Future<T> endAttempts(Supplier<Future<T>> stateAtEnd) {
    Future<T> state = stateAtEnd.get();
    return endAttempts().compose(v -> state);
  }

  /** Stops sending and awaits replies in flight for up to {@code grace}. */
  Future<Void> stopSending(Duration grace);

  /** Closes the connections; when it completes their last traffic has reached the tracker. */
  Future<Void> close();

  /**
   * The scenario results of connections that ran elsewhere (cluster agents), in the wire form of
   * {@link RunScenario#toWire()}; empty for connections in this JVM. Read after {@link #close()},
   * from the run's thread.
   */
  default JsonObject scenarioResults() {
    return new JsonObject();
  }

  /**
   * The live scenario figures of connections that run elsewhere (cluster agents), in the shape of
   * {@code total.scenario} (latencies left out), or {@code null} when there are none; any thread.
   */
  default JsonObject liveScenario() {
    return null;
  }

  /**
   * A {@code stats.reset} of the run's tracker: clears what this backend counts outside the tracker
   * (a cluster's agents' scenario figures); any thread.
   */
  default void resetStats() {}

  /**
   * {@code snapshot} (the run's final one) with what only this backend knows added (a cluster's
   * lost agents' last scenario figures); read after {@link #close()}, from the run's thread.
   */
  default JsonObject completeSnapshot(JsonObject snapshot) {
    return snapshot;
  }

  /** A reason the run failed apart from its thresholds (e.g. a lost agent), or {@code null}. */
  default String failure() {
    return null;
  }
}
