package dev.wsmon.tracker;

import dev.wsmon.tracker.impl.EndOfRunMerge;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable snapshot of the stats: the document replied on {@code <ns>.stats} and written by the
 * JSON export.
 *
 * <pre>{@code
 * {"generated_at": "2026-01-01T00:00:00Z", "started_at": "...", "elapsed_seconds": 12.5,
 *  "total": {...}, "groups": {"ws://a/feed": {...}},
 *  "connections": [{"connection_id": "c-1", "group": "ws://a/feed", ...}],
 *  "events": [{...}]}
 * }</pre>
 *
 * <p>The keys of the stats objects are listed in {@code docs/export-format.md}. Every accessor
 * returns a copy, so a snapshot can be shared between threads.
 */
public final class StatsSnapshot {

  private final JsonObject document;
  private final Map<String, Integer> connectionIndex;

  StatsSnapshot(JsonObject document) {
    this.document = document;
    JsonArray connections = document.getJsonArray("connections");
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < connections.size(); i++) {
      index.put(connections.getJsonObject(i).getString("connection_id"), i);
    }
    this.connectionIndex = index;
  }

  /**
   * A snapshot read from its JSON form, e.g. an earlier JSON export.
   *
   * @param json the document
   * @return the snapshot (holding a copy of {@code json})
   * @throws IllegalArgumentException naming the key when a required key is missing or malformed
   */
  public static StatsSnapshot fromJson(JsonObject json) {
    Objects.requireNonNull(json, "json");
    for (String key : List.of("generated_at", "started_at")) {
      try {
        Instant.parse(json.getString(key));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "snapshot " + key + " must be an ISO-8601 instant, got " + json.getValue(key), e);
      }
    }
    requireType(json, "elapsed_seconds", Number.class);
    requireType(json, "total", JsonObject.class);
    requireType(json, "groups", JsonObject.class);
    requireType(json, "connections", JsonArray.class);
    requireType(json, "events", JsonArray.class);
    JsonObject copy = json.copy();
    JsonArray connections = copy.getJsonArray("connections");
    for (int i = 0; i < connections.size(); i++) {
      if (!(connections.getValue(i) instanceof JsonObject c)
          || !(c.getValue("connection_id") instanceof String)) {
        throw new IllegalArgumentException(
            "snapshot connections[" + i + "] must be an object with a connection_id");
      }
    }
    return new StatsSnapshot(copy);
  }

  /**
   * The final snapshot of a run, one rule for {@code wsmon run} and the {@code TestingWrapper}: the
   * counters of {@code afterClose} (taken after wsmon closed its connections, so the last traffic
   * batch counts) with the state-like fields ({@code is_connected}, {@code connected}, {@code
   * state}, {@code current_uptime_seconds}, {@code health_score}, {@code health}) of {@code
   * beforeClose} (taken when the run ended, before it closed anything: before {@code
   * ConnectionVerticle.endAttempts()} cancels pending reconnects and abandons attempts in flight),
   * so the verdict judges the connections and not the shutdown: a connection waiting to reconnect
   * at the end is {@code RECONNECTING}, not {@code CLOSED}.
   *
   * @param beforeClose the snapshot taken before wsmon closed its connections
   * @param afterClose the snapshot taken after they closed
   * @return the merged snapshot
   */
  public static StatsSnapshot endOfRun(StatsSnapshot beforeClose, StatsSnapshot afterClose) {
    return new StatsSnapshot(EndOfRunMerge.merge(beforeClose.document, afterClose.document));
  }

  /**
   * {@link #endOfRun(StatsSnapshot, StatsSnapshot)} over snapshot documents.
   *
   * @param beforeClose the document taken before wsmon closed its connections
   * @param afterClose the document taken after they closed
   * @return a new document
   */
  public static JsonObject endOfRun(JsonObject beforeClose, JsonObject afterClose) {
    return EndOfRunMerge.merge(beforeClose, afterClose);
  }

  /** When the snapshot was taken (UTC). */
  public Instant generatedAt() {
    return Instant.parse(document.getString("generated_at"));
  }

  /** When the run started or was last reset (UTC). */
  public Instant startedAt() {
    return Instant.parse(document.getString("started_at"));
  }

  /** Seconds from {@link #startedAt()} to {@link #generatedAt()}, millisecond precision. */
  public double elapsedSeconds() {
    return document.getDouble("elapsed_seconds");
  }

  /** The total stats object: counters summed and histograms merged over all connections. */
  public JsonObject total() {
    return document.getJsonObject("total").copy();
  }

  /** The stats object of each group, by group label, in the order the groups were first seen. */
  public Map<String, JsonObject> groups() {
    Map<String, JsonObject> groups = new LinkedHashMap<>();
    document.getJsonObject("groups").forEach(e -> groups.put(e.getKey(), copyOf(e.getValue())));
    return Collections.unmodifiableMap(groups);
  }

  /**
   * The stats object of one group.
   *
   * @param group the group label
   * @return the stats, or empty when no connection of that group was seen
   */
  public Optional<JsonObject> group(String group) {
    return Optional.ofNullable(document.getJsonObject("groups").getJsonObject(group))
        .map(JsonObject::copy);
  }

  /** The stats object of each connection, in the order the connections were first seen. */
  public List<JsonObject> connections() {
    return copies(document.getJsonArray("connections"));
  }

  /**
   * The stats object of one connection (with {@code connection_id} and {@code group}).
   *
   * @param connectionId the connection id
   * @return the stats, or empty when the connection was not seen
   */
  public Optional<JsonObject> connection(String connectionId) {
    Integer i = connectionIndex.get(connectionId);
    return i == null
        ? Optional.empty()
        : Optional.of(document.getJsonArray("connections").getJsonObject(i).copy());
  }

  /** The event history held when the snapshot was taken, oldest first. */
  public List<JsonObject> events() {
    return copies(document.getJsonArray("events"));
  }

  /** The snapshot document (a copy). */
  public JsonObject toJson() {
    return document.copy();
  }

  @Override
  public String toString() {
    return "StatsSnapshot[generated_at="
        + document.getString("generated_at")
        + ", connections="
        + connectionIndex.size()
        + "]";
  }

  private static List<JsonObject> copies(JsonArray array) {
    List<JsonObject> list = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      list.add(array.getJsonObject(i).copy());
    }
    return Collections.unmodifiableList(list);
  }

  private static JsonObject copyOf(Object value) {
    return value instanceof JsonObject json ? json.copy() : new JsonObject();
  }

  private static void requireType(JsonObject json, String key, Class<?> type) {
    if (!type.isInstance(json.getValue(key))) {
      throw new IllegalArgumentException(
          "snapshot " + key + " must be a " + type.getSimpleName() + ", got " + json.getValue(key));
    }
  }
}
