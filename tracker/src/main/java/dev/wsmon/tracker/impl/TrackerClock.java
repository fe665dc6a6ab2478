package dev.wsmon.tracker.impl;

import java.time.Instant;

/** The tracker's time source: a monotonic clock for durations and a wall clock for timestamps. */
public interface TrackerClock {

  /** The system clocks. */
  TrackerClock SYSTEM =
      new TrackerClock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public Instant now() {
          return Instant.now();
        }
      };

  /** Monotonic nanoseconds, for durations. */
  long nanoTime();

  /** The current instant (UTC), for timestamps. */
  Instant now();
}
