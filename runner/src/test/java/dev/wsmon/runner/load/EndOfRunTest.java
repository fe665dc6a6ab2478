package dev.wsmon.runner.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class EndOfRunTest {

  private static JsonObject doc(boolean up, long sent, String state) {
    JsonObject stats =
        new JsonObject()
            .put("is_connected", up)
            .put("connected", up ? 1 : 0)
            .put("health_score", up ? 100 : 75)
            .put("health", up ? "Excellent" : "Good")
            .put("current_uptime_seconds", up ? 5.0 : 0.0)
            .put("messages_sent", sent);
    return new JsonObject()
        .put("total", stats.copy())
        .put("groups", new JsonObject().put("g", stats.copy()))
        .put(
            "connections",
            new JsonArray().add(stats.copy().put("connection_id", "c-1").put("state", state)));
  }

  @Test
  void countersAfterCloseStateBeforeClose() {
    JsonObject merged = EndOfRun.merge(doc(true, 10, "CONNECTED"), doc(false, 12, "CLOSED"));
    for (JsonObject o :
        new JsonObject[] {
          merged.getJsonObject("total"),
          merged.getJsonObject("groups").getJsonObject("g"),
          merged.getJsonArray("connections").getJsonObject(0)
        }) {
      assertThat(o.getLong("messages_sent")).isEqualTo(12);
      assertThat(o.getBoolean("is_connected")).isTrue();
      assertThat(o.getInteger("health_score")).isEqualTo(100);
      assertThat(o.getString("health")).isEqualTo("Excellent");
      assertThat(o.getDouble("current_uptime_seconds")).isEqualTo(5.0);
    }
    assertThat(merged.getJsonArray("connections").getJsonObject(0).getString("state"))
        .isEqualTo("CONNECTED");
  }

  @Test
  void missingPartsAreLeftAlone() {
    JsonObject after = doc(false, 3, "CLOSED");
    JsonObject merged = EndOfRun.merge(new JsonObject(), after);
    assertThat(merged).isEqualTo(after);
  }
}
