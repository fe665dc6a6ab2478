package dev.wsmon.tracker;

import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.core.TrafficBatch;
import io.vertx.core.eventbus.EventBus;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Builds and publishes the records the connection verticle publishes. */
final class Records {

  private final EventBus bus;
  private final String ns;

  Records(EventBus bus, String ns) {
    this.bus = bus;
    this.ns = ns;
  }

  Records(EventBus bus) {
    this(bus, "wsmon");
  }

  static ConnectionEvent event(
      String id, String group, EventType type, Double durationMs, Integer code, String reason) {
    ConnectionState state =
        switch (type) {
          case ATTEMPT -> ConnectionState.CONNECTING;
          case CONNECTED -> ConnectionState.CONNECTED;
          case FAILED, DISCONNECTED, RECONNECT_SCHEDULED -> ConnectionState.RECONNECTING;
          case GAVE_UP -> ConnectionState.GAVE_UP;
          case CLOSED -> ConnectionState.CLOSED;
          default -> ConnectionState.CONNECTED;
        };
    return new ConnectionEvent(id, group, type, Instant.now(), 0, durationMs, code, reason, state);
  }

  void publish(ConnectionEvent event) {
    bus.publish(ns + ".events", event);
  }

  void attempt(String id, String group) {
    publish(event(id, group, EventType.ATTEMPT, null, null, null));
  }

  void connected(String id, String group, double latencyMs) {
    publish(event(id, group, EventType.CONNECTED, latencyMs, null, null));
  }

  /** An attempt followed by a success. */
  void connect(String id, String group, double latencyMs) {
    attempt(id, group);
    connected(id, group, latencyMs);
  }

  void failed(String id, String group) {
    publish(event(id, group, EventType.FAILED, 12.5, null, "refused"));
  }

  void disconnected(String id, String group, int code, String reason) {
    publish(event(id, group, EventType.DISCONNECTED, 1000.0, code, reason));
  }

  void closed(String id, String group) {
    publish(event(id, group, EventType.CLOSED, 1000.0, 1000, "stopped"));
  }

  void traffic(ConnectionDelta... deltas) {
    bus.publish(ns + ".traffic", new TrafficBatch("test", Instant.now(), List.of(deltas)));
  }

  static ConnectionDelta delta(String id, String group, long sent, long received) {
    return new ConnectionDelta(
        id,
        group,
        sent,
        received,
        sent * 10,
        received * 10,
        0,
        0,
        0,
        0,
        null,
        null,
        null,
        null,
        null,
        null,
        0);
  }

  static ConnectionDelta delta(
      String id, String group, long sent, long received, Histogram rtt, Histogram ping) {
    return new ConnectionDelta(
        id,
        group,
        sent,
        received,
        sent * 10,
        received * 10,
        1,
        2,
        0,
        3,
        rtt,
        null,
        null,
        ping,
        null,
        null,
        0);
  }

  static Histogram histogram(long... micros) {
    Histogram h = LatencyHistograms.create();
    for (long m : micros) {
      LatencyHistograms.record(h, m);
    }
    return h;
  }
}
