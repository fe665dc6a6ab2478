package dev.wsmon.core;

/** What a send does when the socket's write queue is full. */
public enum Backpressure {
  /**
   * The message waits (in a bounded buffer of {@link SendOptions#getMaxPendingWrites()} messages)
   * until the socket drains; a send beyond that bound fails.
   */
  WAIT,
  /** The send fails at once. */
  FAIL
}
