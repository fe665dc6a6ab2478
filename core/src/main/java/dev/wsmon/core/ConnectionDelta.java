package dev.wsmon.core;

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
    ProtocolDelta protocol) {

  /** Validates the required fields. */
  public ConnectionDelta {
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(group, "group");
  }

  /**
   * A delta without a protocol part, abandoned requests or scheduled-send histograms.
   *
   * @param connectionId the connection id
   * @param group the group label
   * @param messagesSent whole messages written to the socket
   * @param messagesReceived whole messages received
   * @param bytesSent payload bytes written
   * @param bytesReceived payload bytes received
   * @param sendFailures sends that failed
   * @param requestTimeouts correlated requests that timed out
   * @param protocolErrors protocol errors seen
   * @param rtt message round-trip times, or {@code null}
   * @param pingRtt ping round-trip times, or {@code null}
   * @param feed feed monitoring counts, or {@code null}
   */
  public ConnectionDelta(
      String connectionId,
      String group,
      long messagesSent,
      long messagesReceived,
      long bytesSent,
      long bytesReceived,
      long sendFailures,
      long requestTimeouts,
      long protocolErrors,
      Histogram rtt,
      Histogram pingRtt,
      FeedDelta feed) {
    this(
        connectionId,
        group,
        messagesSent,
        messagesReceived,
        bytesSent,
        bytesReceived,
        sendFailures,
        requestTimeouts,
        0,
        protocolErrors,
        rtt,
        null,
        null,
        pingRtt,
        feed,
        null);
  }

  /**
   * A delta without a feed part.
   *
   * @param connectionId the connection id
   * @param group the group label
   * @param messagesSent whole messages written to the socket
   * @param messagesReceived whole messages received
   * @param bytesSent payload bytes written
   * @param bytesReceived payload bytes received
   * @param sendFailures sends that failed
   * @param requestTimeouts correlated requests that timed out
   * @param protocolErrors protocol errors seen
   * @param rtt message round-trip times, or {@code null}
   * @param pingRtt ping round-trip times, or {@code null}
   */
  public ConnectionDelta(
      String connectionId,
      String group,
      long messagesSent,
      long messagesReceived,
      long bytesSent,
      long bytesReceived,
      long sendFailures,
      long requestTimeouts,
      long protocolErrors,
      Histogram rtt,
      Histogram pingRtt) {
    this(
        connectionId,
        group,
        messagesSent,
        messagesReceived,
        bytesSent,
        bytesReceived,
        sendFailures,
        requestTimeouts,
        protocolErrors,
        rtt,
        pingRtt,
        null);
  }

  /**
   * A delta with a protocol part but without abandoned requests or scheduled-send histograms.
   *
   * @param connectionId the connection id
   * @param group the group label
   * @param messagesSent messages sent
   * @param messagesReceived messages received
   * @param bytesSent payload bytes sent
   * @param bytesReceived payload bytes received
   * @param sendFailures sends that failed
   * @param requestTimeouts correlated requests that timed out
   * @param protocolErrors protocol errors seen
   * @param rtt message round-trip times, or {@code null}
   * @param pingRtt ping/pong round-trip times, or {@code null}
   * @param feed feed monitoring counts, or {@code null}
   * @param protocol the protocol layer's counts, or {@code null}
   */
  public ConnectionDelta(
      String connectionId,
      String group,
      long messagesSent,
      long messagesReceived,
      long bytesSent,
      long bytesReceived,
      long sendFailures,
      long requestTimeouts,
      long protocolErrors,
      Histogram rtt,
      Histogram pingRtt,
      FeedDelta feed,
      ProtocolDelta protocol) {
    this(
        connectionId,
        group,
        messagesSent,
        messagesReceived,
        bytesSent,
        bytesReceived,
        sendFailures,
        requestTimeouts,
        0,
        protocolErrors,
        rtt,
        null,
        null,
        pingRtt,
        feed,
        protocol);
  }

  /**
   * The wire form; histograms as [value, count, ...] bucket arrays ({@link
   * LatencyHistograms#putIfPresent}).
   */
  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("connection_id", connectionId)
            .put("group", group)
            .put("messages_sent", messagesSent)
            .put("messages_received", messagesReceived)
            .put("bytes_sent", bytesSent)
            .put("bytes_received", bytesReceived)
            .put("send_failures", sendFailures)
            .put("request_timeouts", requestTimeouts)
            .put("requests_abandoned", requestsAbandoned)
            .put("protocol_errors", protocolErrors);
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
      return new ConnectionDelta(
          json.getString("connection_id"),
          json.getString("group"),
          json.getLong("messages_sent", 0L),
          json.getLong("messages_received", 0L),
          json.getLong("bytes_sent", 0L),
          json.getLong("bytes_received", 0L),
          json.getLong("send_failures", 0L),
          json.getLong("request_timeouts", 0L),
          json.getLong("requests_abandoned", 0L),
          json.getLong("protocol_errors", 0L),
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
