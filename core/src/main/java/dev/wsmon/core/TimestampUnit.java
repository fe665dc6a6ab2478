package dev.wsmon.core;

/**
 * How the server timestamp of a feed message ({@link FeedOptions#getTsField()}) is read. Numbers
 * may be integers or decimals.
 */
public enum TimestampUnit {
  /**
   * Numbers by magnitude (below 10<sup>11</sup> seconds, below 10<sup>14</sup> milliseconds, below
   * 10<sup>17</sup> microseconds, else nanoseconds since the epoch); strings as ISO-8601.
   */
  AUTO,
  /** Seconds since the epoch. */
  S,
  /** Milliseconds since the epoch. */
  MS,
  /** Microseconds since the epoch. */
  US,
  /** Nanoseconds since the epoch. */
  NS,
  /** ISO-8601 strings such as {@code 2026-01-01T00:00:00.123Z} or with an offset. */
  ISO
}
