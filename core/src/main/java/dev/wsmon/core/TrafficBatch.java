package dev.wsmon.core;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The traffic of all connections of one connection verticle during one flush interval, published on
 * {@code <ns>.traffic} once per interval (default 1 s) and at stop. Holds a delta for each
 * connection that changed; traffic is never published per message.
 *
 * @param source who produced the batch (deployment id, or agent name in cluster runs)
 * @param timestamp the end of the interval (UTC)
 * @param deltas one delta per connection that changed, immutable
 */
public record TrafficBatch(String source, Instant timestamp, List<ConnectionDelta> deltas) {

  /** Validates and copies. */
  public TrafficBatch {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(timestamp, "timestamp");
    deltas = List.copyOf(deltas);
  }

  /** The wire form. */
  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    deltas.forEach(d -> array.add(d.toJson()));
    return new JsonObject()
        .put("source", source)
        .put("timestamp", timestamp.toString())
        .put("deltas", array);
  }

  /**
   * Reads the wire form written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException when a field is missing or malformed
   */
  public static TrafficBatch fromJson(JsonObject json) {
    try {
      JsonArray array = json.getJsonArray("deltas");
      List<ConnectionDelta> deltas = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        deltas.add(ConnectionDelta.fromJson(array.getJsonObject(i)));
      }
      return new TrafficBatch(
          json.getString("source"), Instant.parse(json.getString("timestamp")), deltas);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed traffic batch", e);
    }
  }
}
