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

  @Test
  void healthCountsRequestsAbandonedAtTheCloseWithTheStateBeforeIt() {
    JsonObject before = doc(true, 10, "CONNECTED");
    before.getJsonObject("total").put("connections", 1);
    JsonObject after = doc(false, 10, "CLOSED");
    for (JsonObject o :
        new JsonObject[] {
          after.getJsonObject("total"),
          after.getJsonObject("groups").getJsonObject("g"),
          after.getJsonArray("connections").getJsonObject(0)
        }) {
      o.put("rtt_ms", new JsonObject().put("count", 0)).put("requests_abandoned", 10);
    }

    JsonObject merged = EndOfRun.merge(before, after);

    for (JsonObject o :
        new JsonObject[] {
          merged.getJsonObject("total"),
          merged.getJsonObject("groups").getJsonObject("g"),
          merged.getJsonArray("connections").getJsonObject(0)
        }) {
      // nothing answered: -40; connected as the run ended: no -25
      assertThat(o.getDouble("health_score")).isEqualTo(60.0);
      assertThat(o.getString("health")).isEqualTo("Fair");
    }
  }
}
