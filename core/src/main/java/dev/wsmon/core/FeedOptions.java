package dev.wsmon.core;

import dev.wsmon.core.impl.JsonOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Feed monitoring of received messages: where a message holds its sequence number and server
 * timestamp, and how long a connection may stay silent. Off by default; setting any of {@code
 * seqField}, {@code tsField} or {@code maxSilence} turns it on ({@link #isEnabled()}). Held by
 * {@link ConnectionOptions#getFeedOptions()}; its JSON keys sit flat in the connection options'
 * JSON.
 */
public class FeedOptions {

  /** Default {@code seqField}: {@code null}, no sequence numbers. */
  public static final String DEFAULT_SEQ_FIELD = null;

  /** Default {@code tsField}: {@code null}, no server timestamps. */
  public static final String DEFAULT_TS_FIELD = null;

  /** Default {@code tsUnit}: {@link TimestampUnit#AUTO}. */
  public static final TimestampUnit DEFAULT_TS_UNIT = TimestampUnit.AUTO;

  /** Default {@code maxSilence}: zero, staleness is not checked. */
  public static final Duration DEFAULT_MAX_SILENCE = Duration.ZERO;

  /** The JSON property names. */
  public static final List<String> JSON_KEYS =
      List.of("seqField", "tsField", "tsUnit", "maxSilence");

  private String seqField;
  private String tsField;
  private TimestampUnit tsUnit;
  private Duration maxSilence;

  /** The defaults: feed monitoring off. */
  public FeedOptions() {
    seqField = DEFAULT_SEQ_FIELD;
    tsField = DEFAULT_TS_FIELD;
    tsUnit = DEFAULT_TS_UNIT;
    maxSilence = DEFAULT_MAX_SILENCE;
  }

  /**
   * A copy of {@code other}.
   *
   * @param other the options to copy
   */
  public FeedOptions(FeedOptions other) {
    seqField = other.seqField;
    tsField = other.tsField;
    tsUnit = other.tsUnit;
    maxSilence = other.maxSilence;
  }

  /**
   * Reads the keys of {@link #JSON_KEYS} from {@code json}; missing keys keep their defaults and
   * other keys are ignored (they belong to the enclosing connection options).
   *
   * @param json the JSON form; {@code maxSilence} is a duration string or milliseconds
   * @throws IllegalArgumentException naming the key and the bad value
   */
  public FeedOptions(JsonObject json) {
    this();
    if (json.containsKey("seqField")) {
      setSeqField(JsonOptions.string(json, "seqField"));
    }
    if (json.containsKey("tsField")) {
      setTsField(JsonOptions.string(json, "tsField"));
    }
    if (json.containsKey("tsUnit")) {
      setTsUnit(JsonOptions.enumValue(json, "tsUnit", TimestampUnit.class));
    }
    if (json.containsKey("maxSilence")) {
      setMaxSilence(JsonOptions.duration(json, "maxSilence"));
    }
  }

  /** The JSON form: the fields that are set, {@code tsUnit} and {@code maxSilence}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (seqField != null) {
      json.put("seqField", seqField);
    }
    if (tsField != null) {
      json.put("tsField", tsField);
    }
    return json.put("tsUnit", tsUnit.name()).put("maxSilence", Durations.format(maxSilence));
  }

  /** The JSON field path of a received message's sequence number, or {@code null} (default). */
  public String getSeqField() {
    return seqField;
  }

  /**
   * Sets the JSON field holding the sequence number of received messages, which turns on feed
   * monitoring: gaps, missing messages, duplicates, out-of-order messages and sequence resets.
   *
   * @param seqField a dotted path such as {@code seq} or {@code data.seq}, or {@code null} for none
   * @return this
   * @throws IllegalArgumentException when the path is blank or has an empty segment
   */
  public FeedOptions setSeqField(String seqField) {
    this.seqField = fieldPath("seqField", seqField);
    return this;
  }

  /** The JSON field path of a received message's server timestamp, or {@code null} (default). */
  public String getTsField() {
    return tsField;
  }

  /**
   * Sets the JSON field holding the server's send time of received messages, which turns on feed
   * monitoring and the end-to-end latency (receive time minus this timestamp; it includes the
   * offset between the two clocks).
   *
   * @param tsField a dotted path such as {@code ts} or {@code data.time}, or {@code null} for none
   * @return this
   * @throws IllegalArgumentException when the path is blank or has an empty segment
   */
  public FeedOptions setTsField(String tsField) {
    this.tsField = fieldPath("tsField", tsField);
    return this;
  }

  /** How the timestamp field is read (default AUTO). */
  public TimestampUnit getTsUnit() {
    return tsUnit;
  }

  /**
   * Sets how the timestamp field is read. Default {@link TimestampUnit#AUTO}: numbers by magnitude
   * (seconds, milliseconds, microseconds or nanoseconds since the epoch) and ISO-8601 strings.
   *
   * @param tsUnit the unit
   * @return this
   */
  public FeedOptions setTsUnit(TimestampUnit tsUnit) {
    this.tsUnit = Objects.requireNonNull(tsUnit, "tsUnit");
    return this;
  }

  /** The longest silence before the feed is stale; zero when not checked (default). */
  public Duration getMaxSilence() {
    return maxSilence;
  }

  /**
   * Sets the longest time an open connection may go without receiving a message: longer raises
   * {@link EventType#STALE} once and marks the feed stale until the next message. Turns on feed
   * monitoring. Checked every 50 ms, so the event comes up to 50 ms late. Default zero (off).
   *
   * @param maxSilence zero (off) or positive
   * @return this
   * @throws IllegalArgumentException when negative
   */
  public FeedOptions setMaxSilence(Duration maxSilence) {
    this.maxSilence = ReconnectPolicy.nonNegative("maxSilence", maxSilence);
    return this;
  }

  /** Whether feed monitoring is on: a seq or ts field is set, or a max silence. */
  public boolean isEnabled() {
    return seqField != null || tsField != null || !maxSilence.isZero();
  }

  private static String fieldPath(String field, String path) {
    if (path == null) {
      return null;
    }
    if (path.isBlank() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
      throw new IllegalArgumentException(
          field + " must be a dotted JSON field path such as data.seq, got '" + path + "'");
    }
    return path;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeedOptions other && toJson().equals(other.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return "FeedOptions" + toJson().encode();
  }
}
