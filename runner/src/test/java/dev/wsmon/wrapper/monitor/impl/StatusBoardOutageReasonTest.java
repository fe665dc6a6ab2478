package dev.wsmon.wrapper.monitor.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("StatusBoard: last_outage.reason is '<connection_id>: <reason>' of the latest cause")
class StatusBoardOutageReasonTest {

  private static final String G = "ws://127.0.0.1:1/feed";
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final AtomicLong clock = new AtomicLong(1_000);
  private final StatusBoard board = new StatusBoard(clock::get);

  private void event(String id, EventType type, long ms, String reason) {
    clock.set(1_000 + ms * 1_000_000);
    ConnectionState state =
        type == EventType.CONNECTED ? ConnectionState.CONNECTED : ConnectionState.RECONNECTING;
    board.onEvent(
        new ConnectionEvent(
            id,
            G,
            type,
            T0.plusMillis(ms),
            0,
            null,
            type == EventType.DISCONNECTED ? 1006 : null,
            reason,
            state));
  }

  private JsonObject outage(String scope) {
    JsonObject snapshot =
        new JsonObject()
            .put("total", new JsonObject())
            .put("groups", new JsonObject().put(G, new JsonObject()));
    board.decorate(snapshot);
    JsonObject where =
        scope.equals("total")
            ? snapshot.getJsonObject("total")
            : snapshot.getJsonObject("groups").getJsonObject(G);
    return where.getJsonObject("last_outage");
  }

  @Test
  @DisplayName(
      "a failed attempt during an outage updates the reason of the group and of the total alike,"
          + " with the connection id")
  void latestCauseWithItsConnection() {
    event("c-1", EventType.CONNECTED, 0, null);
    event("c-2", EventType.CONNECTED, 1, null);
    event("c-1", EventType.DISCONNECTED, 100, "Connection was closed");
    event("c-1", EventType.FAILED, 150, "connection refused");

    assertThat(outage("group").getString("reason")).isEqualTo("c-1: connection refused");
    assertThat(outage("total").getString("reason")).isEqualTo("c-1: connection refused");
    assertThat(outage("total").getString("started_at")).isEqualTo("2026-01-01T00:00:00.100Z");
  }

  @Test
  @DisplayName(
      "before every connection has a verdict the scope's clock has not started: a second failure"
          + " reason does not start it")
  void noClockBeforeEveryVerdict() {
    event("c-2", EventType.ATTEMPT, 0, null);
    event("c-1", EventType.FAILED, 10, "connection refused");
    event("c-1", EventType.FAILED, 50, "connect timeout after 300ms");

    assertThat(outage("group")).isNull();
    assertThat(outage("total")).isNull();
    assertThat(board.uptime(G).ratio(Long.MAX_VALUE, clock.get())).isNull();
  }

  @Test
  @DisplayName(
      "a connection that comes back while another is still down is not the outage's cause: the"
          + " reason stays the latest failure, never '<id>: connected'")
  void aRecoveryIsNotACause() {
    event("c-1", EventType.FAILED, 0, "connection refused");
    event("c-2", EventType.FAILED, 1, "connection refused");
    event("c-2", EventType.CONNECTED, 2000, null);

    assertThat(outage("total").getString("reason")).isEqualTo("c-2: connection refused");
    assertThat(outage("group").getString("reason")).isEqualTo("c-2: connection refused");
    assertThat(outage("total").getValue("ended_at")).isNull();

    event("c-1", EventType.CONNECTED, 2010, null);
    assertThat(outage("total").getString("reason")).isEqualTo("c-2: connection refused");
    assertThat(outage("total").getString("ended_at")).isEqualTo("2026-01-01T00:00:02.010Z");
    assertThat(outage("total").getDouble("duration_seconds")).isEqualTo(2.01);
  }
}
