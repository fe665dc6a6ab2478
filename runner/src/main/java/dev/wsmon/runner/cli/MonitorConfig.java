package dev.wsmon.runner.cli;

import dev.wsmon.runner.config.ConfigException;
import dev.wsmon.runner.config.ConfigKey;
import dev.wsmon.runner.config.ConfigSource;
import dev.wsmon.runner.config.ConnectionConfig;
import dev.wsmon.runner.config.ConnectionKeys;
import dev.wsmon.runner.config.ScenarioConfig;
import dev.wsmon.runner.config.TrackerConfig;
import dev.wsmon.wrapper.monitor.MonitorOptions;
import dev.wsmon.wrapper.monitor.ProbeOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link MonitorOptions} of {@code wsmon monitor} from the layers flags &gt; {@code
 * WSMON_*} environment &gt; config file (with its profile) &gt; defaults. The file holds the {@link
 * MonitorOptions} keys plus every connection option ({@link ConnectionKeys}: {@code connections},
 * {@code pingInterval}, {@code headers}, the reconnect policy, ...), which apply to every endpoint
 * that does not set its own; the connection flags override every endpoint's own values. Every error
 * names the key, the value and where it came from.
 */
final class MonitorConfig {

  /** Keys applied to every endpoint that does not set them. */
  static final List<String> ENDPOINT_DEFAULTS;

  /** Every key {@code monitor} accepts, in config-file spelling. */
  static final Map<String, ConfigKey> KEYS;

  static {
    Map<String, ConfigKey> k = new LinkedHashMap<>();
    for (String key : MonitorOptions.JSON_KEYS) {
      k.put(
          key,
          switch (key) {
            case "endpoints" -> ConfigKey.listOf("endpoint");
            case "notify" -> ConfigKey.listOf();
            // a probe spec holds commas: one per line in the environment
            case "probes" -> ConfigKey.linesOf("probe");
            default -> ConfigKey.single();
          });
    }
    k.putAll(ScenarioConfig.KEYS);
    List<String> defaults = new java.util.ArrayList<>();
    ConnectionKeys.CONFIG_KEYS.forEach(
        (key, configKey) -> {
          if (!k.containsKey(key)) {
            defaults.add(key);
            k.put(key, configKey);
          }
        });
    ENDPOINT_DEFAULTS = List.copyOf(defaults);
    KEYS = Collections.unmodifiableMap(k);
  }

  private static final Set<String> INTEGERS = Set.of("httpPort");
  private static final Set<String> BOOLEANS = Set.of("degradedOk", "noToken");

  private MonitorConfig() {}

  /**
   * The options; {@code source} holds file and environment values, with {@code uri} and {@code
   * endpoints} from the file or the environment and the positional URIs in {@code uris}; {@code
   * flags} holds the connection flags, which override every endpoint's own values.
   */
  static MonitorOptions options(ConfigSource source, List<String> uris, ConfigSource flags) {
    JsonObject values = new JsonObject();
    source.values().forEach(e -> values.put(e.getKey(), typed(e.getKey(), e.getValue(), source)));
    JsonObject scenarioValues = new JsonObject();
    for (String key : ScenarioConfig.KEYS.keySet()) {
      Object value = values.remove(key);
      if (value != null) {
        scenarioValues.put(key, value);
      }
    }
    ScenarioConfig scenario = ScenarioConfig.read(scenarioValues, source::origin, System::getenv);
    JsonObject connection = new JsonObject();
    for (String key : ENDPOINT_DEFAULTS) {
      Object value = values.remove(key);
      if (value != null) {
        connection.put(key, value);
      }
    }
    // the TLS and proxy keys too, so they reach the endpoints given as arguments
    for (String key : MonitorOptions.ENDPOINT_DEFAULT_KEYS) {
      Object value = values.remove(key);
      if (value != null) {
        connection.put(key, value);
      }
    }
    for (String alias : ConnectionKeys.ALIASES.keySet()) {
      Object value = values.remove(alias);
      if (value != null) {
        connection.put(alias, value);
      }
    }
    JsonObject defaults = ConnectionConfig.read(connection, source::origin).json();
    JsonObject overrides = ConnectionConfig.read(flags.values(), flags::origin).json();
    boolean perEndpoint = !defaults.isEmpty() || !overrides.isEmpty();
    if (perEndpoint && values.getValue("uri") instanceof String uri) {
      values.remove("uri");
      JsonArray list = new JsonArray().add(uri);
      if (values.getValue("endpoints") instanceof JsonArray more) {
        list.addAll(more);
      } else if (values.getValue("endpoints") != null) {
        list.add(values.getValue("endpoints"));
      }
      values.put("endpoints", list);
    }
    if (values.containsKey("endpoints")) {
      values.put("endpoints", withDefaults(values.getValue("endpoints"), defaults, overrides));
    }
    for (String key : values.fieldNames()) {
      check(source, key, new JsonObject().put(key, values.getValue(key)));
    }
    MonitorOptions options;
    try {
      options = new MonitorOptions(values);
      for (String uri : uris) {
        JsonObject endpoint = defaults.copy().mergeIn(overrides).put("uri", uri);
        options.addEndpoint(
            new MonitorOptions(new JsonObject().put("endpoints", new JsonArray().add(endpoint)))
                .getEndpoints()
                .get(0));
      }
      if (scenario.scenario() != null) {
        options.setScenario(scenario.scenario().scenario());
      }
      scenario.checks().forEach(options::addMessageCheck);
      options.setFeeder(scenario.feeder());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid monitor option: " + e.getMessage());
    }
    return options;
  }

  private static void check(ConfigSource source, String key, JsonObject probe) {
    try {
      new MonitorOptions(probe);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid " + source.origin(key) + ": " + e.getMessage());
    }
  }

  /**
   * {@code uri} or {@code endpoints} with the top-level defaults put into each endpoint and the
   * flags over each endpoint's own values.
   */
  private static Object withDefaults(Object value, JsonObject defaults, JsonObject overrides) {
    if (defaults.isEmpty() && overrides.isEmpty()) {
      return value;
    }
    if (value instanceof String uri) {
      return defaults.copy().mergeIn(overrides).put("uri", uri);
    }
    if (value instanceof JsonObject o) {
      JsonObject out = defaults.copy();
      o.forEach(e -> out.put(e.getKey(), e.getValue()));
      return out.mergeIn(overrides);
    }
    if (value instanceof JsonArray array) {
      JsonArray out = new JsonArray();
      array.forEach(item -> out.add(withDefaults(item, defaults, overrides)));
      return out;
    }
    return value;
  }

  /** Text values (from the environment or flags) converted to the type the key needs. */
  private static Object typed(String key, Object value, ConfigSource source) {
    if (TrackerConfig.KEYS.contains(key)) {
      return TrackerConfig.typed(key, value);
    }
    if (value instanceof String s) {
      String t = s.trim();
      if (INTEGERS.contains(key) && t.matches("-?[0-9]{1,9}")) {
        return Integer.parseInt(t);
      }
      if (BOOLEANS.contains(key)) {
        try {
          return ConnectionKeys.bool(key, t);
        } catch (IllegalArgumentException e) {
          return value;
        }
      }
      if (key.equals("notifyAfter") && t.matches("[0-9]+")) {
        return Integer.parseInt(t);
      }
    }
    if (key.equals("probes")) {
      return probes(value, source);
    }
    if (key.equals("endpoints") && value instanceof JsonArray array) {
      JsonArray out = new JsonArray();
      for (Object item : array) {
        if (item instanceof String s && s.trim().startsWith("{")) {
          out.add(parseObject(key, s.trim(), source));
        } else if (item instanceof JsonObject o && source.origin(key).startsWith("WSMON_")) {
          out.add(typedEndpoint(o));
        } else {
          out.add(item);
        }
      }
      return out;
    }
    return value;
  }

  /** Probe specs written as text ({@code every=30s,send=...}) become probe objects. */
  private static Object probes(Object value, ConfigSource source) {
    JsonArray in = value instanceof JsonArray array ? array : new JsonArray().add(value);
    JsonArray out = new JsonArray();
    for (Object item : in) {
      if (item instanceof String spec) {
        try {
          out.add(ProbeOptions.parse(spec.trim()).toJson());
        } catch (IllegalArgumentException e) {
          throw new ConfigException("invalid " + source.origin("probes") + ": " + e.getMessage());
        }
      } else {
        out.add(item);
      }
    }
    return out;
  }

  private static JsonObject parseObject(String key, String text, ConfigSource source) {
    try {
      return new JsonObject(text);
    } catch (RuntimeException e) {
      throw new ConfigException(
          "invalid " + source.origin(key) + ": an endpoint written as JSON must be a JSON object");
    }
  }

  /** Endpoint values set through nested environment variables are text: type them. */
  private static JsonObject typedEndpoint(JsonObject endpoint) {
    JsonObject out = new JsonObject();
    endpoint.forEach(
        e -> {
          Object v = e.getValue();
          if (v instanceof String s && !Set.of("uri", "group", "headers").contains(e.getKey())) {
            String t = s.trim();
            if (t.equals("true") || t.equals("false")) {
              v = Boolean.parseBoolean(t);
            } else if (t.matches("-?[0-9]{1,9}")) {
              v = Integer.parseInt(t);
            }
          }
          out.put(e.getKey(), v);
        });
    return out;
  }
}
