package dev.wsmon.runner.config;

import dev.wsmon.core.Redaction;
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
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

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

  /**
   * Adds the entries of a config file with the profile its {@code profile} key names (if any),
   * validating that every key is known.
   */
  public ConfigSource addFile(Path file, Map<String, ConfigKey> known) {
    return addFile(file, null, known);
  }

  /**
   * Adds the entries of a config file, with {@code profile} (or, when {@code null}, the profile
   * named by the file's {@code profile} key, if any) deep-merged over its base keys, validating
   * that every key is known.
   *
   * @throws ConfigException naming the key and the file for an unknown key, or the profile, the
   *     file and the profiles available for an unknown profile
   */
  public ConfigSource addFile(Path file, String profile, Map<String, ConfigKey> known) {
    JsonObject raw = readFile(file);
    String name = ConfigProfiles.select(profile, Map.of(), raw, file);
    JsonObject json = ConfigProfiles.apply(raw, name, file);
    JsonObject fromProfile =
        name == null
            ? new JsonObject()
            : raw.getJsonObject(ConfigProfiles.PROFILES).getJsonObject(name);
    for (Map.Entry<String, Object> e : json) {
      String key = normalise(e.getKey(), known);
      if (key == null) {
        throw new ConfigException(
            "unknown key '"
                + e.getKey()
                + "' in "
                + file
                + (fromProfile.containsKey(e.getKey()) ? " (profile " + name + ")" : "")
                + " (known keys: "
                + known.keySet()
                + ")");
      }
      // named as written: an alias (insecure for trustAll) stays recognisable in messages
      String written = camel(e.getKey());
      String where =
          fromProfile.containsKey(e.getKey())
              ? written + " in " + file + " (profile " + name + ")"
              : written + " in " + file;
      put(key, e.getValue(), where);
    }
    return this;
  }

  /**
   * Adds {@code WSMON_*} environment variables of known keys: {@code WSMON_RECONNECT_DELAY} sets
   * {@code reconnectDelay}. List values are separated by newlines, or by commas for keys whose
   * items cannot contain commas, or are a JSON array ({@code [...]}). Nested keys are joined by
   * {@code __}: {@code WSMON_TLS__TRUST_STORE} sets {@code trustStore} inside {@code tls}, and a
   * number selects a list item ({@code WSMON_ENDPOINTS__0__CONNECTIONS}); nested values merge into
   * the lower-precedence value of the key.
   */
  public ConfigSource addEnvironment(Map<String, String> env, Map<String, ConfigKey> known) {
    for (Map.Entry<String, ConfigKey> k : known.entrySet()) {
      String name = envName(k.getKey());
      String raw = env.get(name);
      if (raw == null && !k.getValue().list()) {
        // a single key's alias (WSMON_CORRELATION for correlate)
        for (String alias : k.getValue().aliases()) {
          if (env.get(envName(alias)) != null) {
            name = envName(alias);
            raw = env.get(name);
          }
        }
      }
      if (raw == null) {
        continue;
      }
      Object value = raw;
      if (k.getValue().list()) {
        value = listFromEnv(name, raw, k.getValue());
      }
      put(k.getKey(), value, name);
    }
    for (String name : new java.util.TreeSet<>(env.keySet())) {
      int split = name.indexOf("__");
      if (!name.startsWith("WSMON_") || split < 0) {
        continue;
      }
      String top = name.substring(0, split);
      for (String key : known.keySet()) {
        if (envName(key).equals(top)) {
          putNested(key, name, name.substring(split + 2).split("__", -1), env.get(name));
        }
      }
    }
    return this;
  }

  private static JsonArray listFromEnv(String name, String raw, ConfigKey key) {
    String trimmed = raw.trim();
    if (trimmed.startsWith("[")) {
      try {
        return new JsonArray(trimmed);
      } catch (DecodeException e) {
        throw new ConfigException(
            "invalid "
                + name
                + ": a value starting with [ must be a JSON array: "
                + firstLine(e.getMessage()));
      }
    }
    JsonArray items = new JsonArray();
    for (String part : raw.split(key.commaSeparated() ? "[\n,]" : "\n")) {
      if (!part.isBlank()) {
        items.add(part.trim());
      }
    }
    return items;
  }

  private void putNested(String key, String name, String[] path, String value) {
    Object current = values.getValue(key);
    Object root =
        current instanceof JsonObject o
            ? o.copy()
            : current instanceof JsonArray a ? a.copy() : new JsonObject();
    Object container = root;
    for (int i = 0; i < path.length; i++) {
      String seg = path[i];
      if (seg.isEmpty()) {
        throw new ConfigException("invalid environment variable name " + name + ": empty part");
      }
      boolean last = i == path.length - 1;
      if (container instanceof JsonArray array) {
        int index;
        try {
          index = Integer.parseInt(seg);
        } catch (NumberFormatException e) {
          throw new ConfigException(
              "invalid " + name + ": '" + seg + "' must be a list index (0, 1, ...)");
        }
        if (index < 0 || index > array.size()) {
          throw new ConfigException(
              "invalid "
                  + name
                  + ": list index "
                  + index
                  + " is out of range (size "
                  + array.size()
                  + ")");
        }
        if (last) {
          if (index == array.size()) {
            array.add(value);
          } else {
            array.set(index, value);
          }
        } else {
          Object child = index < array.size() ? array.getValue(index) : null;
          if (child != null && !(child instanceof JsonObject) && !(child instanceof JsonArray)) {
            throw new ConfigException(
                "invalid "
                    + name
                    + ": item "
                    + index
                    + " of "
                    + key
                    + " is the text value '"
                    + Redaction.text(String.valueOf(child))
                    + "', not a mapping; write it as a mapping (e.g. {uri: ...}) to set its keys");
          }
          if (child == null) {
            child = new JsonObject();
            if (index == array.size()) {
              array.add(child);
            } else {
              array.set(index, child);
            }
          }
          container = child;
        }
      } else {
        JsonObject object = (JsonObject) container;
        String field = camel(seg.toLowerCase(Locale.ROOT));
        if (last) {
          object.put(field, value);
        } else {
          Object child = object.getValue(field);
          if (!(child instanceof JsonObject) && !(child instanceof JsonArray)) {
            child = new JsonObject();
            object.put(field, child);
          }
          container = child;
        }
      }
    }
    put(key, root, name);
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
      doc =
          new Load(
                  LoadSettings.builder()
                      .setSchema(new CoreSchema())
                      .setLabel(file.toString())
                      .build())
              .loadFromString(text);
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

  /**
   * The mapping as JSON; a merge key ({@code <<: *base} or {@code <<: [*a, *b]}, a YAML 1.1 type
   * that YAML 1.2 parsers leave as a plain key) adds the keys of the merged mappings that the
   * mapping does not set itself, the first merged mapping winning.
   */
  private static Map<String, Object> toJsonMap(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach(
        (k, v) -> {
          if (!MERGE_KEY.equals(k)) {
            out.put(String.valueOf(k), toJsonValue(v));
          }
        });
    Object merge = map.get(MERGE_KEY);
    List<?> sources = merge instanceof List<?> l ? l : merge == null ? List.of() : List.of(merge);
    for (Object source : sources) {
      if (!(source instanceof Map<?, ?> m)) {
        throw new ConfigException("a merge key (<<) must name a mapping or a list of mappings");
      }
      toJsonMap(m).forEach(out::putIfAbsent);
    }
    return out;
  }

  private static final String MERGE_KEY = "<<";

  private static Object toJsonValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      return new JsonObject(toJsonMap(m));
    }
    if (v instanceof List<?> l) {
      List<Object> items = new ArrayList<>(l.size());
      l.forEach(i -> items.add(toJsonValue(i)));
      return new JsonArray(items);
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
