package dev.wsmon.core.impl;

import dev.wsmon.core.Backpressure;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.internal.TrafficCounters;
import io.netty.channel.Channel;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import java.util.ArrayDeque;

/**
 * A connection's sends: written at once when the socket takes them, else queued (bounded) until it
 * drains or the connection opens; each write is counted as sent or failed when it completes. Writes
 * complete in the order they were made (one channel), so a ring of their sizes and request numbers
 * stands in for a listener object per write. On the connection's event loop only.
 */
final class SendQueue implements Completable<Void> {

  /** The connection's side: where writes go now, and why sends cannot wait. */
  interface Owner {

    /** The socket that takes messages now, or {@code null} (not connected, handshaking). */
    WebSocket writableSocket();

    /**
     * Why a send can neither go now nor wait, or {@code null} when it may wait (a reconnect
     * follows).
     */
    String closedReason();

    /** Why a send cannot go while the close handshake has begun or nothing is connected. */
    String notConnectedReason(boolean closing);
  }

  private static final Object QUEUED = new Object();
  // a write refused because the close handshake has begun
  private static final Object CLOSING = new Object();

  private final Owner owner;
  private final ConnectionOptions options;
  private final TrafficCounters counters;
  // allocated on the first send: held connections that never send cost nothing here
  private ArrayDeque<Waiting> waiting;
  private LongRing inFlight;
  private RequestCorrelator requests;
  private String lastText;
  private int lastTextBytes;
  private Promise<Void> settled;
  // the socket whose Netty channel tells writability without a lock, and that channel
  private WebSocket channelOf;
  private Channel channel;

  // promise null: a request's send, reported to the correlator by its number
  private record Waiting(Object payload, Promise<Void> promise, int request) {}

  // an in-flight write: its size in bits 32-62, bit 63 set for a request, whose number is the low
  // 32
  private static final long REQUEST = 1L << 63;

  SendQueue(Owner owner, ConnectionOptions options, TrafficCounters counters) {
    this.owner = owner;
    this.options = options;
    this.counters = counters;
  }

  /** The requests whose writes this queue reports (written, or never sent). */
  void requests(RequestCorrelator requests) {
    this.requests = requests;
  }

  /** Sends {@code payload} (a String or a Buffer); the future completes when it was written. */
  Future<Void> send(Object payload) {
    Object r = offer(payload, false, 0);
    return r instanceof Future<?> f ? castVoid(f) : Future.failedFuture((String) r);
  }

  /**
   * Sends request number {@code request}'s payload; its write is reported to the correlator.
   *
   * @return {@code null} when it was written or queued, else why not (counted as a send failure)
   */
  String sendRequest(Object payload, int request) {
    Object r = offer(payload, true, request);
    return r instanceof String reason ? reason : null;
  }

  /** A Future, or the failure's reason (already counted). */
  private Object offer(Object payload, boolean isRequest, int request) {
    WebSocket socket = owner.writableSocket();
    boolean closing = false;
    boolean full = false;
    int queued = waiting == null ? 0 : waiting.size();
    if (socket != null) {
      try {
        full = writeQueueFull(socket, queued);
      } catch (IllegalStateException closed) {
        // the close handshake has begun (its close event is still to come): the socket takes no
        // more messages (asking it first with isClosed() would cost every send a second lock)
        closing = true;
        socket = null;
      }
    }
    if (socket != null && queued == 0 && !full) {
      Object r = write(socket, payload, isRequest, request);
      if (r != CLOSING) {
        return r;
      }
      closing = true;
      socket = null;
    }
    if (socket != null) {
      if (options.getSendOptions().getBackpressure() == Backpressure.FAIL) {
        return refuse("write queue full (backpressure FAIL)");
      }
      if (queued >= options.getSendOptions().getMaxPendingWrites()) {
        return refuse("send buffer full: " + queued + " messages wait for the socket to drain");
      }
      return enqueue(payload, isRequest, request);
    }
    String closed = owner.closedReason();
    if (closed != null) {
      return refuse(closed);
    }
    if (queued >= options.getSendOptions().getSendBufferSize()) {
      return refuse(
          options.getSendOptions().getSendBufferSize() == 0
              ? owner.notConnectedReason(closing)
              : "send buffer full: " + queued + " messages wait for the connection");
    }
    return enqueue(payload, isRequest, request);
  }

  /**
   * Whether {@code socket}'s write queue is full; throws {@link IllegalStateException} once its
   * close handshake has begun. With nothing waiting, Netty's channel is asked first (a volatile
   * read): only a channel above its high-water mark costs Vert.x's {@code writeQueueFull()}, which
   * takes the socket's lock, so a send that goes out at once pays one lock (the write's), not two.
   * A socket that is closing then shows in the write itself ({@link #CLOSING}).
   */
  private boolean writeQueueFull(WebSocket socket, int queued) {
    if (queued == 0) {
      if (socket != channelOf) {
        channelOf = socket;
        channel =
            socket instanceof WebSocketInternal internal
                ? internal.channelHandlerContext().channel()
                : null;
      }
      Channel ch = channel;
      if (ch != null && ch.isWritable()) {
        return false;
      }
    }
    return socket.writeQueueFull();
  }

  private Object enqueue(Object payload, boolean isRequest, int request) {
    if (waiting == null) {
      waiting = new ArrayDeque<>(4);
    }
    if (isRequest) {
      waiting.add(new Waiting(payload, null, request));
      return QUEUED;
    }
    Promise<Void> promise = Promise.promise();
    waiting.add(new Waiting(payload, promise, request));
    return promise.future();
  }

  /**
   * The UTF-8 length of a received text: an echo of the last text sent (compared with {@code
   * equals}, a vectorised compare several times cheaper than measuring) has that text's length.
   */
  long receivedLength(String text) {
    String last = lastText;
    if (last != null && (text == last || (text.length() == last.length() && text.equals(last)))) {
      return lastTextBytes;
    }
    return Utf8.length(text);
  }

  private Object write(WebSocket socket, Object payload, boolean isRequest, int request) {
    Future<Void> written;
    int size;
    try {
      if (payload instanceof String text) {
        if (text != lastText) {
          // a run sends the same payload instance again and again: measure it once
          lastTextBytes = (int) Math.min(Integer.MAX_VALUE, Utf8.length(text));
          lastText = text;
        }
        size = lastTextBytes;
        written = socket.writeTextMessage(text);
      } else {
        Buffer data = (Buffer) payload;
        size = data.length();
        written = socket.writeBinaryMessage(data);
      }
    } catch (RuntimeException e) {
      return refuse("write failed: " + e.getMessage());
    }
    if (!(written instanceof Promise<?>) && written.failed() && socket.isClosed()) {
      // refused at once by a socket whose close handshake has begun: not written. Vert.x answers
      // that with a ready failed future; a write it takes is its promise, and asking that one
      // (synchronized) would cost every write a lock
      return CLOSING;
    }
    if (inFlight == null) {
      inFlight = new LongRing();
    }
    inFlight.add((long) size << 32 | (isRequest ? REQUEST | (request & 0xFFFFFFFFL) : 0));
    // the queue itself listens: a Completable is taken as is, a Handler would be wrapped per call
    written.onComplete(this);
    return written;
  }

  /** A write completed: counted as sent or failed, and reported to its request if it has one. */
  @Override
  public void complete(Void ignored, Throwable failure) {
    long entry = inFlight.poll();
    int size = (int) ((entry & ~REQUEST) >>> 32);
    if (failure == null) {
      counters.messagesSent++;
      counters.bytesSent += size;
      if ((entry & REQUEST) != 0 && requests != null) {
        counters.requestsSent++;
      }
    } else {
      counters.sendFailures++;
    }
    if ((entry & REQUEST) != 0 && requests != null) {
      requests.written((int) entry, failure);
    }
    if (settled != null && inFlight.size() == 0) {
      Promise<Void> done = settled;
      settled = null;
      done.tryComplete();
    }
  }

  private String refuse(String reason) {
    counters.sendFailures++;
    return reason;
  }

  /** A send that failed before reaching the queue: counted, with {@code reason}. */
  Future<Void> failed(String reason) {
    refuse(reason);
    return Future.failedFuture(reason);
  }

  /** Writes what waits, while the socket takes it. */
  void drain() {
    WebSocket socket = owner.writableSocket();
    while (socket != null
        && waiting != null
        && !waiting.isEmpty()
        && !socket.isClosed()
        && !socket.writeQueueFull()) {
      Waiting w = waiting.poll();
      Object r = write(socket, w.payload, w.promise == null, w.request);
      if (r == CLOSING) {
        r = refuse("write failed: WebSocket is closed");
      }
      if (w.promise == null) {
        if (r instanceof String reason && requests != null) {
          requests.notSent(w.request, reason);
        }
      } else if (r instanceof Future<?> f) {
        castVoid(f).onComplete(w.promise);
      } else {
        w.promise.tryFail((String) r);
      }
      socket = owner.writableSocket();
    }
  }

  /**
   * Fails what waits beyond the first {@code keep} sends, each a send failure with {@code reason}.
   */
  void abort(String reason, int keep) {
    while (waiting != null && waiting.size() > keep) {
      Waiting w = waiting.pollLast();
      counters.sendFailures++;
      if (w.promise == null) {
        if (requests != null) {
          requests.notSent(w.request, reason);
        }
      } else {
        w.promise.tryFail(reason);
      }
    }
  }

  /**
   * Completes when every write handed to a socket has completed (and so was counted as sent or
   * failed); a closed socket fails its pending writes, so this follows a close closely.
   */
  Future<Void> settled(Vertx vertx, long boundMs) {
    if (inFlight == null || inFlight.size() == 0) {
      return Future.succeededFuture();
    }
    if (settled == null) {
      settled = Promise.promise();
    }
    Promise<Void> done = settled;
    long bound = vertx.setTimer(boundMs, t -> done.tryComplete());
    return done.future().onComplete(ar -> vertx.cancelTimer(bound));
  }

  @SuppressWarnings("unchecked")
  private static Future<Void> castVoid(Future<?> f) {
    return (Future<Void>) f;
  }
}
