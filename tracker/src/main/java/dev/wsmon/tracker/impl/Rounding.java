package dev.wsmon.tracker.impl;

/** Rounding of the numbers in stats documents. */
final class Rounding {

  private Rounding() {}

  /** Seconds to millisecond precision. */
  static double seconds(long nanos) {
    return Math.round(nanos / 1e6) / 1000.0;
  }

  /** A rate to three decimals. */
  static double rate(double perSecond) {
    return Math.round(perSecond * 1000.0) / 1000.0;
  }

  /** Milliseconds to microsecond precision. */
  static double millis(double ms) {
    return Math.round(ms * 1000.0) / 1000.0;
  }
}
