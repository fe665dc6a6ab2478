package dev.wsmon.tracker.impl;

import dev.wsmon.tracker.HealthScore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The final snapshot of a run. Taken after wsmon closed its connections, so that the last traffic
 * batch is counted; but the state-like fields ({@code is_connected}, {@code connected}, {@code
 * state}, {@code current_uptime_seconds}) are those of the moment the run ended, just before
 * wsmon's own close, so thresholds and the summary judge the connections and not the shutdown.
 * {@code health_score} and {@code health} are computed again from both: the final counters (so
 * requests abandoned at the close count) and the connection state of that moment.
 */
public final class EndOfRunMerge {

  /** The fields judged at the end of the run, before wsmon's own close. */
  public static final List<String> STATE_KEYS =
      List.of("is_connected", "connected", "state", "current_uptime_seconds");

  private EndOfRunMerge() {}

  /** {@code afterClose} (a copy) with the {@link #STATE_KEYS} of {@code beforeClose}. */
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
    double score = HealthScore.of(target, downFraction(source));
    target.put("health_score", score).put("health", HealthScore.label(score));
  }

  private static double downFraction(JsonObject before) {
    if (before.getValue("connections") instanceof Number n
        && before.getValue("connected") instanceof Number up) {
      return n.intValue() == 0 ? 1 : (n.doubleValue() - up.doubleValue()) / n.doubleValue();
    }
    return Boolean.TRUE.equals(before.getValue("is_connected")) ? 0 : 1;
  }
}
