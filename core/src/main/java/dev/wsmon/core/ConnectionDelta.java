package dev.wsmon.core;

import dev.wsmon.core.internal.TrafficCounters;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * What one connection did during one flush interval. Counters are deltas since the previous batch;
 * histograms hold only the values recorded during the interval (microseconds, see {@link
 * LatencyHistograms}) and are never modified after the delta is built.
 *
 * @param connectionId the connection id
 * @param group the group label
 * @param messagesSent whole messages written to the socket
 * @param messagesReceived whole messages received
 * @param bytesSent payload bytes written
 * @param bytesReceived payload bytes received
 * @param sendFailures sends that failed (not connected, buffer overflow, write error)
 * @param requestTimeouts correlated requests that timed out
 * @param requestsAbandoned correlated requests that were sent but still had no reply when their
 *     connection closed (a server close, a drop, wsmon's own close at the end of a run or a hold)
 * @param protocolErrors protocol errors seen (over-size message, invalid UTF-8)
 * @param rtt message round-trip times by correlation (from the intended send time for scheduled
 *     requests), or {@code null} when none
 * @param rttActual round-trip times of scheduled requests from their actual send, or {@code null}
 *     when none
 * @param sendLag actual minus intended send time of the scheduled requests that were answered, or
 *     {@code null} when none
 * @param pingRtt ping/pong round-trip times, or {@code null} when none
 * @param feed feed monitoring counts, or {@code null} when feed monitoring is off
 * @param protocol the protocol layer's counts, or {@code null} for raw WebSocket
 * @param requestsSent correlated requests that left (counted in {@code messagesSent} too): with the
 *     outcomes, what the tracker needs to keep the request invariant across a stats reset
 */
public record ConnectionDelta(
    String connectionId,
    String group,
    long messagesSent,
    long messagesReceived,
    long bytesSent,
    long bytesReceived,
    long sendFailures,
    long requestTimeouts,
    long requestsAbandoned,
    long protocolErrors,
    Histogram rtt,
    Histogram rttActual,
    Histogram sendLag,
    Histogram pingRtt,
    FeedDelta feed,
    ProtocolDelta protocol,
    long requestsSent) {

  /** Validates the required fields. */
  public ConnectionDelta {
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(group, "group");
  }

  /**
   * The wire form; histograms as [value, count, ...] bucket arrays ({@link
   * LatencyHistograms#putIfPresent}).
   */
  public JsonObject toJson() {
    JsonObject json =
        TrafficCounters.writeTo(
            new JsonObject().put("connection_id", connectionId).put("group", group), this);
    LatencyHistograms.putIfPresent(json, "rtt", rtt);
    LatencyHistograms.putIfPresent(json, "rtt_actual", rttActual);
    LatencyHistograms.putIfPresent(json, "send_lag", sendLag);
    LatencyHistograms.putIfPresent(json, "ping_rtt", pingRtt);
    if (feed != null) {
      json.put("feed", feed.toJson());
    }
    if (protocol != null) {
      json.put("protocol", protocol.toJson());
    }
    return json;
  }

  /**
   * Reads the wire form written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException when a field is missing or malformed
   */
  public static ConnectionDelta fromJson(JsonObject json) {
    try {
      JsonObject feed = json.getJsonObject("feed");
      JsonObject protocol = json.getJsonObject("protocol");
      return TrafficCounters.readFrom(json)
          .toDelta(
              json.getString("connection_id"),
              json.getString("group"),
              LatencyHistograms.getIfPresent(json, "rtt"),
              LatencyHistograms.getIfPresent(json, "rtt_actual"),
              LatencyHistograms.getIfPresent(json, "send_lag"),
              LatencyHistograms.getIfPresent(json, "ping_rtt"),
              feed == null ? null : FeedDelta.fromJson(feed),
              protocol == null ? null : ProtocolDelta.fromJson(protocol));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed connection delta " + json.encode(), e);
    }
  }
}
