package dev.wsmon.tracker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.tracker.TrackerOptions;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the agent key of cluster connections")
class AgentKeyTest {

  private final StatsAggregator stats =
      new StatsAggregator(new TrackerOptions(), null, TrackerClock.SYSTEM);

  private void attempt(String id) {
    stats.onEvent(
        new ConnectionEvent(
            id,
            "g",
            EventType.ATTEMPT,
            Instant.now(),
            0,
            null,
            null,
            null,
            ConnectionState.CONNECTING));
  }

  @Test
  @DisplayName("<agent>:c-N carries agent; plain ids do not")
  void agentFromId() {
    attempt("c-1");
    attempt("host-1.lan:c-2");
    attempt("a:b:c-3");
    assertThat(stats.connectionJson("c-1").containsKey("agent")).isFalse();
    assertThat(stats.connectionJson("host-1.lan:c-2").getString("agent")).isEqualTo("host-1.lan");
    assertThat(stats.connectionJson("a:b:c-3").getString("agent")).isEqualTo("a:b");
    // connections come by agent, then number: c-1 (no agent), a:b:c-3, host-1.lan:c-2
    assertThat(stats.snapshotJson().getJsonArray("connections").getJsonObject(2).getString("agent"))
        .isEqualTo("host-1.lan");
  }
}
