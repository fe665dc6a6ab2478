/**
 * wsmon tracker: {@link dev.wsmon.tracker.StatsTrackerVerticle} aggregates the lifecycle events and
 * traffic batches of the connection verticles into per-connection, per-group and total stats
 * ({@link dev.wsmon.tracker.StatsSnapshot}), keeps a bounded event history and time series, answers
 * queries on the event bus and feeds Micrometer through {@link dev.wsmon.tracker.WsmonMetrics}.
 */
package dev.wsmon.tracker;
