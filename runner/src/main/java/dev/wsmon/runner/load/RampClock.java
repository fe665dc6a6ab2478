package dev.wsmon.runner.load;

/**
 * One instant on both clocks: the wall clock the connection verticles ramp from (epoch
 * milliseconds) and the {@link System#nanoTime()} the run clock counts from.
 *
 * @param epochMillis the instant, epoch milliseconds
 * @param nanos the same instant as a {@link System#nanoTime()}
 */
record RampClock(long epochMillis, long nanos) {

  /** Now. */
  static RampClock now() {
    return new RampClock(System.currentTimeMillis(), System.nanoTime());
  }

  /** The wall-clock instant {@code epochMillis}, which may be in the past or the future. */
  static RampClock of(long epochMillis) {
    RampClock now = now();
    return new RampClock(epochMillis, now.nanos - (now.epochMillis - epochMillis) * 1_000_000);
  }
}
