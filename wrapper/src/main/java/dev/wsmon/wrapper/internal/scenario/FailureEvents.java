package dev.wsmon.wrapper.internal.scenario;

import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes the first {@link #LIMIT} failures of a run (scenario steps, message checks, scheduled
 * calls) as {@link EventType#STEP_FAILED} events, so that they reach the event history.
 */
final class FailureEvents {

  /** How many failures of a run are published. */
  static final int LIMIT = 20;

  private final Vertx vertx;
  private final String address;
  private final AtomicInteger published = new AtomicInteger();

  /**
   * @param address the events address, or null to publish nothing
   */
  FailureEvents(Vertx vertx, String address) {
    this.vertx = vertx;
    this.address = address;
  }

  void report(String connectionId, String group, ConnectionState state, String reason) {
    if (address == null || published.incrementAndGet() > LIMIT) {
      return;
    }
    vertx
        .eventBus()
        .publish(
            address,
            new ConnectionEvent(
                connectionId,
                group,
                EventType.STEP_FAILED,
                Instant.now(),
                0,
                null,
                null,
                reason,
                state));
  }

  /** Publishes the next {@link #LIMIT} again (after a stats reset). */
  void reset() {
    published.set(0);
  }
}
