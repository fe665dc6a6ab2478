package dev.wsmon.runner.load;

import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.EventType;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives the traffic of a {@code wsmon run} through one {@link SenderLane} per connection verticle,
 * each on that verticle's event loop (see the lane for the sending rules). This verticle only
 * routes {@code CONNECTED} events to the lane of the connection and ends the sending at the end of
 * the run.
 */
final class SenderVerticle extends VerticleBase {

  private final RunSettings settings;
  private final int numberOffset;
  private final String eventsAddress;
  private final Map<String, SenderLane.Sender> senders = new HashMap<>();
  private final List<SenderLane> lanes = new ArrayList<>();
  private MessageConsumer<ConnectionEvent> consumer;
  private boolean running = true;

  SenderVerticle(RunSettings settings, String eventsAddress) {
    this(settings, eventsAddress, 0);
  }

  /** {@code numberOffset}: added to connection numbers for {@code {conn}} (cluster agents). */
  SenderVerticle(RunSettings settings, String eventsAddress, int numberOffset) {
    this.settings = settings;
    this.numberOffset = numberOffset;
    this.eventsAddress = eventsAddress;
  }

  @Override
  public Future<?> start() {
    consumer =
        vertx.eventBus().<ConnectionEvent>localConsumer(eventsAddress, m -> onEvent(m.body()));
    return consumer.completion();
  }

  /**
   * Takes over the connections of one connection verticle, whose event loop is {@code loop}; those
   * already open start sending now, the others on their {@code CONNECTED} event.
   */
  Future<Void> attach(Context loop, List<Connection> connections) {
    if (!settings.sending() && settings.hold == null) {
      // nothing to send and no churn: no lane, and no sender (56 bytes and a map entry) per
      // connection
      return Future.succeededFuture();
    }
    SenderLane lane = new SenderLane(vertx, loop, settings, numberOffset, connections);
    Promise<Void> promise = Promise.promise();
    context.runOnContext(
        v -> {
          lanes.add(lane);
          lane.senders().forEach(s -> senders.put(s.connection.id(), s));
          lane.start().onComplete(promise);
        });
    return promise.future();
  }

  private void onEvent(ConnectionEvent event) {
    SenderLane.Sender s = senders.get(event.connectionId());
    if (s != null && event.type() == EventType.CONNECTED && running) {
      s.lane().connected(s);
    }
  }

  /**
   * Stops sending and completes when every send in flight has ended or after {@code grace}. Called
   * on any thread.
   */
  Future<Void> stopSending(Duration grace) {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(
        v -> {
          running = false;
          List<Future<Void>> all = new ArrayList<>();
          lanes.forEach(l -> all.add(l.stopSending()));
          long timer = vertx.setTimer(Math.max(1, grace.toMillis()), id -> promise.tryComplete());
          Future.join(all).onComplete(ar -> promise.tryComplete());
          promise.future().onComplete(ar -> vertx.cancelTimer(timer));
        });
    return promise.future();
  }

  /** How many connections have a sender (for tests); read on this verticle's context. */
  int senderCount() {
    return senders.size();
  }

  @Override
  public Future<?> stop() {
    running = false;
    lanes.forEach(SenderLane::stop);
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }
}
