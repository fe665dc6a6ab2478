package dev.wsmon.runner.load;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ClientWarmUp;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.tracker.StatsTrackerVerticle;
import dev.wsmon.tracker.TrackerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A rehearsal of the run's own event path, once per JVM, before the run clock starts: a throw-away
 * tracker and an event encoder listen on {@link ClientWarmUp#NAMESPACE} while the client warm-up
 * connects its one connection, and every event type is encoded as an events file line would be.
 *
 * <p>Without it, the first events of a run reach a cold tracker and a cold JSON encoder (Jackson
 * builds its serializers on first use, tens of milliseconds) on an event loop that also owns
 * connections, and the first handshakes on that loop wait for them: the first connects of a cold
 * JVM then measured 6-14 times the run's reconnects (docs/reliability.md).
 */
final class RunWarmUp {

  private static final AtomicBoolean DONE = new AtomicBoolean();

  private RunWarmUp() {}

  /**
   * Runs {@code prepare} (which warms the client path) with the rehearsal listening, the first time
   * in this JVM; later it only runs {@code prepare}. Never fails because of the rehearsal.
   */
  static Future<Void> around(Vertx vertx, Supplier<Future<Void>> prepare) {
    return DONE.compareAndSet(false, true) ? rehearse(vertx, prepare) : prepare.get();
  }

  /** Runs {@code prepare} with the rehearsal listening (every time). */
  static Future<Void> rehearse(Vertx vertx, Supplier<Future<Void>> prepare) {
    Addresses addresses = Addresses.of(ClientWarmUp.NAMESPACE);
    StatsTrackerVerticle tracker =
        new StatsTrackerVerticle(
            new TrackerOptions().setNamespace(addresses.namespace()).setLogStats(false));
    MessageConsumer<ConnectionEvent> encoder =
        vertx
            .eventBus()
            .<ConnectionEvent>localConsumer(addresses.events())
            .handler(m -> m.body().toWireJson().encode());
    Future<String> deployed = vertx.deployVerticle(tracker);
    return Future.join(deployed, encoder.completion())
        .transform(ignored -> prepare.get())
        .compose(
            v -> {
              encodeEveryEventType();
              return tracker.snapshot().map(s -> s.toJson().encode()).otherwiseEmpty();
            })
        .eventually(
            () ->
                Future.join(
                    encoder.unregister(),
                    deployed.failed()
                        ? Future.succeededFuture()
                        : vertx.undeploy(deployed.result())))
        .mapEmpty();
  }

  /** Every event type, with and without its optional values, as the events file writes them. */
  private static void encodeEveryEventType() {
    for (EventType type : EventType.values()) {
      new ConnectionEvent(
              "c-1",
              "ws://127.0.0.1/",
              type,
              Instant.now(),
              0,
              null,
              null,
              null,
              ConnectionState.CONNECTING)
          .toWireJson()
          .encode();
      new ConnectionEvent(
              "c-1",
              "ws://127.0.0.1/",
              type,
              Instant.now(),
              1,
              1.5,
              1006,
              "warm-up",
              ConnectionState.RECONNECTING)
          .toWireJson()
          .encode();
    }
  }
}
