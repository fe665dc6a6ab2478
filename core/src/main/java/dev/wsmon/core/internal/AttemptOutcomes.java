package dev.wsmon.core.internal;

import dev.wsmon.core.EventType;

/**
 * The rule that gives every connection attempt one outcome, read from a connection's events in
 * order: an {@link EventType#ATTEMPT} opens an attempt; its {@link EventType#CONNECTED} (a success)
 * or {@link EventType#FAILED} (a failure) ends it; a {@link EventType#CLOSED} while it is still
 * open ends it as <em>abandoned</em> (wsmon closed the connection itself: end of a run, a hold,
 * undeploy, {@code close()}), and that event's reason starts with {@link #PREFIX}. The connection
 * follows it to write the reason, the tracker to count {@code attempts_abandoned}, so both agree.
 */
public final class AttemptOutcomes {

  /** How the reason of a {@code CLOSED} that abandons an attempt starts. */
  public static final String PREFIX = "attempt abandoned: ";

  private AttemptOutcomes() {}

  /**
   * Whether an attempt is open after an event.
   *
   * @param before whether one was open before it
   * @param type the event's type
   */
  public static boolean inFlightAfter(boolean before, EventType type) {
    return switch (type) {
      case ATTEMPT -> true;
      case CONNECTED, FAILED, DISCONNECTED, CLOSED -> false;
      default -> before;
    };
  }

  /**
   * Whether an event abandons the open attempt.
   *
   * @param inFlight whether an attempt was open before it
   * @param type the event's type
   */
  public static boolean abandons(boolean inFlight, EventType type) {
    return inFlight && type == EventType.CLOSED;
  }

  /** The reason of a {@code CLOSED} that abandons an attempt: {@code attempt abandoned: why}. */
  public static String abandoned(String why) {
    return PREFIX + why;
  }
}
