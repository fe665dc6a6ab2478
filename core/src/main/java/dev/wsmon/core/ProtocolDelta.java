package dev.wsmon.core;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a connection's protocol layer (Socket.IO, STOMP, GraphQL over WebSocket) did during one
 * flush interval (part of a {@link ConnectionDelta}; present only with a protocol). Counters are
 * deltas.
 *
 * @param name the protocol's config name, e.g. {@code socketio}
 * @param handshake protocol handshake latencies (end of the upgrade to the handshake reply),
 *     microseconds, or {@code null} when none
 * @param heartbeatsSent heartbeats wsmon sent (Engine.IO pongs, STOMP heart-beat EOLs, graphql-ws
 *     pings)
 * @param heartbeatsReceived the peer's heartbeats (Engine.IO pings, STOMP EOLs, graphql-ws pongs
 *     and pings)
 * @param errors protocol errors by reason (connect_error, ERROR frames, graphql-ws errors and close
 *     codes, heartbeat silence)
 * @param channels application messages received per channel (event, destination or subscription):
 *     {@code [messages, bytes]}
 * @param channelFeeds feed metrics per channel (with a sequence or timestamp field configured), for
 *     the channels that received feed data in the interval; empty otherwise
 */
public record ProtocolDelta(
    String name,
    Histogram handshake,
    long heartbeatsSent,
    long heartbeatsReceived,
    Map<String, Long> errors,
    Map<String, long[]> channels,
    Map<String, FeedDelta> channelFeeds) {

  /** A delta without channel feed metrics. */
  public ProtocolDelta(
      String name,
      Histogram handshake,
      long heartbeatsSent,
      long heartbeatsReceived,
      Map<String, Long> errors,
      Map<String, long[]> channels) {
    this(name, handshake, heartbeatsSent, heartbeatsReceived, errors, channels, Map.of());
  }

  /** The wire form; the histogram as a base64 compressed HdrHistogram encoding. */
  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("name", name)
            .put("heartbeats_sent", heartbeatsSent)
            .put("heartbeats_received", heartbeatsReceived);
    LatencyHistograms.putIfPresent(json, "handshake", handshake);
    JsonObject e = new JsonObject();
    errors.forEach(e::put);
    JsonObject c = new JsonObject();
    channels.forEach((k, v) -> c.put(k, new JsonObject().put("m", v[0]).put("b", v[1])));
    json.put("errors", e).put("channels", c);
    if (!channelFeeds.isEmpty()) {
      JsonObject f = new JsonObject();
      channelFeeds.forEach((k, v) -> f.put(k, v.toJson()));
      json.put("channel_feeds", f);
    }
    return json;
  }

  /**
   * Reads the wire form written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException when a field is malformed
   */
  public static ProtocolDelta fromJson(JsonObject json) {
    try {
      Map<String, Long> errors = new LinkedHashMap<>();
      json.getJsonObject("errors", new JsonObject())
          .forEach(e -> errors.put(e.getKey(), ((Number) e.getValue()).longValue()));
      Map<String, long[]> channels = new LinkedHashMap<>();
      json.getJsonObject("channels", new JsonObject())
          .forEach(
              e -> {
                JsonObject v = (JsonObject) e.getValue();
                channels.put(e.getKey(), new long[] {v.getLong("m", 0L), v.getLong("b", 0L)});
              });
      Map<String, FeedDelta> feeds = new LinkedHashMap<>();
      json.getJsonObject("channel_feeds", new JsonObject())
          .forEach(e -> feeds.put(e.getKey(), FeedDelta.fromJson((JsonObject) e.getValue())));
      return new ProtocolDelta(
          json.getString("name"),
          LatencyHistograms.getIfPresent(json, "handshake"),
          json.getLong("heartbeats_sent", 0L),
          json.getLong("heartbeats_received", 0L),
          errors,
          channels,
          feeds);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed protocol delta " + json.encode(), e);
    }
  }
}
