package dev.wsmon.wrapper.monitor.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The {@code /health} answer, read from the {@link StatusBoard}'s counts (never a snapshot): 200
 * {@code UP} when every connection is up; 503 {@code DOWN} when any is not open, listing the first
 * {@value #LIST_LIMIT}; otherwise 503 {@code DEGRADED} (200 with {@code degradedOk}) when a probe
 * failed. {@code reason} names the first connection in trouble.
 */
public final class HealthView {

  /** Most connections listed in {@code down} or {@code degraded}. */
  public static final int LIST_LIMIT = 100;

  private final StatusBoard board;
  private final boolean degradedOk;

  /** The status code and the JSON body. */
  public record Answer(int status, JsonObject body) {}

  public HealthView(StatusBoard board, boolean degradedOk) {
    this.board = board;
    this.degradedOk = degradedOk;
  }

  /** The current answer. */
  public Answer answer() {
    int connections = board.connections();
    JsonObject body =
        new JsonObject()
            .put("status", "UP")
            .put("connections", connections)
            .put("connected", board.open());
    if (connections == 0) {
      return new Answer(503, body.put("status", "DOWN").put("reason", "no connection yet"));
    }
    if (board.downCount() > 0) {
      JsonArray down = new JsonArray();
      board.down(LIST_LIMIT).forEach(e -> down.add(entry(e)));
      StatusBoard.Entry first = board.down(1).get(0);
      body.put("status", "DOWN")
          .put("reason", first.connectionId() + ": " + reasonOf(first))
          .put("down_count", board.downCount())
          .put("down", down);
      return new Answer(503, body);
    }
    if (board.degradedCount() > 0) {
      JsonArray degraded = new JsonArray();
      board.degraded(LIST_LIMIT).forEach(e -> degraded.add(entry(e)));
      StatusBoard.Entry first = board.degraded(1).get(0);
      body.put("status", "DEGRADED")
          .put("reason", first.connectionId() + ": " + reasonOf(first))
          .put("degraded_count", board.degradedCount())
          .put("degraded", degraded);
      return new Answer(degradedOk ? 200 : 503, body);
    }
    return new Answer(200, body);
  }

  private static String reasonOf(StatusBoard.Entry e) {
    return e.reason() != null
        ? e.reason()
        : e.status() == StatusBoard.Status.PENDING ? "connecting" : e.state().name();
  }

  private static JsonObject entry(StatusBoard.Entry e) {
    return new JsonObject()
        .put("connection_id", e.connectionId())
        .put("group", e.group())
        .put("state", e.state().name())
        .put("since", e.since().toString())
        .put("reason", e.reason())
        .put("last_close_code", e.lastCloseCode());
  }
}
