package dev.wsmon.runner.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Snapshot documents in the contract shape, for tests of the renderers. */
public final class Snapshots {

  private Snapshots() {}

  public static JsonObject latency(Long count, Double p50, Double p99) {
    return new JsonObject()
        .put("count", count)
        .put("min", p50 == null ? null : p50 / 2)
        .put("mean", p50)
        .put("p50", p50)
        .put("p90", p99)
        .put("p99", p99)
        .put("p999", p99)
        .put("max", p99);
  }

  public static JsonObject sample() {
    JsonObject total =
        new JsonObject()
            .put("connections", 10)
            .put("connected", 9)
            .put("connection_attempts", 14)
            .put("successful_connections", 13)
            .put("failed_connections", 1)
            .put("disconnections", 3)
            .put("reconnections", 3)
            .put("success_rate", 92.857)
            .put("avg_connection_latency_ms", 1.25)
            .put("last_connection_latency_ms", 1.5)
            .put("connection_latency_ms", latency(13L, 1.2, 3.4))
            .put("total_uptime_seconds", 180.5)
            .put("current_uptime_seconds", 0.0)
            .put("time_since_last_disconnection_seconds", 2.5)
            .put("messages_sent", 1000)
            .put("messages_received", 998)
            .put("bytes_sent", 21000)
            .put("bytes_received", 20958)
            .put("send_failures", 0)
            .put("request_timeouts", 0)
            .put("protocol_errors", 0)
            .put("avg_messages_sent_per_second", 50.0)
            .put("avg_messages_received_per_second", 49.9)
            .put("current_messages_sent_per_second", 51.0)
            .put("current_messages_received_per_second", 50.0)
            .put("rtt_ms", latency(998L, 0.85, 4.321))
            .put("ping_rtt_ms", latency(0L, null, null))
            .put("close_codes", new JsonObject().put("1006", 1).put("4001", 2))
            .put("last_close_code", 4001)
            .put("is_connected", false)
            .put("health_score", 81)
            .put("health", "Good");
    return new JsonObject()
        .put("generated_at", "2026-01-01T00:00:20Z")
        .put("started_at", "2026-01-01T00:00:00Z")
        .put("elapsed_seconds", 20.0)
        .put("total", total)
        .put(
            "groups",
            new JsonObject()
                .put("ws://127.0.0.1:1/a", total.copy().put("connections", 5))
                .put("ws://127.0.0.1:1/b", total.copy().put("connections", 5)))
        .put(
            "connections",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("connection_id", "c-1")
                        .put("is_connected", true)
                        .put("state", "CONNECTED"))
                .add(
                    new JsonObject()
                        .put("connection_id", "c-2")
                        .put("is_connected", false)
                        .put("state", "RECONNECTING")))
        .put("events", new JsonArray());
  }
}
