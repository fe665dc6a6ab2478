package dev.wsmon.runner.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The final snapshot of a run. Taken after wsmon closed its connections, so that the last traffic
 * batch is counted; but the state-like fields ({@code is_connected}, {@code connected}, {@code
 * state}, {@code current_uptime_seconds}, {@code health_score}, {@code health}) are those of the
 * moment the run ended, just before wsmon's own close, so thresholds and the summary judge the
 * connections and not the shutdown.
 */
public final class EndOfRun {

  static final List<String> STATE_KEYS =
      List.of(
          "is_connected", "connected", "state", "current_uptime_seconds", "health_score", "health");

  private EndOfRun() {}

  /**
   * {@code afterClose} with the state-like fields of {@code beforeClose}.
   *
   * @param beforeClose the snapshot taken when sending stopped, before the connections closed
   * @param afterClose the snapshot taken after the connections closed and the last batch arrived
   * @return a new document
   */
  public static JsonObject merge(JsonObject beforeClose, JsonObject afterClose) {
    JsonObject out = afterClose.copy();
    patch(out.getJsonObject("total"), beforeClose.getJsonObject("total"));
    JsonObject groups = out.getJsonObject("groups");
    JsonObject beforeGroups = beforeClose.getJsonObject("groups", new JsonObject());
    if (groups != null) {
      for (String name : groups.fieldNames()) {
        patch(groups.getJsonObject(name), beforeGroups.getJsonObject(name));
      }
    }
    JsonArray connections = out.getJsonArray("connections");
    JsonArray before = beforeClose.getJsonArray("connections", new JsonArray());
    if (connections != null) {
      Map<String, JsonObject> byId = new HashMap<>();
      for (int i = 0; i < before.size(); i++) {
        JsonObject c = before.getJsonObject(i);
        byId.put(c.getString("connection_id"), c);
      }
      for (int i = 0; i < connections.size(); i++) {
        JsonObject c = connections.getJsonObject(i);
        patch(c, byId.get(c.getString("connection_id")));
      }
    }
    return out;
  }

  private static void patch(JsonObject target, JsonObject source) {
    if (target == null || source == null) {
      return;
    }
    for (String key : STATE_KEYS) {
      if (source.containsKey(key)) {
        target.put(key, source.getValue(key));
      }
    }
  }
}
