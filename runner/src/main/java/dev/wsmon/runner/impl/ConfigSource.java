package dev.wsmon.runner.impl;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Collects configuration values with the documented precedence: flags &gt; environment &gt; file
 * &gt; defaults. Remembers where each value came from so an error can name it ({@code
 * --connections}, {@code WSMON_CONNECTIONS}, {@code connections in wsmon.yaml}).
 */
public final class ConfigSource {

  private final JsonObject values = new JsonObject();
  private final Map<String, String> origins = new LinkedHashMap<>();

  /** The merged values (camelCase keys). */
  public JsonObject values() {
    return values;
  }

  /** Where {@code key}'s value came from, for error messages. */
  public String origin(String key) {
    return origins.getOrDefault(key, key);
  }

  /** Puts {@code value} for {@code key}, overriding earlier (lower-precedence) values. */
  public ConfigSource put(String key, Object value, String origin) {
    values.put(key, value);
    origins.put(key, origin);
    return this;
  }

  /** Adds the entries of a config file, validating that every key is known. */
  public ConfigSource addFile(Path file, Map<String, ConfigKey> known) {
    JsonObject json = readFile(file);
    for (Map.Entry<String, Object> e : json) {
      String key = normalise(e.getKey(), known);
      if (key == null) {
        throw new ConfigException(
            "unknown key '"
                + e.getKey()
                + "' in "
                + file
                + " (known keys: "
                + known.keySet()
                + ")");
      }
      put(key, e.getValue(), key + " in " + file);
    }
    return this;
  }

  /**
   * Adds {@code WSMON_*} environment variables of known keys: {@code WSMON_RECONNECT_DELAY} sets
   * {@code reconnectDelay}. List values are separated by newlines, or by commas for keys whose
   * items cannot contain commas.
   */
  public ConfigSource addEnvironment(Map<String, String> env, Map<String, ConfigKey> known) {
    for (Map.Entry<String, ConfigKey> k : known.entrySet()) {
      String name = envName(k.getKey());
      String raw = env.get(name);
      if (raw == null) {
        continue;
      }
      Object value = raw;
      if (k.getValue().list()) {
        JsonArray items = new JsonArray();
        for (String part : raw.split(k.getValue().commaSeparated() ? "[\n,]" : "\n")) {
          if (!part.isBlank()) {
            items.add(part.trim());
          }
        }
        value = items;
      }
      put(k.getKey(), value, name);
    }
    return this;
  }

  /** {@code reconnectDelay} → {@code WSMON_RECONNECT_DELAY}. */
  public static String envName(String camel) {
    return "WSMON_" + camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /** {@code --reconnect-delay} or {@code reconnect-delay} → {@code reconnectDelay}. */
  public static String camel(String kebab) {
    String s = kebab.startsWith("--") ? kebab.substring(2) : kebab;
    StringBuilder out = new StringBuilder(s.length());
    boolean upper = false;
    for (char c : s.toCharArray()) {
      if (c == '-' || c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  private static String normalise(String key, Map<String, ConfigKey> known) {
    String camel = camel(key);
    if (known.containsKey(camel)) {
      return camel;
    }
    for (Map.Entry<String, ConfigKey> k : known.entrySet()) {
      if (k.getValue().aliases().contains(camel)) {
        return k.getKey();
      }
    }
    return null;
  }

  /** Reads a JSON or YAML (by extension {@code .yaml}/{@code .yml}) config file. */
  public static JsonObject readFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file not found: " + file);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return fromYaml(file, text);
    }
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      throw new ConfigException(
          "config file " + file + " is not a JSON object: " + firstLine(e.getMessage()));
    }
  }

  private static JsonObject fromYaml(Path file, String text) {
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (RuntimeException e) {
      throw new ConfigException(
          "config file " + file + " is not valid YAML: " + firstLine(e.getMessage()));
    }
    if (doc == null) {
      return new JsonObject();
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw new ConfigException("config file " + file + " must hold a mapping of keys to values");
    }
    return new JsonObject(toJsonMap(map));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> toJsonMap(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), toJsonValue(v)));
    return out;
  }

  private static Object toJsonValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      return new JsonObject(toJsonMap(m));
    }
    if (v instanceof List<?> l) {
      List<Object> items = new ArrayList<>(l.size());
      l.forEach(i -> items.add(toJsonValue(i)));
      return new JsonArray(items);
    }
    if (v instanceof java.util.Date d) {
      return d.toInstant().toString();
    }
    return v;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
