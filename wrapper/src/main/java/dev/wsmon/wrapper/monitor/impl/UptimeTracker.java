package dev.wsmon.wrapper.monitor.impl;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The uptime of one endpoint (or of all together): the fraction of time it was up since its first
 * verdict, over the last hour and over the last day, and its last outage. Memory is fixed: one
 * counter of up-time per minute for the last day (1441 longs, 11.5 KB). Windows are exact to the
 * minute; a window longer than the time observed covers the time observed. Times are passed in, in
 * nanoseconds of one monotonic clock. Thread-safe.
 */
public final class UptimeTracker {

  /** One hour in nanoseconds. */
  public static final long HOUR = 3_600_000_000_000L;

  /** One day in nanoseconds. */
  public static final long DAY = 24 * HOUR;

  static final long BUCKET = 60_000_000_000L;
  // one more than a day's minutes: a day-long window that starts mid-minute touches 1441
  private static final int BUCKETS = (int) (DAY / BUCKET) + 1;

  private final long[] upPerMinute = new long[BUCKETS];
  private long start = -1;
  private long accountedTo;
  private boolean up;
  private long upTotal;
  private Instant outageStart;
  private Instant outageEnd;
  private long outageStartNanos;
  private long outageEndNanos;
  private String outageReason;

  /**
   * Records the state from {@code now} on. The first call starts the clock.
   *
   * @param isUp whether the endpoint is up from now
   * @param now the monotonic time, nanoseconds
   * @param at the same instant as wall-clock time
   * @param reason why it is down (when {@code isUp} is false), or {@code null}
   */
  public synchronized void update(boolean isUp, long now, Instant at, String reason) {
    if (start < 0) {
      start = now;
      accountedTo = now;
      up = isUp;
      if (!isUp) {
        beginOutage(now, at, reason);
      }
      return;
    }
    account(now);
    if (isUp != up) {
      if (isUp) {
        outageEnd = at;
        outageEndNanos = now;
      } else {
        beginOutage(now, at, reason);
      }
      up = isUp;
    } else if (!isUp && reason != null) {
      outageReason = reason;
    }
  }

  private void beginOutage(long now, Instant at, String reason) {
    outageStart = at;
    outageStartNanos = now;
    outageEnd = null;
    outageReason = reason;
  }

  /** Adds the up-time of (accountedTo, now] to the minute counters, clearing minutes entered. */
  private void account(long now) {
    if (now <= accountedTo) {
      return;
    }
    long a = (accountedTo - start) / BUCKET;
    long b = (now - start) / BUCKET;
    for (long k = Math.max(a + 1, b - BUCKETS + 1); k <= b; k++) {
      upPerMinute[(int) (k % BUCKETS)] = 0;
    }
    if (up) {
      upTotal += now - accountedTo;
      long t = Math.max(accountedTo, start + (b - BUCKETS + 1) * BUCKET);
      while (t < now) {
        long k = (t - start) / BUCKET;
        long to = Math.min(start + (k + 1) * BUCKET, now);
        upPerMinute[(int) (k % BUCKETS)] += to - t;
        t = to;
      }
    }
    accountedTo = now;
  }

  /** Whether the clock has started (a first verdict came). */
  public synchronized boolean started() {
    return start >= 0;
  }

  /** Whether the endpoint is up now. */
  public synchronized boolean isUp() {
    return start >= 0 && up;
  }

  /**
   * The fraction of time up over the last {@code window} (or since the start when shorter), or
   * {@code null} before the first verdict or when no time passed.
   *
   * @param window the window in nanoseconds, {@code Long.MAX_VALUE} for all the time observed
   * @param now the monotonic time, nanoseconds
   */
  public synchronized Double ratio(long window, long now) {
    if (start < 0 || now <= start) {
      return null;
    }
    account(now);
    long observed = now - start;
    if (window >= observed) {
      return clamp(upTotal / (double) observed);
    }
    long from = now - window;
    long upNanos = 0;
    long k0 = (from - start) / BUCKET;
    long k1 = (now - start) / BUCKET;
    for (long k = k0; k <= k1; k++) {
      long bucketStart = start + k * BUCKET;
      long bucketEnd = Math.min(bucketStart + BUCKET, now);
      long value = upPerMinute[(int) (k % BUCKETS)];
      if (k == k0 && from > bucketStart) {
        double inside = (bucketEnd - from) / (double) (bucketEnd - bucketStart);
        upNanos += Math.round(value * inside);
      } else {
        upNanos += value;
      }
    }
    return clamp(upNanos / (double) window);
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  /**
   * The uptime keys: {@code uptime_ratio}, {@code uptime_ratio_1h}, {@code uptime_ratio_24h} and
   * {@code last_outage} ({@code {"started_at", "ended_at", "duration_seconds", "reason"}}, {@code
   * ended_at} null while it lasts; null when there was none).
   */
  public synchronized JsonObject writeTo(JsonObject json, long now) {
    json.put("uptime_ratio", ratio(Long.MAX_VALUE, now))
        .put("uptime_ratio_1h", ratio(HOUR, now))
        .put("uptime_ratio_24h", ratio(DAY, now));
    if (outageStart == null) {
      return json.put("last_outage", null);
    }
    long end = outageEnd == null ? now : outageEndNanos;
    return json.put(
        "last_outage",
        new JsonObject()
            .put("started_at", outageStart.toString())
            .put("ended_at", outageEnd == null ? null : outageEnd.toString())
            .put("duration_seconds", (end - outageStartNanos) / 1e9)
            .put("reason", outageReason));
  }
}
