package dev.wsmon.runner.config;

import dev.wsmon.tracker.TrackerOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The tracker settings of {@code run} and {@code monitor} ({@code statsInterval}, {@code
 * sampleInterval}, {@code logStats}, {@code trackEvents}, {@code historySize}, ...), read through
 * {@link TrackerOptions#TrackerOptions(JsonObject)}: the CLI only types text values and names where
 * a bad one came from.
 */
public final class TrackerConfig {

  /** The tracker keys a command may accept, in config-file spelling. */
  public static final List<String> KEYS =
      List.of(
          "statsInterval",
          "sampleInterval",
          "logStats",
          "trackEvents",
          "historySize",
          "seriesCapacity",
          "perConnectionMeterTags");

  private static final Set<String> BOOLEANS =
      Set.of("logStats", "trackEvents", "perConnectionMeterTags");
  private static final Set<String> INTEGERS = Set.of("historySize", "seriesCapacity");

  private TrackerConfig() {}

  /**
   * Reads {@code keys} of {@code values} into tracker options.
   *
   * @param values merged settings
   * @param origin where a key's value came from
   * @param keys the tracker keys the command accepts
   * @throws ConfigException naming the origin and the value of a bad setting
   */
  public static TrackerOptions read(
      JsonObject values, UnaryOperator<String> origin, List<String> keys) {
    JsonObject json = new JsonObject();
    for (String key : keys) {
      Object value = values.getValue(key);
      if (value == null) {
        continue;
      }
      Object typed = typed(key, value);
      try {
        new TrackerOptions(new JsonObject().put(key, typed));
      } catch (IllegalArgumentException e) {
        throw ConfigException.invalid(origin.apply(key), value, e.getMessage());
      }
      json.put(key, typed);
    }
    return new TrackerOptions(json);
  }

  /**
   * A tracker value in the type its option needs: booleans by the one boolean parser of the command
   * line ({@link ConnectionKeys#bool}), whole numbers from text; anything else as given (the
   * options parse durations themselves).
   */
  public static Object typed(String key, Object value) {
    if (!(value instanceof String s)) {
      return value;
    }
    String t = s.trim();
    if (BOOLEANS.contains(key)) {
      try {
        return ConnectionKeys.bool(key, t);
      } catch (IllegalArgumentException e) {
        return value;
      }
    }
    if (INTEGERS.contains(key) && t.matches("-?[0-9]{1,9}")) {
      return Integer.parseInt(t);
    }
    return value;
  }
}
