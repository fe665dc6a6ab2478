package dev.wsmon.wrapper.internal.scenario;

/**
 * The scheduled-call runs of one connection share this: a received message answers one run at most,
 * the oldest that matches it (runs observe the connection in start order, and the first that
 * matches takes it). Scenario sessions do not take part: a message a call took can still satisfy a
 * scenario's expect, and the other way round. Touched on the connection's event loop only.
 */
final class CallClaim {

  /** Most runs in flight at once on one connection; more fail at once. */
  static final int MAX_RUNS_IN_FLIGHT = 10_000;

  private long taken;
  private int inFlight;

  /** Whether the message numbered {@code index} was taken by an older run. */
  boolean taken(long index) {
    return taken == index;
  }

  void take(long index) {
    taken = index;
  }

  /** Counts a run starting; false when {@link #MAX_RUNS_IN_FLIGHT} are already in flight. */
  boolean enter() {
    if (inFlight >= MAX_RUNS_IN_FLIGHT) {
      return false;
    }
    inFlight++;
    return true;
  }

  void leave() {
    inFlight--;
  }
}
