package dev.wsmon.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("StatsSnapshot")
class StatsSnapshotTest {

  private static JsonObject document() {
    return new JsonObject()
        .put("generated_at", "2026-01-01T00:00:10Z")
        .put("started_at", "2026-01-01T00:00:00Z")
        .put("elapsed_seconds", 10.0)
        .put("total", new JsonObject().put("messages_sent", 3))
        .put("groups", new JsonObject().put("g", new JsonObject().put("messages_sent", 3)))
        .put(
            "connections",
            new JsonArray().add(new JsonObject().put("connection_id", "c-1").put("group", "g")))
        .put("events", new JsonArray());
  }

  @Test
  @DisplayName("reads its JSON form and never exposes its own state")
  void immutable() {
    JsonObject json = document();
    StatsSnapshot snapshot = StatsSnapshot.fromJson(json);
    json.getJsonObject("total").put("messages_sent", 99);
    snapshot.total().put("messages_sent", 42);
    snapshot.groups().get("g").put("messages_sent", 42);
    snapshot.connection("c-1").orElseThrow().put("group", "x");
    assertThat(snapshot.total().getInteger("messages_sent")).isEqualTo(3);
    assertThat(snapshot.group("g").orElseThrow().getInteger("messages_sent")).isEqualTo(3);
    assertThat(snapshot.group("h")).isEmpty();
    assertThat(snapshot.connection("c-1").orElseThrow().getString("group")).isEqualTo("g");
    assertThat(snapshot.elapsedSeconds()).isEqualTo(10.0);
    assertThat(snapshot.toJson()).isEqualTo(document());
  }

  @Test
  @DisplayName("rejects a document missing a key, naming it")
  void rejectsBadDocuments() {
    assertThatThrownBy(() -> StatsSnapshot.fromJson(document().put("started_at", "yesterday")))
        .hasMessageContaining("started_at")
        .hasMessageContaining("yesterday");
    assertThatThrownBy(() -> StatsSnapshot.fromJson(document().put("total", 5)))
        .hasMessage("snapshot total must be a JsonObject, got 5");
    assertThatThrownBy(
            () ->
                StatsSnapshot.fromJson(
                    document().put("connections", new JsonArray().add(new JsonObject()))))
        .hasMessageContaining("connections[0]");
  }
}
