package dev.wsmon.tracker;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.Durations;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of {@link StatsTrackerVerticle}. Config keys are the camelCase property names; durations
 * are strings such as {@code "30s"} or integers in milliseconds. Keys this class does not know are
 * ignored, so one config object can carry the options of several components.
 */
public class TrackerOptions {

  /** Default event-bus namespace: {@value}. */
  public static final String DEFAULT_NAMESPACE = Addresses.DEFAULT_NAMESPACE;

  /** Default interval of the periodic stats log line: 30 seconds. */
  public static final Duration DEFAULT_STATS_INTERVAL = Duration.ofSeconds(30);

  /** Default time-series resolution and window of the {@code current_*} rates: 1 second. */
  public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofSeconds(1);

  /** Default for logging the periodic stats line: {@value}. */
  public static final boolean DEFAULT_LOG_STATS = true;

  /** Default for keeping the event history: {@value}. */
  public static final boolean DEFAULT_TRACK_EVENTS = true;

  /** Default capacity of the event history, in events: {@value}. */
  public static final int DEFAULT_HISTORY_SIZE = 1000;

  /** Default capacity of the time series, in points: {@value}. */
  public static final int DEFAULT_SERIES_CAPACITY = 10_000;

  /** Default for tagging meters with the connection id: {@value} (one meter set per group). */
  public static final boolean DEFAULT_PER_CONNECTION_METER_TAGS = false;

  private String namespace;
  private Duration statsInterval;
  private Duration sampleInterval;
  private boolean logStats;
  private boolean trackEvents;
  private int historySize;
  private int seriesCapacity;
  private boolean perConnectionMeterTags;

  /** Options with every default. */
  public TrackerOptions() {
    namespace = DEFAULT_NAMESPACE;
    statsInterval = DEFAULT_STATS_INTERVAL;
    sampleInterval = DEFAULT_SAMPLE_INTERVAL;
    logStats = DEFAULT_LOG_STATS;
    trackEvents = DEFAULT_TRACK_EVENTS;
    historySize = DEFAULT_HISTORY_SIZE;
    seriesCapacity = DEFAULT_SERIES_CAPACITY;
    perConnectionMeterTags = DEFAULT_PER_CONNECTION_METER_TAGS;
  }

  /**
   * A copy of {@code other}.
   *
   * @param other the options to copy
   */
  public TrackerOptions(TrackerOptions other) {
    namespace = other.namespace;
    statsInterval = other.statsInterval;
    sampleInterval = other.sampleInterval;
    logStats = other.logStats;
    trackEvents = other.trackEvents;
    historySize = other.historySize;
    seriesCapacity = other.seriesCapacity;
    perConnectionMeterTags = other.perConnectionMeterTags;
  }

  /**
   * Options read from {@code json}; missing keys keep their defaults.
   *
   * @param json the config, e.g. {@code {"statsInterval": "10s", "historySize": 500}}
   * @throws IllegalArgumentException naming the key and value when a value is invalid
   */
  public TrackerOptions(JsonObject json) {
    this();
    Objects.requireNonNull(json, "json");
    if (json.containsKey("namespace")) {
      setNamespace(string(json, "namespace"));
    }
    if (json.containsKey("statsInterval")) {
      setStatsInterval(Durations.fromConfig("statsInterval", json.getValue("statsInterval")));
    }
    if (json.containsKey("sampleInterval")) {
      setSampleInterval(Durations.fromConfig("sampleInterval", json.getValue("sampleInterval")));
    }
    if (json.containsKey("logStats")) {
      setLogStats(bool(json, "logStats"));
    }
    if (json.containsKey("trackEvents")) {
      setTrackEvents(bool(json, "trackEvents"));
    }
    if (json.containsKey("historySize")) {
      setHistorySize(integer(json, "historySize"));
    }
    if (json.containsKey("seriesCapacity")) {
      setSeriesCapacity(integer(json, "seriesCapacity"));
    }
    if (json.containsKey("perConnectionMeterTags")) {
      setPerConnectionMeterTags(bool(json, "perConnectionMeterTags"));
    }
  }

  /**
   * The JSON form, readable by {@link #TrackerOptions(JsonObject)}; durations as text.
   *
   * @return a new JSON object
   */
  public JsonObject toJson() {
    return new JsonObject()
        .put("namespace", namespace)
        .put("statsInterval", Durations.format(statsInterval))
        .put("sampleInterval", Durations.format(sampleInterval))
        .put("logStats", logStats)
        .put("trackEvents", trackEvents)
        .put("historySize", historySize)
        .put("seriesCapacity", seriesCapacity)
        .put("perConnectionMeterTags", perConnectionMeterTags);
  }

  /**
   * The event-bus namespace, default {@value #DEFAULT_NAMESPACE}.
   *
   * @return the namespace
   */
  public String getNamespace() {
    return namespace;
  }

  /**
   * Sets the event-bus namespace: every address is {@code <namespace>.<name>}.
   *
   * @param namespace letters, digits, {@code _ - . :}
   * @return this
   * @throws IllegalArgumentException when the namespace is empty or has other characters
   */
  public TrackerOptions setNamespace(String namespace) {
    this.namespace = Addresses.of(namespace).namespace();
    return this;
  }

  /**
   * How often the stats line is logged, default 30 s.
   *
   * @return the interval
   */
  public Duration getStatsInterval() {
    return statsInterval;
  }

  /**
   * Sets how often the stats line is logged when {@link #isLogStats()}.
   *
   * @param statsInterval at least 1 ms
   * @return this
   * @throws IllegalArgumentException when shorter than 1 ms
   */
  public TrackerOptions setStatsInterval(Duration statsInterval) {
    this.statsInterval = atLeastOneMilli("statsInterval", statsInterval);
    return this;
  }

  /**
   * The time-series resolution and window of the {@code current_*} rates, default 1 s.
   *
   * @return the interval
   */
  public Duration getSampleInterval() {
    return sampleInterval;
  }

  /**
   * Sets the time-series resolution and the window of the {@code current_*} rates.
   *
   * @param sampleInterval at least 1 ms
   * @return this
   * @throws IllegalArgumentException when shorter than 1 ms
   */
  public TrackerOptions setSampleInterval(Duration sampleInterval) {
    this.sampleInterval = atLeastOneMilli("sampleInterval", sampleInterval);
    return this;
  }

  /**
   * Whether the periodic one-line summary is logged through SLF4J, default {@value
   * #DEFAULT_LOG_STATS}.
   *
   * @return the flag
   */
  public boolean isLogStats() {
    return logStats;
  }

  /**
   * Sets whether the periodic one-line summary is logged through SLF4J (logger {@code
   * dev.wsmon.tracker.StatsTrackerVerticle}, level INFO).
   *
   * @param logStats the flag
   * @return this
   */
  public TrackerOptions setLogStats(boolean logStats) {
    this.logStats = logStats;
    return this;
  }

  /**
   * Whether the bounded event history is kept, default {@value #DEFAULT_TRACK_EVENTS}.
   *
   * @return the flag
   */
  public boolean isTrackEvents() {
    return trackEvents;
  }

  /**
   * Sets whether the bounded event history is kept; when false the history stays empty.
   *
   * @param trackEvents the flag
   * @return this
   */
  public TrackerOptions setTrackEvents(boolean trackEvents) {
    this.trackEvents = trackEvents;
    return this;
  }

  /**
   * The capacity of the event history in events, default {@value #DEFAULT_HISTORY_SIZE}.
   *
   * @return the capacity
   */
  public int getHistorySize() {
    return historySize;
  }

  /**
   * Sets the capacity of the event history; when full the oldest event is dropped.
   *
   * @param historySize at least 1
   * @return this
   * @throws IllegalArgumentException when below 1
   */
  public TrackerOptions setHistorySize(int historySize) {
    if (historySize < 1) {
      throw new IllegalArgumentException("historySize must be at least 1, got " + historySize);
    }
    this.historySize = historySize;
    return this;
  }

  /**
   * The capacity of the time series in points, default {@value #DEFAULT_SERIES_CAPACITY}.
   *
   * @return the capacity
   */
  public int getSeriesCapacity() {
    return seriesCapacity;
  }

  /**
   * Sets the capacity of the time series; when full, adjacent points merge pairwise so a long run
   * keeps its whole shape at a coarser resolution.
   *
   * @param seriesCapacity at least 2
   * @return this
   * @throws IllegalArgumentException when below 2
   */
  public TrackerOptions setSeriesCapacity(int seriesCapacity) {
    if (seriesCapacity < 2) {
      throw new IllegalArgumentException(
          "seriesCapacity must be at least 2, got " + seriesCapacity);
    }
    this.seriesCapacity = seriesCapacity;
    return this;
  }

  /**
   * Whether meters carry a {@code connection} tag, default {@value
   * #DEFAULT_PER_CONNECTION_METER_TAGS}.
   *
   * @return the flag
   */
  public boolean isPerConnectionMeterTags() {
    return perConnectionMeterTags;
  }

  /**
   * Sets whether meters carry a {@code connection} tag (one meter set per connection instead of one
   * per group). Costs memory in the registry: leave off for many connections.
   *
   * @param perConnectionMeterTags the flag
   * @return this
   */
  public TrackerOptions setPerConnectionMeterTags(boolean perConnectionMeterTags) {
    this.perConnectionMeterTags = perConnectionMeterTags;
    return this;
  }

  @Override
  public String toString() {
    return "TrackerOptions" + toJson().encode();
  }

  private static Duration atLeastOneMilli(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.compareTo(Duration.ofMillis(1)) < 0) {
      throw new IllegalArgumentException(
          name + " must be at least 1ms, got " + Durations.format(value));
    }
    return value;
  }

  private static String string(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(key + " must be a string, got " + value);
  }

  private static boolean bool(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException(key + " must be true or false, got " + value);
  }

  private static int integer(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value instanceof Integer i) {
      return i;
    }
    if (value instanceof Long l && l == l.intValue()) {
      return l.intValue();
    }
    throw new IllegalArgumentException(key + " must be an integer, got " + value);
  }
}
