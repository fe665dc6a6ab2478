package dev.wsmon.core.impl;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.LatencyHistograms;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import org.HdrHistogram.Histogram;

/**
 * The ping/pong keep-alive of one connection: sends a ping every {@code pingInterval}, matches
 * pongs to pings (payload: sequence number and send time, 16 bytes) into the ping round-trip
 * histogram, and tells when the oldest ping went unanswered for {@code pongTimeout}. It is its own
 * ring of {@link PendingPings} (one object per connection, not two). Event loop only; a connection
 * without pings has none.
 */
final class Pinger extends PendingPings {

  private final long pingIntervalNanos;
  private final long pongTimeoutNanos;
  private long pingSeq;
  private long nextPingAt;
  private Histogram pingRtt;

  private Pinger(long pingIntervalNanos, long pongTimeoutNanos) {
    this.pingIntervalNanos = pingIntervalNanos;
    this.pongTimeoutNanos = pongTimeoutNanos;
  }

  /** A pinger for {@code options}, or {@code null} when pings are off. */
  static Pinger of(ConnectionOptions options) {
    long interval = options.getPingInterval().toNanos();
    return interval > 0 ? new Pinger(interval, options.getPongTimeout().toNanos()) : null;
  }

  /**
   * A connection opened at {@code now}: its first ping is due one interval later, and pings of an
   * earlier socket are forgotten (one that ended during its protocol handshake left some).
   */
  void opened(long now) {
    clear();
    nextPingAt = now + pingIntervalNanos;
  }

  /**
   * Sends the next ping on {@code socket} when it is due.
   *
   * @return true when the oldest pending ping has waited longer than the pong timeout
   */
  boolean tick(WebSocket socket, long now) {
    if (!isEmpty() && now - oldestSentAt() > pongTimeoutNanos) {
      return true;
    } else if (now >= nextPingAt && !isFull()) {
      long seq = ++pingSeq;
      nextPingAt = now + pingIntervalNanos;
      add(seq, now);
      socket.writePing(Buffer.buffer(16).appendLong(seq).appendLong(now));
    }
    return false;
  }

  void onPong(Buffer data) {
    if (data.length() != 16) {
      return;
    }
    long sent = acknowledge(data.getLong(0));
    if (sent < 0) {
      return;
    }
    if (pingRtt == null) {
      pingRtt = LatencyHistograms.create();
    }
    LatencyHistograms.recordNanos(pingRtt, System.nanoTime() - sent);
  }

  /** The ping round trips since the last call, or {@code null} when none. */
  Histogram takeRtt() {
    Histogram rtt = pingRtt;
    pingRtt = null;
    return rtt;
  }

  boolean hasRtt() {
    return pingRtt != null;
  }
}
