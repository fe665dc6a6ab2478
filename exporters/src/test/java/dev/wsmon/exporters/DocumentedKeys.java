package dev.wsmon.exporters;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Checks a snapshot document against the key lists of {@code docs/export-format.md}: every object
 * has all its documented required keys, and nothing that is not documented.
 */
final class DocumentedKeys {

  private static final Set<String> HISTOGRAMS =
      Set.of("connection_latency_ms", "rtt_ms", "ping_rtt_ms", "rtt_actual_ms", "send_lag_ms");

  private final ExportFormatDoc doc = ExportFormatDoc.load();
  private final Set<String> optionalSeen = new LinkedHashSet<>();

  /** Checks {@code snapshot}; returns the optional keys it contained. */
  Set<String> check(JsonObject snapshot) {
    object("snapshot", snapshot, "snapshot");
    object("total", snapshot.getJsonObject("total"), "aggregate", "metrics");
    JsonObject groups = snapshot.getJsonObject("groups");
    for (String name : groups.fieldNames()) {
      object("groups." + name, groups.getJsonObject(name), "aggregate", "metrics");
    }
    JsonArray connections = snapshot.getJsonArray("connections");
    for (int i = 0; i < connections.size(); i++) {
      object("connections[" + i + "]", connections.getJsonObject(i), "connection", "metrics");
    }
    JsonArray events = snapshot.getJsonArray("events");
    for (int i = 0; i < events.size(); i++) {
      object("events[" + i + "]", events.getJsonObject(i), "event");
    }
    return optionalSeen;
  }

  /** Checks one series point. */
  void checkPoint(JsonObject point) {
    object("point", point, "series_point");
  }

  private void object(String where, JsonObject json, String... tables) {
    assertThat(json).as(where).isNotNull();
    Set<String> keys = json.fieldNames();
    assertThat(keys).as(where + " keys").containsAll(doc.required(tables));
    assertThat(doc.all(tables)).as(where + " has only documented keys").containsAll(keys);
    for (String key : keys) {
      if (!doc.required(tables).contains(key)) {
        optionalSeen.add(key);
      }
      if (HISTOGRAMS.contains(key) && tables[tables.length - 1].equals("metrics")) {
        object(where + "." + key, json.getJsonObject(key), "histogram");
      }
    }
  }
}
