package dev.wsmon.wrapper.monitor.impl;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The uptime gauges of each endpoint (group): {@code wsmon.endpoint.uptime.ratio} with tag {@code
 * window} {@code all}, {@code 1h} or {@code 24h} (NaN before the first verdict), and {@code
 * wsmon.endpoint.up} (1 while every connection of the endpoint is up, else 0). Registered when a
 * group is first seen.
 */
public final class UptimeMeters {

  private final MeterRegistry registry;
  private final StatusBoard board;

  public UptimeMeters(MeterRegistry registry, StatusBoard board) {
    this.registry = registry;
    this.board = board;
  }

  /** Registers the gauges of {@code group}. */
  public void register(String group) {
    ratio(group, "all", Long.MAX_VALUE);
    ratio(group, "1h", UptimeTracker.HOUR);
    ratio(group, "24h", UptimeTracker.DAY);
    Gauge.builder("wsmon.endpoint.up", board, b -> up(b, group))
        .description("1 while every connection of the endpoint is up (not degraded), else 0")
        .tag("group", group)
        .strongReference(true)
        .register(registry);
  }

  private static double up(StatusBoard b, String group) {
    UptimeTracker u = b.uptime(group);
    return u != null && u.isUp() ? 1 : 0;
  }

  private void ratio(String group, String window, long windowNanos) {
    Gauge.builder(
            "wsmon.endpoint.uptime.ratio",
            board,
            b -> {
              UptimeTracker u = b.uptime(group);
              Double r = u == null ? null : u.ratio(windowNanos, b.nanoTime());
              return r == null ? Double.NaN : r;
            })
        .description("Fraction of time the endpoint was up (0..1) over the window, since start")
        .tags("group", group, "window", window)
        .strongReference(true)
        .register(registry);
  }
}
