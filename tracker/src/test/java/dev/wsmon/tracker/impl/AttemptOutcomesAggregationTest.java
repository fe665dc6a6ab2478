package dev.wsmon.tracker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.tracker.TrackerOptions;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "attempt outcomes: every attempt is a success, a failure or abandoned by wsmon's close")
class AttemptOutcomesAggregationTest {

  private static final String G = "ws://127.0.0.1:1/a";

  private final StatsAggregator stats =
      new StatsAggregator(new TrackerOptions(), null, TrackerClock.SYSTEM);

  private void event(String id, EventType type, ConnectionState after) {
    stats.onEvent(new ConnectionEvent(id, G, type, Instant.now(), 0, 1.0, null, "x", after));
  }

  private static void assertInvariant(JsonObject s) {
    assertThat(s.getLong("connection_attempts"))
        .as("attempts == successes + failures + abandoned in %s", s)
        .isEqualTo(
            s.getLong("successful_connections")
                + s.getLong("failed_connections")
                + s.getLong("attempts_abandoned"));
  }

  @Test
  @DisplayName(
      "a CLOSED after an ATTEMPT without outcome is one abandoned attempt; after a success or a"
          + " failure it is none; total and group sum it")
  void closedWhileInFlight() {
    // c-1: a session, lost, then its reconnect attempt abandoned by the end of the run
    event("c-1", EventType.ATTEMPT, ConnectionState.CONNECTING);
    event("c-1", EventType.CONNECTED, ConnectionState.CONNECTED);
    event("c-1", EventType.DISCONNECTED, ConnectionState.RECONNECTING);
    event("c-1", EventType.RECONNECT_SCHEDULED, ConnectionState.RECONNECTING);
    event("c-1", EventType.ATTEMPT, ConnectionState.RECONNECTING);
    event("c-1", EventType.CLOSED, ConnectionState.CLOSED);
    // c-2: failed, its reconnect pending (no attempt in flight) when closed
    event("c-2", EventType.ATTEMPT, ConnectionState.CONNECTING);
    event("c-2", EventType.FAILED, ConnectionState.RECONNECTING);
    event("c-2", EventType.RECONNECT_SCHEDULED, ConnectionState.RECONNECTING);
    event("c-2", EventType.CLOSED, ConnectionState.CLOSED);
    // c-3: open, closed by wsmon
    event("c-3", EventType.ATTEMPT, ConnectionState.CONNECTING);
    event("c-3", EventType.CONNECTED, ConnectionState.CONNECTED);
    event("c-3", EventType.CLOSED, ConnectionState.CLOSED);
    // c-4: its first attempt abandoned
    event("c-4", EventType.ATTEMPT, ConnectionState.CONNECTING);
    event("c-4", EventType.CLOSED, ConnectionState.CLOSED);

    assertThat(stats.connectionJson("c-1").getLong("attempts_abandoned")).isEqualTo(1);
    assertThat(stats.connectionJson("c-2").getLong("attempts_abandoned")).isZero();
    assertThat(stats.connectionJson("c-3").getLong("attempts_abandoned")).isZero();
    assertThat(stats.connectionJson("c-4").getLong("attempts_abandoned")).isEqualTo(1);
    JsonObject total = stats.totalJson();
    assertThat(total.getLong("attempts_abandoned")).isEqualTo(2);
    assertThat(stats.groupJson(G).getLong("attempts_abandoned")).isEqualTo(2);
    assertInvariant(total);
    assertInvariant(stats.groupJson(G));
    for (String id : new String[] {"c-1", "c-2", "c-3", "c-4"}) {
      assertInvariant(stats.connectionJson(id));
    }
    assertThat(total.getDouble("success_rate"))
        .as("over completed attempts: 2 successes, 1 failure")
        .isEqualTo(66.667);
    assertThat(stats.connectionJson("c-4").getValue("success_rate"))
        .as("an abandoned attempt completes nothing")
        .isNull();
    assertThat(stats.connectionJson("c-4").getDouble("health_score"))
        .as("not a failure: only the state (down) costs")
        .isEqualTo(75.0);
  }

  @Test
  @DisplayName(
      "stats.reset keeps an attempt in flight counted, so its outcome after the reset keeps the"
          + " invariant")
  void resetKeepsTheAttemptInFlight() {
    event("c-1", EventType.ATTEMPT, ConnectionState.CONNECTING);
    event("c-2", EventType.ATTEMPT, ConnectionState.CONNECTING);
    event("c-3", EventType.ATTEMPT, ConnectionState.CONNECTING);
    event("c-3", EventType.FAILED, ConnectionState.RECONNECTING);

    stats.reset();
    JsonObject afterReset = stats.totalJson();
    assertThat(afterReset.getLong("connection_attempts")).isEqualTo(2);
    assertThat(afterReset.getLong("failed_connections")).isZero();

    event("c-1", EventType.CONNECTED, ConnectionState.CONNECTED);
    event("c-2", EventType.CLOSED, ConnectionState.CLOSED);
    event("c-1", EventType.CLOSED, ConnectionState.CLOSED);
    event("c-3", EventType.CLOSED, ConnectionState.CLOSED);
    JsonObject total = stats.totalJson();
    assertThat(total.getLong("successful_connections")).isEqualTo(1);
    assertThat(total.getLong("attempts_abandoned")).isEqualTo(1);
    assertInvariant(total);
    assertThat(stats.seriesJson()).isEmpty();
    stats.sample();
    assertThat(stats.seriesJson().get(0).getLong("connection_attempts"))
        .as("the series' cumulative attempts follow the same rule")
        .isEqualTo(2);
  }
}
