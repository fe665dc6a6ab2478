package dev.wsmon.exporters;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Snapshot documents built by hand to the contract of DESIGN.md "Stats (contract)", for tests that
 * do not need a running tracker.
 */
final class SnapshotFixture {

  static final String GROUP_A = "ws://127.0.0.1:8080/feed";
  static final String GROUP_B = "ws://127.0.0.1:8080/chat?token=***";

  private boolean feed;
  private boolean scheduledCalls;
  private boolean agent;
  private String reason = "server going away, \"maintenance\"\nback soon";
  private int connections = 3;

  SnapshotFixture withOptionalFeatures() {
    feed = true;
    scheduledCalls = true;
    agent = true;
    return this;
  }

  SnapshotFixture reason(String reason) {
    this.reason = reason;
    return this;
  }

  SnapshotFixture connections(int connections) {
    this.connections = connections;
    return this;
  }

  JsonObject build() {
    JsonArray conns = new JsonArray();
    for (int i = 1; i <= connections; i++) {
      conns.add(connection(i));
    }
    JsonObject events =
        new JsonObject()
            .put("connection_id", "c-1")
            .put("type", "DISCONNECTED")
            .put("timestamp", "2026-01-01T00:00:05.250Z")
            .put("attempt", 0)
            .put("duration_ms", 5012.125)
            .put("close_code", 1006)
            .put("reason", reason);
    return new JsonObject()
        .put("generated_at", "2026-01-01T00:00:12.500Z")
        .put("started_at", "2026-01-01T00:00:00Z")
        .put("elapsed_seconds", 12.5)
        .put("total", aggregate(connections, connections - 1, 1001))
        .put(
            "groups",
            new JsonObject()
                .put(GROUP_A, aggregate((connections + 1) / 2, (connections + 1) / 2 - 1, 1001))
                .put(GROUP_B, aggregate(connections / 2, connections / 2, null)))
        .put("connections", conns)
        .put(
            "events",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("connection_id", "c-1")
                        .put("type", "CONNECTED")
                        .put("timestamp", "2026-01-01T00:00:00.238Z")
                        .put("attempt", 0)
                        .put("duration_ms", 12.345)
                        .put("close_code", null)
                        .put("reason", null))
                .add(events));
  }

  private JsonObject aggregate(int count, int connected, Integer extraCode) {
    JsonObject json = new JsonObject().put("connections", count).put("connected", connected);
    metrics(json, connected == count, extraCode);
    return json;
  }

  private JsonObject connection(int i) {
    JsonObject json =
        new JsonObject()
            .put("connection_id", (agent ? "host-1:" : "") + "c-" + i)
            .put("group", i % 2 == 1 ? GROUP_A : GROUP_B);
    if (agent) {
      json.put("agent", "host-1");
    }
    metrics(json, i != 1, i == 1 ? 1001 : null);
    json.put("state", i == 1 ? "RECONNECTING" : "CONNECTED");
    return json;
  }

  private void metrics(JsonObject json, boolean connected, Integer extraCode) {
    JsonObject closeCodes = new JsonObject();
    if (extraCode != null) {
      closeCodes.put(String.valueOf(extraCode), 1).put("1006", 2);
    }
    json.put("connection_attempts", 4)
        .put("successful_connections", 3)
        .put("failed_connections", 1)
        .put("attempts_abandoned", 0)
        .put("disconnections", extraCode == null ? 0 : 3)
        .put("reconnections", 2)
        .put("success_rate", 75.0)
        .put("avg_connection_latency_ms", 12.345)
        .put("last_connection_latency_ms", 10.001)
        .put("connection_latency_ms", histogram(3, 9.5))
        .put("total_uptime_seconds", 11.75)
        .put("current_uptime_seconds", connected ? 2.5 : 0.0)
        .put("time_since_last_disconnection_seconds", extraCode == null ? null : 2.5)
        .put("messages_sent", 1200)
        .put("messages_received", 1199)
        .put("bytes_sent", 76_800L)
        .put("bytes_received", 76_736L)
        .put("send_failures", 1)
        .put("request_timeouts", 0)
        .put("requests_abandoned", 0)
        .put("protocol_errors", 0)
        .put("avg_messages_sent_per_second", 96.0)
        .put("avg_messages_received_per_second", 95.92)
        .put("avg_bytes_sent_per_second", 6144.0)
        .put("avg_bytes_received_per_second", 6138.88)
        .put("current_messages_sent_per_second", 100.0)
        .put("current_messages_received_per_second", 100.0)
        .put("current_bytes_sent_per_second", 6400.0)
        .put("current_bytes_received_per_second", 6400.0)
        .put("rtt_ms", histogram(1199, 0.25))
        .put("ping_rtt_ms", histogram(0, 0))
        .put("close_codes", closeCodes)
        .put("last_close_code", extraCode == null ? null : 1006)
        .put("last_close_reason", extraCode == null ? null : reason)
        .put("is_connected", connected)
        .put("health_score", connected ? 80 : 55)
        .put("health", connected ? "Good" : "Fair");
    if (scheduledCalls) {
      json.put(
          "scheduled_calls",
          new JsonObject().put("heartbeat", new JsonObject().put("calls", 12).put("failures", 0)));
    }
    if (feed) {
      json.put("rtt_actual_ms", histogram(1199, 0.2)).put("send_lag_ms", histogram(1199, 0.01));
      json.put(
          "feed",
          new JsonObject()
              .put("gaps", 1)
              .put("missing", 3)
              .put("duplicates", 0)
              .put("out_of_order", 1)
              .put("resets", 0));
    }
  }

  static JsonObject histogram(long count, double base) {
    JsonObject json = new JsonObject().put("count", count);
    if (count == 0) {
      for (String field : new String[] {"min", "mean", "p50", "p90", "p99", "p999", "max"}) {
        json.putNull(field);
      }
      return json;
    }
    return json.put("min", base)
        .put("mean", base * 1.5)
        .put("p50", base * 1.4)
        .put("p90", base * 2)
        .put("p99", base * 3.25)
        .put("p999", base * 4)
        .put("max", base * 4.125);
  }

  static JsonArray series(int points) {
    JsonArray array = new JsonArray();
    Instant start = Instant.parse("2026-01-01T00:00:01Z");
    for (int i = 0; i < points; i++) {
      array.add(
          new JsonObject()
              .put("timestamp", start.plusSeconds(i).toString())
              .put("connections", 3)
              .put("connected", i == 2 ? 2 : 3)
              .put("connection_attempts", 3 + (i >= 2 ? 1 : 0))
              .put("failed_connections", 0)
              .put("disconnections", i >= 2 ? 1 : 0)
              .put("reconnections", i >= 3 ? 1 : 0)
              .put("messages_sent_per_second", 300.0)
              .put("messages_received_per_second", 299.5)
              .put("bytes_sent_per_second", 19200.0)
              .put("bytes_received_per_second", 19168.0)
              .put("rtt_p50_ms", i == 0 ? null : 0.251)
              .put("rtt_p90_ms", i == 0 ? null : 0.4)
              .put("rtt_p99_ms", i == 0 ? null : 1.125)
              .put("rtt_max_ms", i == 0 ? null : 3.5)
              .put("connection_latency_p50_ms", i == 0 ? 12.345 : null)
              .put("connection_latency_p99_ms", i == 0 ? 15.0 : null));
    }
    return array;
  }
}
