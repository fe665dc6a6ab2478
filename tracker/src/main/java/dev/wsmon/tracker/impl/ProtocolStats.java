package dev.wsmon.tracker.impl;

import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.core.ProtocolDelta;
import dev.wsmon.tracker.HistogramSummary;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The {@code protocol} block of one connection, or merged over a group or the total (counters
 * summed, handshake histograms added exactly, error reasons and channels summed by key, channel
 * feed metrics merged per channel).
 */
final class ProtocolStats {

  /** The name of a scope whose connections speak different protocols. */
  static final String MIXED = "mixed";

  String name;
  Histogram handshake;
  long heartbeatsSent;
  long heartbeatsReceived;
  final Map<String, Long> errors = new TreeMap<>();
  final Map<String, long[]> channels = new TreeMap<>();
  final Map<String, ChannelFeedStats> channelFeeds = new TreeMap<>();

  void apply(ProtocolDelta d) {
    name = d.name();
    if (d.handshake() != null) {
      if (handshake == null) {
        handshake = LatencyHistograms.create();
      }
      handshake.add(d.handshake());
    }
    heartbeatsSent += d.heartbeatsSent();
    heartbeatsReceived += d.heartbeatsReceived();
    d.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
    d.channels().forEach((k, v) -> add(k, v[0], v[1]));
    d.channelFeeds()
        .forEach((k, v) -> channelFeeds.computeIfAbsent(k, x -> new ChannelFeedStats()).apply(v));
  }

  void add(ProtocolStats other) {
    name = name == null || name.equals(other.name) ? other.name : MIXED;
    if (other.handshake != null) {
      if (handshake == null) {
        handshake = LatencyHistograms.create();
      }
      handshake.add(other.handshake);
    }
    heartbeatsSent += other.heartbeatsSent;
    heartbeatsReceived += other.heartbeatsReceived;
    other.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
    other.channels.forEach((k, v) -> add(k, v[0], v[1]));
    other.channelFeeds.forEach(
        (k, v) -> channelFeeds.computeIfAbsent(k, x -> new ChannelFeedStats()).add(v));
  }

  private void add(String channel, long messages, long bytes) {
    long[] c = channels.computeIfAbsent(channel, k -> new long[2]);
    c[0] += messages;
    c[1] += bytes;
  }

  /** Clears the counters (a stats reset); the name stays. */
  void reset() {
    handshake = null;
    heartbeatsSent = 0;
    heartbeatsReceived = 0;
    errors.clear();
    channels.clear();
    channelFeeds.clear();
  }

  JsonObject toJson() {
    long errorCount = 0;
    JsonObject reasons = new JsonObject();
    for (Map.Entry<String, Long> e : errors.entrySet()) {
      errorCount += e.getValue();
      reasons.put(e.getKey(), e.getValue());
    }
    JsonObject byChannel = new JsonObject();
    channels.forEach(
        (k, v) -> {
          JsonObject c =
              new JsonObject().put("messages_received", v[0]).put("bytes_received", v[1]);
          ChannelFeedStats feed = channelFeeds.get(k);
          if (feed != null) {
            c.put("feed", feed.toJson());
          }
          byChannel.put(k, c);
        });
    return new JsonObject()
        .put("name", name)
        .put("handshake_latency_ms", HistogramSummary.of(handshake).toJson())
        .put("heartbeats_sent", heartbeatsSent)
        .put("heartbeats_received", heartbeatsReceived)
        .put("errors", errorCount)
        .put("error_reasons", reasons)
        .put("channels", byChannel);
  }
}
