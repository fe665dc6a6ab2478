package dev.wsmon.core.internal;

import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.FeedDelta;
import dev.wsmon.core.ProtocolDelta;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/**
 * The eight traffic counters of the stats contract ({@code messages_sent}, {@code
 * messages_received}, {@code bytes_sent}, {@code bytes_received}, {@code send_failures}, {@code
 * request_timeouts}, {@code requests_abandoned}, {@code protocol_errors}), defined once: a
 * connection counts into them per flush interval, the tracker sums deltas into them per connection
 * and per scope. Not thread-safe.
 */
public class TrafficCounters {

  /** The JSON keys, in the order {@link #writeTo} writes them. */
  public static final String[] KEYS = {
    "messages_sent",
    "messages_received",
    "bytes_sent",
    "bytes_received",
    "send_failures",
    "request_timeouts",
    "requests_abandoned",
    "protocol_errors"
  };

  /** Whole messages written to the socket. */
  public long messagesSent;

  /** Whole messages received. */
  public long messagesReceived;

  /** Payload bytes written. */
  public long bytesSent;

  /** Payload bytes received. */
  public long bytesReceived;

  /** Sends that failed. */
  public long sendFailures;

  /** Correlated requests that timed out. */
  public long requestTimeouts;

  /** Correlated requests that left but were never answered before their connection closed. */
  public long requestsAbandoned;

  /** Protocol errors seen. */
  public long protocolErrors;

  /**
   * Correlated requests that left (also in {@link #messagesSent}); not a stats key: the tracker
   * uses it to keep each request's outcome in the same figures as its send across a stats reset.
   */
  public long requestsSent;

  /** Adds the counters of one delta. */
  public final void add(ConnectionDelta d) {
    messagesSent += d.messagesSent();
    messagesReceived += d.messagesReceived();
    bytesSent += d.bytesSent();
    bytesReceived += d.bytesReceived();
    sendFailures += d.sendFailures();
    requestTimeouts += d.requestTimeouts();
    requestsAbandoned += d.requestsAbandoned();
    protocolErrors += d.protocolErrors();
    requestsSent += d.requestsSent();
  }

  /** Adds another set of counters. */
  public final void add(TrafficCounters o) {
    messagesSent += o.messagesSent;
    messagesReceived += o.messagesReceived;
    bytesSent += o.bytesSent;
    bytesReceived += o.bytesReceived;
    sendFailures += o.sendFailures;
    requestTimeouts += o.requestTimeouts;
    requestsAbandoned += o.requestsAbandoned;
    protocolErrors += o.protocolErrors;
    requestsSent += o.requestsSent;
  }

  /** Sets every counter to 0. */
  public final void clearCounters() {
    messagesSent = 0;
    messagesReceived = 0;
    bytesSent = 0;
    bytesReceived = 0;
    sendFailures = 0;
    requestTimeouts = 0;
    requestsAbandoned = 0;
    protocolErrors = 0;
    requestsSent = 0;
  }

  /** Whether every counter is 0. */
  public final boolean isZero() {
    return (messagesSent
            | messagesReceived
            | bytesSent
            | bytesReceived
            | sendFailures
            | requestTimeouts
            | requestsAbandoned
            | protocolErrors
            | requestsSent)
        == 0;
  }

  /**
   * Whether every counter of {@code d} is 0: whether {@link #add(ConnectionDelta)} would leave zero
   * counters unchanged (derived from it, so a counter has one list to be added to).
   */
  public static boolean isZero(ConnectionDelta d) {
    TrafficCounters c = new TrafficCounters();
    c.add(d);
    return c.isZero();
  }

  /**
   * A delta of these counters with the given parts (see {@link ConnectionDelta} for each).
   *
   * @return a new delta; these counters are not changed
   */
  public final ConnectionDelta toDelta(
      String connectionId,
      String group,
      Histogram rtt,
      Histogram rttActual,
      Histogram sendLag,
      Histogram pingRtt,
      FeedDelta feed,
      ProtocolDelta protocol) {
    return new ConnectionDelta(
        connectionId,
        group,
        messagesSent,
        messagesReceived,
        bytesSent,
        bytesReceived,
        sendFailures,
        requestTimeouts,
        requestsAbandoned,
        protocolErrors,
        rtt,
        rttActual,
        sendLag,
        pingRtt,
        feed,
        protocol,
        requestsSent);
  }

  /** Writes the eight counters under their contract keys. */
  public final JsonObject writeTo(JsonObject json) {
    return json.put(KEYS[0], messagesSent)
        .put(KEYS[1], messagesReceived)
        .put(KEYS[2], bytesSent)
        .put(KEYS[3], bytesReceived)
        .put(KEYS[4], sendFailures)
        .put(KEYS[5], requestTimeouts)
        .put(KEYS[6], requestsAbandoned)
        .put(KEYS[7], protocolErrors);
  }

  /** Wire key of {@link #requestsSent} in a delta (absent when 0). */
  public static final String REQUESTS_SENT = "requests_sent";

  /** Writes the counters of a delta under their contract keys, and its requests sent. */
  public static JsonObject writeTo(JsonObject json, ConnectionDelta d) {
    TrafficCounters c = new TrafficCounters();
    c.add(d);
    c.writeTo(json);
    if (d.requestsSent() != 0) {
      json.put(REQUESTS_SENT, d.requestsSent());
    }
    return json;
  }

  /**
   * Reads the counters written by {@link #writeTo} (a missing key is 0).
   *
   * @throws ClassCastException when a value is not a number
   */
  public static TrafficCounters readFrom(JsonObject json) {
    TrafficCounters c = new TrafficCounters();
    c.messagesSent = json.getLong(KEYS[0], 0L);
    c.messagesReceived = json.getLong(KEYS[1], 0L);
    c.bytesSent = json.getLong(KEYS[2], 0L);
    c.bytesReceived = json.getLong(KEYS[3], 0L);
    c.sendFailures = json.getLong(KEYS[4], 0L);
    c.requestTimeouts = json.getLong(KEYS[5], 0L);
    c.requestsAbandoned = json.getLong(KEYS[6], 0L);
    c.protocolErrors = json.getLong(KEYS[7], 0L);
    c.requestsSent = json.getLong(REQUESTS_SENT, 0L);
    return c;
  }
}
