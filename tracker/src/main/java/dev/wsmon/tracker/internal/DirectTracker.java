package dev.wsmon.tracker.internal;

import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.TrafficBatch;
import dev.wsmon.tracker.TrackerOptions;
import dev.wsmon.tracker.WsmonMetrics;
import dev.wsmon.tracker.impl.StatsAggregator;
import dev.wsmon.tracker.impl.TrackerClock;
import io.vertx.core.json.JsonObject;

/**
 * The tracker's aggregation called directly, without its verticle or the event bus, on the system
 * clock: what {@link dev.wsmon.tracker.StatsTrackerVerticle} does with each event, batch and sample
 * tick. For measuring the tracker's own cost; single-threaded (call it from one thread).
 */
public final class DirectTracker {

  private final StatsAggregator stats;

  /**
   * @param options history and series capacities, whether to keep events
   * @param metrics the meters to feed, or {@code null}
   */
  public DirectTracker(TrackerOptions options, WsmonMetrics metrics) {
    this.stats = new StatsAggregator(options, metrics, TrackerClock.SYSTEM);
  }

  /**
   * Applies one lifecycle event, as the verticle does for each {@code <ns>.events} message.
   *
   * @param event the event
   */
  public void onEvent(ConnectionEvent event) {
    stats.onEvent(event);
  }

  /**
   * Applies one traffic batch, as the verticle does for each {@code <ns>.traffic} message.
   *
   * @param batch the batch
   */
  public void onBatch(TrafficBatch batch) {
    stats.onBatch(batch);
  }

  /** Takes one sample: the current rates and one time-series point, as the sample timer does. */
  public void sample() {
    stats.sample();
  }

  /**
   * The whole snapshot document, as the {@code <ns>.stats} reply.
   *
   * @return the snapshot
   */
  public JsonObject snapshotJson() {
    return stats.snapshotJson();
  }
}
