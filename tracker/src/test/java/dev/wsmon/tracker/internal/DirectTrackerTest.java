package dev.wsmon.tracker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.core.TrafficBatch;
import dev.wsmon.tracker.TrackerOptions;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DirectTracker: the tracker's aggregation without its verticle")
class DirectTrackerTest {

  @Test
  @DisplayName("events, a batch and a sample land in the snapshot as through the event bus")
  void eventsBatchAndSampleReachTheSnapshot() {
    DirectTracker tracker = new DirectTracker(new TrackerOptions(), null);
    tracker.onEvent(event(EventType.ATTEMPT, ConnectionState.CONNECTING));
    tracker.onEvent(event(EventType.CONNECTED, ConnectionState.CONNECTED));
    tracker.onBatch(
        new TrafficBatch(
            "t",
            Instant.now(),
            List.of(
                new ConnectionDelta(
                    "c-1", "g", 3, 2, 30, 20, 1, 0, 0, 0, null, null, null, null, null, null, 0))));
    tracker.sample();

    JsonObject snapshot = tracker.snapshotJson();
    JsonObject total = snapshot.getJsonObject("total");
    assertThat(total.getLong("connection_attempts")).isEqualTo(1);
    assertThat(total.getLong("successful_connections")).isEqualTo(1);
    assertThat(total.getLong("messages_sent")).isEqualTo(3);
    assertThat(total.getLong("messages_received")).isEqualTo(2);
    assertThat(total.getLong("send_failures")).isEqualTo(1);
    assertThat(snapshot.getJsonObject("groups").getJsonObject("g").getLong("bytes_sent"))
        .isEqualTo(30);
    assertThat(snapshot.getJsonArray("connections").getJsonObject(0).getString("state"))
        .isEqualTo("CONNECTED");
  }

  private static ConnectionEvent event(EventType type, ConnectionState state) {
    return new ConnectionEvent("c-1", "g", type, Instant.now(), 0, 1.5, null, null, state);
  }
}
