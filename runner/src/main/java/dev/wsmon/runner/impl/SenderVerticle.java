package dev.wsmon.runner.impl;

import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.EventType;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives the traffic of a {@code wsmon run}: a fixed rate per connection scheduled against the
 * intended send times (a late tick sends what is due at once, so a slow server is not hidden by
 * coordinated omission), or, with rate 0, a window of requests in flight per connection. Sends go
 * out only while a connection is open. Also closes and reopens connections for {@code --hold}.
 */
final class SenderVerticle extends VerticleBase {

  /** Most sends one connection makes in one tick when catching up. */
  private static final int MAX_BURST = 1_000;

  private final RunSettings settings;
  private final int numberOffset;
  private final String eventsAddress;
  private final Map<String, Sender> senders = new HashMap<>();
  private final boolean correlated;
  private final long periodNanos;
  private MessageConsumer<ConnectionEvent> consumer;
  private long tickTimer = -1;
  private boolean running = true;
  private long inFlight;
  private Promise<Void> drained;

  private static final class Sender {
    final Connection connection;
    long seq;
    long next;
    boolean scheduled;
    int inFlight;
    long holdTimer = -1;

    Sender(Connection connection) {
      this.connection = connection;
    }
  }

  SenderVerticle(RunSettings settings, String eventsAddress) {
    this(settings, eventsAddress, 0);
  }

  /** {@code numberOffset}: added to connection numbers for {@code {conn}} (cluster agents). */
  SenderVerticle(RunSettings settings, String eventsAddress, int numberOffset) {
    this.numberOffset = numberOffset;
    this.settings = settings;
    this.eventsAddress = eventsAddress;
    this.correlated =
        settings.sendText != null && settings.correlation != RunSettings.Correlation.NONE;
    this.periodNanos = settings.rate > 0 ? Math.max(1, Math.round(1e9 / settings.rate)) : 0;
  }

  @Override
  public Future<?> start() {
    consumer =
        vertx.eventBus().<ConnectionEvent>localConsumer(eventsAddress, m -> onEvent(m.body()));
    if (settings.sending() && settings.rate > 0) {
      long tickMs = Math.max(1, Math.min(20, periodNanos / 1_000_000));
      tickTimer = vertx.setPeriodic(tickMs, id -> tick());
    }
    return consumer.completion();
  }

  /**
   * Takes over the connections once their verticle is deployed; those already open start sending
   * now, the others on their {@code CONNECTED} event.
   */
  Future<Void> attach(List<Connection> connections) {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(
        v -> {
          connections.forEach(c -> senders.put(c.id(), new Sender(c)));
          senders.values().stream()
              .filter(s -> s.connection.isConnected())
              .forEach(this::onConnected);
          promise.complete();
        });
    return promise.future();
  }

  private void onEvent(ConnectionEvent event) {
    Sender s = senders.get(event.connectionId());
    if (s != null && event.type() == EventType.CONNECTED && running) {
      onConnected(s);
    }
  }

  private void onConnected(Sender s) {
    if (settings.sending()) {
      if (settings.rate > 0) {
        if (!s.scheduled) {
          s.scheduled = true;
          s.next = System.nanoTime();
        }
      } else {
        fillWindow(s);
      }
    }
    if (settings.hold != null) {
      scheduleHold(s);
    }
  }

  private void tick() {
    if (!running) {
      return;
    }
    long now = System.nanoTime();
    for (Sender s : senders.values()) {
      if (!s.scheduled) {
        continue;
      }
      if (!s.connection.isConnected()) {
        s.next = now + periodNanos;
        continue;
      }
      int burst = 0;
      while (s.next - now <= 0 && burst < MAX_BURST) {
        send(s);
        s.next += periodNanos;
        burst++;
      }
    }
  }

  private void fillWindow(Sender s) {
    while (running && s.inFlight < settings.window && s.connection.isConnected()) {
      send(s);
    }
  }

  private void send(Sender s) {
    long seq = ++s.seq;
    Future<?> sent;
    try {
      if (settings.sendBinary != null) {
        sent = s.connection.sendBinary(Buffer.buffer(settings.sendBinary));
      } else {
        String payload = settings.sendText.render(s.connection.number() + numberOffset, seq);
        sent =
            correlated
                ? s.connection.request(payload, settings.requestTimeout)
                : s.connection.sendText(payload);
      }
    } catch (RuntimeException e) {
      sent = Future.failedFuture(e);
    }
    s.inFlight++;
    inFlight++;
    Context context = this.context;
    sent.onComplete(ar -> context.runOnContext(v -> done(s)));
  }

  private void done(Sender s) {
    s.inFlight--;
    inFlight--;
    if (!running) {
      if (inFlight == 0 && drained != null) {
        drained.tryComplete();
      }
      return;
    }
    if (settings.rate == 0 && settings.sending()) {
      fillWindow(s);
    }
  }

  private void scheduleHold(Sender s) {
    if (s.holdTimer >= 0) {
      vertx.cancelTimer(s.holdTimer);
    }
    s.holdTimer =
        vertx.setTimer(
            Math.max(1, settings.hold.toMillis()),
            id -> {
              s.holdTimer = -1;
              if (running && s.connection.isConnected()) {
                s.connection
                    .close()
                    .onComplete(
                        ar ->
                            context.runOnContext(
                                v -> {
                                  if (running) {
                                    s.connection.connect();
                                  }
                                }));
              }
            });
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
          if (tickTimer >= 0) {
            vertx.cancelTimer(tickTimer);
            tickTimer = -1;
          }
          senders.values().forEach(this::cancelHold);
          if (inFlight == 0) {
            promise.tryComplete();
            return;
          }
          drained = promise;
          long timer = vertx.setTimer(Math.max(1, grace.toMillis()), id -> promise.tryComplete());
          promise.future().onComplete(ar -> vertx.cancelTimer(timer));
        });
    return promise.future();
  }

  private void cancelHold(Sender s) {
    if (s.holdTimer >= 0) {
      vertx.cancelTimer(s.holdTimer);
      s.holdTimer = -1;
    }
  }

  @Override
  public Future<?> stop() {
    running = false;
    if (tickTimer >= 0) {
      vertx.cancelTimer(tickTimer);
    }
    senders.values().forEach(this::cancelHold);
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }
}
