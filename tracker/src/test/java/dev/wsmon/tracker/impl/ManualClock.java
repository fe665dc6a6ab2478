package dev.wsmon.tracker.impl;

import dev.wsmon.core.LatencyHistograms;
import java.time.Duration;
import java.time.Instant;
import org.HdrHistogram.Histogram;

/** A tracker clock the test moves by hand: both clocks advance together. */
final class ManualClock implements TrackerClock {

  long nanos = 1_000_000_000L;
  Instant instant = Instant.parse("2026-01-01T00:00:00Z");

  void advance(Duration d) {
    nanos += d.toNanos();
    instant = instant.plus(d);
  }

  @Override
  public long nanoTime() {
    return nanos;
  }

  @Override
  public Instant now() {
    return instant;
  }

  /** A latency histogram holding {@code values} microseconds. */
  static Histogram micros(long... values) {
    Histogram h = LatencyHistograms.create();
    for (long v : values) {
      LatencyHistograms.record(h, v);
    }
    return h;
  }
}
