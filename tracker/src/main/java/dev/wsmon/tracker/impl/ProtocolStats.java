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
 * summed, handshake histograms added exactly, error reasons and channels summed by key).
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
        (k, v) ->
            byChannel.put(
                k, new JsonObject().put("messages_received", v[0]).put("bytes_received", v[1])));
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
