package dev.wsmon.core.protocol.impl;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.FeedDelta;
import dev.wsmon.core.impl.FeedTracker;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Feed metrics per protocol channel (Socket.IO event, STOMP destination, graphql-ws subscription)
 * of one connection: a {@link FeedTracker} per channel, fed with the channel's application data.
 * Channels are bounded like the channel counts ({@link ProtocolSession#MAX_KEYS}, then {@code
 * (other)}). Staleness is tracked per connection only. Event loop only.
 */
final class ChannelFeeds {

  private final ConnectionOptions options;
  private final Map<String, FeedTracker> trackers = new LinkedHashMap<>();
  private boolean open;

  ChannelFeeds(ConnectionOptions options) {
    this.options = options;
  }

  /** The connection (re)opened: each channel's next sequence number may be a reset. */
  void opened(long now) {
    open = true;
    trackers.values().forEach(t -> t.opened(now));
  }

  void closed() {
    open = false;
    trackers.values().forEach(FeedTracker::closed);
  }

  /** An application message of {@code channel} (a counted channel key) with {@code data}. */
  void onText(String channel, String data, long now) {
    FeedTracker t = trackers.get(channel);
    if (t == null) {
      t = new FeedTracker(options.getFeedOptions(), now);
      if (open) {
        t.opened(now);
      }
      trackers.put(channel, t);
    }
    t.onText(data, now);
  }

  boolean hasDelta() {
    for (FeedTracker t : trackers.values()) {
      if (t.hasDelta()) {
        return true;
      }
    }
    return false;
  }

  /** The deltas of the channels that changed, by channel. */
  Map<String, FeedDelta> takeDeltas(long now) {
    Map<String, FeedDelta> deltas = new LinkedHashMap<>();
    trackers.forEach(
        (channel, t) -> {
          FeedDelta d = t.takeDelta(now);
          if (d != null) {
            deltas.put(channel, d);
          }
        });
    return deltas;
  }
}
