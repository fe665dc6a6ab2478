package dev.wsmon.core;

/** The state of one monitored connection. */
public enum ConnectionState {
  /** The first attempt, or an attempt after a graceful close, is in progress. */
  CONNECTING,
  /** The handshake completed and the connection is open. */
  CONNECTED,
  /**
   * Open, but a health probe failed ({@link Connection#degrade(String)}); traffic flows as when
   * {@link #CONNECTED}. Back to {@link #CONNECTED} when a probe passes ({@link
   * Connection#recover()}) or after a reconnect.
   */
  DEGRADED,
  /** The connection was lost or an attempt failed; another attempt is scheduled or in progress. */
  RECONNECTING,
  /** Closed and not reconnecting (graceful stop, or auto reconnect off). */
  CLOSED,
  /** The reconnect policy gave up. */
  GAVE_UP
}
