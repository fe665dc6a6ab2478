package dev.wsmon.runner.load;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ClientWarmUp;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.tracker.StatsTrackerVerticle;
import dev.wsmon.tracker.TrackerOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger LOG = LoggerFactory.getLogger(RunWarmUp.class);

  /**
   * How long no warm-up event must have arrived before the rehearsal stops listening: {@value} ms.
   * The warm-up's connections publish their last events as they close; a listener gone while one is
   * still queued for it makes Vert.x warn "Discarding message".
   */
  static final long QUIET_MS = 50;

  /** The longest the rehearsal waits for that quiet: {@value} ms. */
  static final long QUIET_MAX_MS = 2_000;

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
    AtomicLong lastEvent = new AtomicLong(System.nanoTime());
    StatsTrackerVerticle tracker =
        new StatsTrackerVerticle(
            new TrackerOptions().setNamespace(addresses.namespace()).setLogStats(false));
    MessageConsumer<ConnectionEvent> encoder =
        vertx
            .eventBus()
            .<ConnectionEvent>localConsumer(addresses.events())
            .handler(
                m -> {
                  lastEvent.set(System.nanoTime());
                  m.body().toWireJson().encode();
                });
    Future<String> deployed = vertx.deployVerticle(tracker);
    return Future.join(deployed, encoder.completion())
        .transform(ignored -> prepare.get())
        .compose(v -> quiet(vertx, lastEvent))
        .compose(
            v -> {
              encodeEveryEventType();
              return tracker
                  .snapshot()
                  .onSuccess(
                      s ->
                          LOG.debug(
                              "run warm-up: the rehearsal saw {} attempts",
                              s.toJson().getJsonObject("total").getValue("connection_attempts")))
                  .map(s -> s.toJson().encode())
                  .otherwiseEmpty();
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

  /**
   * Completes once no event has arrived for {@link #QUIET_MS} ms (counted from now at the
   * earliest), at the latest after {@link #QUIET_MAX_MS} ms; never fails.
   */
  private static Future<Void> quiet(Vertx vertx, AtomicLong lastEvent) {
    long start = System.nanoTime();
    lastEvent.accumulateAndGet(start, Math::max);
    Promise<Void> quiet = Promise.promise();
    vertx.setPeriodic(
        QUIET_MS / 5,
        id -> {
          long now = System.nanoTime();
          if (now - lastEvent.get() >= QUIET_MS * 1_000_000
              || now - start >= QUIET_MAX_MS * 1_000_000) {
            vertx.cancelTimer(id);
            quiet.tryComplete();
          }
        });
    return quiet.future();
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
