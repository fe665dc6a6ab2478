package dev.wsmon.tracker.impl;

import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.FeedDelta;
import dev.wsmon.core.ProtocolDelta;
import dev.wsmon.core.TrafficBatch;
import dev.wsmon.tracker.TrackerOptions;
import dev.wsmon.tracker.WsmonMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;

/** A {@link StatsAggregator} on a {@link ManualClock} whose meters are bound to a registry. */
final class MeteredAggregator {

  final ManualClock clock = new ManualClock();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final StatsAggregator stats;

  MeteredAggregator() {
    WsmonMetrics metrics = new WsmonMetrics();
    metrics.bindTo(registry);
    stats = new StatsAggregator(new TrackerOptions(), metrics, clock);
  }

  /** One batch: a connection that received one 10-byte message, with a feed or protocol delta. */
  void batch(String id, String group, FeedDelta feed, ProtocolDelta protocol) {
    stats.onBatch(
        new TrafficBatch(
            "t",
            clock.now(),
            List.of(
                new ConnectionDelta(
                    id, group, 0, 1, 0, 10, 0, 0, 0, 0, null, null, null, null, feed, protocol,
                    0))));
  }
}
