package dev.wsmon.runner.load;

import dev.wsmon.core.BinaryId;
import dev.wsmon.core.Connection;
import dev.wsmon.core.Correlation;
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
 * against the intended send times, or, with rate 0, a window of requests in flight per connection.
 * Sends go out only while a connection is open.
 *
 * <p>At a fixed rate a message is intended for the first tick of the lane's grid (ticks of at most
 * 20 ms, fixed-rate) at or after its due time; a late tick sends what is due at once, and a
 * correlated request's round trip is measured from that intended time (so a stalled client or event
 * loop shows in {@code rtt_ms} instead of vanishing: coordinated omission), its actual send
 * separately ({@code rtt_actual_ms}, {@code send_lag_ms}).
 *
 * <p>Also closes and reopens connections for {@code --hold}: a hold close, like the end of a run,
 * stops sending on that connection, waits for its replies in flight (up to the grace), then closes.
 * Without correlation there are no requests to wait for: the lane then counts the messages sent and
 * received since the connection opened, and a close waits until as many came back as went out (an
 * echo caught up) or nothing arrived for {@link #QUIET_NANOS} (a server that does not answer).
 * Every field is touched on the lane's event loop only.
 */
final class SenderLane {

  /** Most sends one connection makes in one tick when catching up. */
  private static final int MAX_BURST = 1_000;

  /** How long an uncorrelated connection must stay silent before a close stops waiting. */
  static final long QUIET_NANOS = 500_000_000L;

  private final Vertx vertx;
  private final Context loop;
  private final RunSettings settings;
  private final int numberOffset;
  private final boolean correlated;
  private final BinaryId binaryId;
  private final boolean uncorrelated;
  private final long periodNanos;
  private final long tickNanos;
  private final long requestTimeoutNanos;
  private long gridStart;
  private final List<Sender> senders = new ArrayList<>();
  private Thread thread;
  private long tickTimer = -1;
  private boolean running = true;
  private long inFlight;
  private Promise<Void> drained;
  private long drainStart;
  private long quietTimer = -1;

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
    long holdGraceTimer = -1;
    long holdStart;
    boolean holding;
    boolean holdClosing;

    // without correlation: sends that left and messages received since the connection opened
    long sentOk;
    long received;
    long lastArrival;

    Sender(Connection connection) {
      this.connection = connection;
    }

    SenderLane lane() {
      return SenderLane.this;
    }

    @Override
    public void complete(Object result, Throwable failure) {
      if (Thread.currentThread() == thread) {
        done(this, failure == null);
      } else {
        loop.runOnContext(v -> done(this, failure == null));
      }
    }

    /** A message arrived (counted only without correlation); on the lane's loop. */
    void arrived(Buffer ignored) {
      received++;
      lastArrival = System.nanoTime();
      if (inFlight == 0 && caughtUp(this)) {
        if (holding) {
          closeForHold(this);
        } else if (!running) {
          checkDrained();
        }
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
        settings.sendText != null && settings.correlation.kind() != Correlation.Kind.NONE;
    this.binaryId = settings.binaryId;
    this.uncorrelated = settings.sending() && !correlated && binaryId == null;
    this.periodNanos = settings.rate > 0 ? Math.max(1, Math.round(1e9 / settings.rate)) : 0;
    this.tickNanos = Math.max(1, Math.min(20, periodNanos / 1_000_000)) * 1_000_000L;
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
            if (uncorrelated) {
              s.connection.messageHandler(s::arrived);
            }
          }
          if (settings.sending() && settings.rate > 0) {
            // periodic timers are fixed-rate: the ticks fall on the grid gridStart + k * tick
            gridStart = System.nanoTime() + tickNanos;
            tickTimer = vertx.setPeriodic(tickNanos / 1_000_000, id -> tick());
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
    s.holding = false;
    s.holdClosing = false;
    s.sentOk = 0;
    s.received = 0;
    s.lastArrival = System.nanoTime();
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
      if (s.holding || !s.connection.isConnected()) {
        s.next = now + periodNanos;
        continue;
      }
      int burst = 0;
      while (s.next - now <= 0 && burst < MAX_BURST) {
        send(s, onGrid(s.next));
        s.next += periodNanos;
        burst++;
      }
    }
  }

  /** The first tick of the grid at or after {@code due}. */
  private long onGrid(long due) {
    long after = due - gridStart;
    return after <= 0 ? gridStart : gridStart + (after + tickNanos - 1) / tickNanos * tickNanos;
  }

  private void fillWindow(Sender s) {
    while (running && !s.holding && s.inFlight < settings.window && s.connection.isConnected()) {
      send(s, -1);
    }
  }

  /** Sends the next message; {@code intendedAt} is its intended time at a rate, else -1. */
  private void send(Sender s, long intendedAt) {
    long seq = ++s.seq;
    s.inFlight++;
    inFlight++;
    try {
      if (settings.sendBinary != null) {
        if (binaryId == null) {
          listen(s.connection.sendBinary(Buffer.buffer(settings.sendBinary)), s);
        } else {
          sendBinaryRequest(s, binaryId.stamp(settings.sendBinary, seq), intendedAt);
        }
        return;
      }
      String payload = settings.sendText.render(s.connection.number() + numberOffset, seq);
      if (!correlated) {
        listen(s.connection.sendText(payload), s);
      } else if (s.direct != null && requestTimeoutNanos > 0) {
        // on the connection's own loop: no Future per request, and a request sent from the
        // previous one's reply takes that reply's arrival time as its send time
        if (intendedAt != -1) {
          s.direct.scheduledRequestOnLoop(payload, requestTimeoutNanos, intendedAt, s);
        } else {
          s.direct.requestOnLoop(payload, requestTimeoutNanos, s.direct.clock(), s);
        }
      } else {
        listen(s.connection.request(payload, settings.requestTimeout), s);
      }
    } catch (RuntimeException e) {
      s.complete(null, e);
    }
  }

  /** A binary request carrying its sequence number as its id (binary correlation). */
  private void sendBinaryRequest(Sender s, Buffer payload, long intendedAt) {
    if (s.direct != null && requestTimeoutNanos > 0) {
      s.direct.binaryRequestOnLoop(payload, requestTimeoutNanos, intendedAt, intendedAt != -1, s);
    } else {
      listen(s.connection.requestBinary(payload, settings.requestTimeout), s);
    }
  }

  @SuppressWarnings("unchecked")
  private static void listen(Future<?> sent, Sender s) {
    ((Future<Object>) sent).onComplete(s);
  }

  private void done(Sender s, boolean left) {
    s.inFlight--;
    inFlight--;
    if (left && uncorrelated) {
      s.sentOk++;
    }
    if (!running) {
      checkDrained();
      return;
    }
    if (s.holding) {
      if (s.inFlight == 0 && caughtUp(s)) {
        closeForHold(s);
      }
    } else if (settings.rate == 0 && settings.sending()) {
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
              if (running && s.connection.isConnected() && !s.holding) {
                // like the end of a run: stop sending, await the replies in flight, then close
                s.holding = true;
                s.holdStart = System.nanoTime();
                if (s.inFlight == 0 && caughtUp(s)) {
                  closeForHold(s);
                } else {
                  s.holdGraceTimer =
                      vertx.setTimer(Math.max(1, settings.grace.toMillis()), t -> closeForHold(s));
                  if (uncorrelated) {
                    watchQuiet(s);
                  }
                }
              }
            });
  }

  /** Closes a held connection (what still awaits a reply is abandoned) and opens it again. */
  private void closeForHold(Sender s) {
    if (s.holdGraceTimer >= 0) {
      vertx.cancelTimer(s.holdGraceTimer);
      s.holdGraceTimer = -1;
    }
    if (!running || s.holdClosing) {
      return;
    }
    s.holdClosing = true;
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

  /**
   * Whether a connection without correlation has its echoes back: as many messages received as sent
   * since it opened, or nothing received for {@link #QUIET_NANOS} since the close began (and since
   * the last arrival). Always true with correlation (the requests in flight are waited for).
   */
  private boolean caughtUp(Sender s) {
    if (!uncorrelated || s.received >= s.sentOk || !s.connection.isConnected()) {
      return true;
    }
    long since = s.holding ? s.holdStart : drainStart;
    return System.nanoTime() - Math.max(since, s.lastArrival) >= QUIET_NANOS;
  }

  /** Checks a held uncorrelated connection for silence until it closes. */
  private void watchQuiet(Sender s) {
    vertx.setTimer(
        QUIET_NANOS / 1_000_000 / 5,
        id -> {
          if (running && s.holding && !s.holdClosing) {
            if (s.inFlight == 0 && caughtUp(s)) {
              closeForHold(s);
            } else {
              watchQuiet(s);
            }
          }
        });
  }

  /** At the end: completes the drain once no send is in flight and every echo is back. */
  private void checkDrained() {
    if (drained == null || inFlight != 0) {
      return;
    }
    for (Sender s : senders) {
      if (!caughtUp(s)) {
        if (quietTimer < 0) {
          quietTimer =
              vertx.setTimer(
                  QUIET_NANOS / 1_000_000 / 5,
                  id -> {
                    quietTimer = -1;
                    checkDrained();
                  });
        }
        return;
      }
    }
    drained.tryComplete();
  }

  /** Stops sending; completes when every send in flight has ended. Called on any thread. */
  Future<Void> stopSending() {
    Promise<Void> promise = Promise.promise();
    loop.runOnContext(
        v -> {
          halt();
          drainStart = System.nanoTime();
          drained = promise;
          checkDrained();
        });
    return promise.future();
  }

  /** Stops at once (undeploy); called on any thread. */
  void stop() {
    loop.runOnContext(
        v -> {
          halt();
          if (quietTimer >= 0) {
            vertx.cancelTimer(quietTimer);
            quietTimer = -1;
          }
        });
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
      if (s.holdGraceTimer >= 0) {
        vertx.cancelTimer(s.holdGraceTimer);
        s.holdGraceTimer = -1;
      }
    }
  }
}
