package dev.wsmon.core;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * A lifecycle change of one connection, published at once on {@code <ns>.events}.
 *
 * @param connectionId the connection id ({@code c-1}, or {@code <agent>:c-1} in cluster runs)
 * @param group the group label (defaults to the redacted endpoint URI)
 * @param type what happened
 * @param timestamp when it happened (UTC)
 * @param attempt the retry number of the attempt this event belongs to (0 for the first attempt)
 * @param durationMs the duration that belongs to {@code type} in milliseconds with microsecond
 *     precision, or {@code null}: connect latency for {@link EventType#CONNECTED}, time to failure
 *     for {@link EventType#FAILED}, session length for {@link EventType#DISCONNECTED} and {@link
 *     EventType#CLOSED} (for a {@code CLOSED} that abandons an attempt: the time it was in flight),
 *     the delay for {@link EventType#RECONNECT_SCHEDULED}
 * @param closeCode the WebSocket close code of a disconnection ({@code 1006} for a drop without a
 *     close frame or a ping timeout), or {@code null}
 * @param reason a redacted human-readable reason, or {@code null}
 * @param state the connection's state after this event
 */
public record ConnectionEvent(
    String connectionId,
    String group,
    EventType type,
    Instant timestamp,
    int attempt,
    Double durationMs,
    Integer closeCode,
    String reason,
    ConnectionState state) {

  /** Validates the required fields. */
  public ConnectionEvent {
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(state, "state");
  }

  /**
   * The event in the contract shape used by history and exports: {@code connection_id, type,
   * timestamp, attempt, duration_ms, close_code, reason}.
   */
  public JsonObject toJson() {
    return new JsonObject()
        .put("connection_id", connectionId)
        .put("type", type.name())
        .put("timestamp", timestamp.toString())
        .put("attempt", attempt)
        .put("duration_ms", durationMs)
        .put("close_code", closeCode)
        .put("reason", reason);
  }

  /** The wire form: {@link #toJson()} plus {@code group} and {@code state}. */
  public JsonObject toWireJson() {
    return toJson().put("group", group).put("state", state.name());
  }

  /**
   * Reads the wire form written by {@link #toWireJson()}.
   *
   * @throws IllegalArgumentException when a required field is missing or malformed
   */
  public static ConnectionEvent fromWireJson(JsonObject json) {
    try {
      Number duration = json.getNumber("duration_ms");
      return new ConnectionEvent(
          json.getString("connection_id"),
          json.getString("group"),
          EventType.valueOf(json.getString("type")),
          Instant.parse(json.getString("timestamp")),
          json.getInteger("attempt", 0),
          duration == null ? null : duration.doubleValue(),
          json.getInteger("close_code"),
          json.getString("reason"),
          ConnectionState.valueOf(json.getString("state")));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed connection event " + json.encode(), e);
    }
  }
}
