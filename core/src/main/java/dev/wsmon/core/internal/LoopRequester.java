package dev.wsmon.core.internal;

import io.vertx.core.Completable;
import io.vertx.core.buffer.Buffer;

/**
 * The allocation-free request path of a connection, for a sender that runs on the connection's own
 * event loop (the {@code wsmon run} sender lanes): no Future and no hop per request. Implemented by
 * the connections of a {@code ConnectionVerticle}.
 */
public interface LoopRequester {

  /**
   * Whether the calling thread is this connection's event loop.
   *
   * @return true on the connection's event loop
   */
  boolean onLoop();

  /**
   * Sends a request now; on the connection's event loop only.
   *
   * @param payload the text to send
   * @param timeoutNanos how long to wait for the reply, in nanoseconds, positive
   * @param sentAt the send time ({@code System.nanoTime()}), from {@link #clock()} by a caller that
   *     sends at once
   * @param listener gets the reply or the failure, once
   */
  void requestOnLoop(
      String payload, long timeoutNanos, long sentAt, Completable<? super String> listener);

  /**
   * Sends a request that was due at {@code intendedAt} (a fixed-rate schedule), now; on the
   * connection's event loop only. Its round trip goes to {@code rtt} from the intended time and to
   * {@code rtt_actual} from the actual send; the difference goes to {@code send_lag}.
   *
   * @param payload the text to send
   * @param timeoutNanos how long to wait for the reply, in nanoseconds, positive
   * @param intendedAt when the request was due ({@code System.nanoTime()})
   * @param listener gets the reply or the failure, once
   */
  void scheduledRequestOnLoop(
      String payload, long timeoutNanos, long intendedAt, Completable<? super String> listener);

  /**
   * Sends a binary request now (binary correlation); on the connection's event loop only. When
   * {@code scheduled}, it was due at {@code intendedAt} and is measured like {@link
   * #scheduledRequestOnLoop}; otherwise it is sent at {@link #clock()}.
   *
   * @param payload the message, holding its id
   * @param timeoutNanos how long to wait for the reply, in nanoseconds, positive
   * @param intendedAt when the request was due ({@code System.nanoTime()}); ignored unless
   *     scheduled
   * @param scheduled whether it was sent on a fixed-rate schedule
   * @param listener gets the reply ({@link Buffer}) or the failure, once
   */
  void binaryRequestOnLoop(
      Buffer payload,
      long timeoutNanos,
      long intendedAt,
      boolean scheduled,
      Completable<Object> listener);

  /**
   * {@code System.nanoTime()}, or, while a reply is handed to its request's listener, that reply's
   * arrival time; on the connection's event loop only.
   *
   * @return a {@code System.nanoTime()} value
   */
  long clock();
}
