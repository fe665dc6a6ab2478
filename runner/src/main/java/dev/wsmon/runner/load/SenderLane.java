package dev.wsmon.runner.load;

import dev.wsmon.core.Connection;
import dev.wsmon.core.internal.LoopRequester;
import io.vertx.core.Completable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The sending of the connections of one connection verticle, run on that verticle's event loop, so
 * a send and its completion never hop between threads: a fixed rate per connection scheduled
 * against the intended send times (a late tick sends what is due at once, so a slow server is not
 * hidden by coordinated omission), or, with rate 0, a window of requests in flight per connection.
 * Sends go out only while a connection is open. Also closes and reopens connections for {@code
 * --hold}. Every field is touched on the lane's event loop only.
 */
final class SenderLane {

  /** Most sends one connection makes in one tick when catching up. */
  private static final int MAX_BURST = 1_000;

  private final Vertx vertx;
  private final Context loop;
  private final RunSettings settings;
  private final int numberOffset;
  private final boolean correlated;
  private final long periodNanos;
  private final long requestTimeoutNanos;
  private final List<Sender> senders = new ArrayList<>();
  private Thread thread;
  private long tickTimer = -1;
  private boolean running = true;
  private long inFlight;
  private Promise<Void> drained;

  /**
   * One connection's sending state; also the listener of its sends (no lambda per message; a {@link
   * Completable}, so {@code Future.onComplete} wraps it in no adapter either).
   */
  final class Sender implements Completable<Object> {
    final Connection connection;

    /** The connection itself when it runs on this lane's loop: requests go to it directly. */
    LoopRequester direct;

    long seq;
    long next;
    boolean scheduled;
    int inFlight;
    long holdTimer = -1;

    Sender(Connection connection) {
      this.connection = connection;
    }

    SenderLane lane() {
      return SenderLane.this;
    }

    @Override
    public void complete(Object result, Throwable failure) {
      if (Thread.currentThread() == thread) {
        done(this);
      } else {
        loop.runOnContext(v -> done(this));
      }
    }
  }

  SenderLane(
      Vertx vertx,
      Context loop,
      RunSettings settings,
      int numberOffset,
      List<Connection> connections) {
    this.vertx = vertx;
    this.loop = loop;
    this.settings = settings;
    this.numberOffset = numberOffset;
    this.correlated =
        settings.sendText != null && settings.correlation != RunSettings.Correlation.NONE;
    this.periodNanos = settings.rate > 0 ? Math.max(1, Math.round(1e9 / settings.rate)) : 0;
    this.requestTimeoutNanos =
        settings.requestTimeout == null ? 0 : settings.requestTimeout.toNanos();
    connections.forEach(c -> senders.add(new Sender(c)));
  }

  List<Sender> senders() {
    return senders;
  }

  /** Starts on the lane's loop: the tick, and sending on the connections already open. */
  Future<Void> start() {
    Promise<Void> promise = Promise.promise();
    loop.runOnContext(
        v -> {
          thread = Thread.currentThread();
          for (Sender s : senders) {
            if (s.connection instanceof LoopRequester impl && impl.onLoop()) {
              s.direct = impl;
            }
          }
          if (settings.sending() && settings.rate > 0) {
            long tickMs = Math.max(1, Math.min(20, periodNanos / 1_000_000));
            tickTimer = vertx.setPeriodic(tickMs, id -> tick());
          }
          for (Sender s : senders) {
            if (s.connection.isConnected()) {
              onConnected(s);
            }
          }
          promise.complete();
        });
    return promise.future();
  }

  /** A connection of this lane (re)connected; called on any thread. */
  void connected(Sender s) {
    loop.runOnContext(
        v -> {
          if (running) {
            onConnected(s);
          }
        });
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
    for (Sender s : senders) {
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
    s.inFlight++;
    inFlight++;
    try {
      if (settings.sendBinary != null) {
        listen(s.connection.sendBinary(Buffer.buffer(settings.sendBinary)), s);
        return;
      }
      String payload = settings.sendText.render(s.connection.number() + numberOffset, seq);
      if (!correlated) {
        listen(s.connection.sendText(payload), s);
      } else if (s.direct != null && requestTimeoutNanos > 0) {
        // on the connection's own loop: no Future per request, and a request sent from the
        // previous one's reply takes that reply's arrival time as its send time
        s.direct.requestOnLoop(payload, requestTimeoutNanos, s.direct.clock(), s);
      } else {
        listen(s.connection.request(payload, settings.requestTimeout), s);
      }
    } catch (RuntimeException e) {
      s.complete(null, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void listen(Future<?> sent, Sender s) {
    ((Future<Object>) sent).onComplete(s);
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
                            loop.runOnContext(
                                v -> {
                                  if (running) {
                                    s.connection.connect();
                                  }
                                }));
              }
            });
  }

  /** Stops sending; completes when every send in flight has ended. Called on any thread. */
  Future<Void> stopSending() {
    Promise<Void> promise = Promise.promise();
    loop.runOnContext(
        v -> {
          halt();
          if (inFlight == 0) {
            promise.tryComplete();
          } else {
            drained = promise;
          }
        });
    return promise.future();
  }

  /** Stops at once (undeploy); called on any thread. */
  void stop() {
    loop.runOnContext(v -> halt());
  }

  private void halt() {
    running = false;
    if (tickTimer >= 0) {
      vertx.cancelTimer(tickTimer);
      tickTimer = -1;
    }
    for (Sender s : senders) {
      if (s.holdTimer >= 0) {
        vertx.cancelTimer(s.holdTimer);
        s.holdTimer = -1;
      }
    }
  }
}
