package dev.wsmon.core;

/** The kinds of {@link ConnectionEvent}. */
public enum EventType {
  /** An attempt started; {@code attempt} is the retry number, 0 for the first. */
  ATTEMPT,
  /** The handshake completed; duration = connect latency. */
  CONNECTED,
  /** An attempt ended without a handshake; duration = time to failure. */
  FAILED,
  /**
   * An established connection ended for a reason other than wsmon's own graceful close; duration =
   * session length.
   */
  DISCONNECTED,
  /** A reconnect is scheduled; duration = the delay. */
  RECONNECT_SCHEDULED,
  /** The reconnect policy gave up. */
  GAVE_UP,
  /** A pong did not arrive within the pong timeout; the connection is treated as lost. */
  PING_TIMEOUT,
  /** The server sent something invalid (over-size message, invalid UTF-8). */
  PROTOCOL_ERROR,
  /** No message arrived for longer than the configured maximum silence. */
  STALE,
  /** A cluster agent stopped answering. */
  AGENT_LOST,
  /**
   * wsmon closed the connection itself (stop, undeploy, the end of a run or hold churn); duration =
   * session length. Not a disconnection. When an attempt was in flight (an {@link #ATTEMPT} without
   * its {@link #CONNECTED} or {@link #FAILED}), this event is that attempt's outcome, abandoned:
   * the reason starts with {@code attempt abandoned: } and duration = the time it was in flight.
   */
  CLOSED,
  /**
   * A health probe failed on an open connection; the state becomes {@link
   * ConnectionState#DEGRADED}.
   */
  DEGRADED,
  /**
   * A health probe passed on a degraded connection; the state is {@link ConnectionState#CONNECTED}
   * again.
   */
  RECOVERED,
  /**
   * A scenario step or a message check failed; the reason names the step and why (timeout, no match
   * with the last message seen, send failed, closed). Only the first few of a run are published.
   * Not a disconnection.
   */
  STEP_FAILED
}
