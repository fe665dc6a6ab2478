package dev.wsmon.runner.config;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ReconnectPolicy;
import dev.wsmon.core.Redaction;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The connection settings of {@code run} and {@code monitor} in one vocabulary: the JSON names of
 * {@link ConnectionOptions} and {@link ReconnectPolicy} (flat), read through their JSON
 * constructors, so both commands share the options' defaults and validation. The CLI only types the
 * text of flags and {@code WSMON_*} variables, maps the documented aliases ({@code correlate} for
 * {@code correlation}, {@code insecure} for {@code trustAll} and no host check) and names where a
 * bad value came from.
 */
public final class ConnectionKeys {

  /** Old {@code run} key names, still accepted: alias → the option's JSON name. */
  public static final Map<String, String> ALIASES =
      Map.of("correlate", "correlation", "insecure", "trustAll");

  /**
   * Every connection key a command accepts at the top level (for every endpoint): the options' JSON
   * names, without {@code uri}, {@code group} and the nested or object-valued ones.
   */
  public static final List<String> KEYS;

  /** Keys whose value is true or false. */
  public static final Set<String> BOOLEANS =
      Set.of(
          "perMessageDeflate",
          "trustAll",
          "verifyHost",
          "validateUtf8",
          "autoReconnect",
          "honourRetryAfter");

  private static final Set<String> INT_LISTS =
      Set.of("nonRetriedStatuses", "nonRetriedCloseCodes", "retryAfterStatuses");

  private static final Set<String> LISTS =
      Set.of(
          "subprotocols",
          "sourceAddresses",
          "nonRetriedStatuses",
          "nonRetriedCloseCodes",
          "retryAfterStatuses");

  private static final Set<String> DURATIONS =
      Set.of(
          "connectTimeout",
          "pingInterval",
          "pongTimeout",
          "rampUp",
          "maxSilence",
          "reconnectDelay",
          "maxReconnectDelay",
          "stableAfter");

  private static final Set<String> NOT_TOP_LEVEL =
      Set.of(
          "uri",
          "group",
          "reconnectPolicy",
          "pemTrustOptions",
          "trustStoreOptions",
          "pfxTrustOptions",
          "pemKeyCertOptions",
          "keyStoreOptions",
          "pfxKeyCertOptions");

  static {
    List<String> keys = new ArrayList<>();
    for (String key : ConnectionOptions.JSON_KEYS) {
      if (!NOT_TOP_LEVEL.contains(key)) {
        keys.add(key);
      }
    }
    keys.addAll(ReconnectPolicy.JSON_KEYS);
    KEYS = List.copyOf(keys);
  }

  private ConnectionKeys() {}

  /** Whether {@code key} is a connection key or one of its aliases. */
  public static boolean isConnectionKey(String key) {
    return KEYS.contains(key) || ALIASES.containsKey(key);
  }

  /**
   * The option JSON for one setting: the alias mapped ({@code insecure: true} also turns the host
   * check off), text typed ({@code "yes"} for a boolean, {@code "Name: value"} lines for headers),
   * checked by the options' own JSON constructor.
   *
   * @param key a connection key or alias
   * @param value the value as read (text from flags and the environment)
   * @param origin where it came from ({@code --jitter}, {@code WSMON_JITTER}, {@code jitter in
   *     f.yaml})
   * @return one or two option JSON entries
   * @throws ConfigException naming the origin and the bad value
   */
  public static JsonObject toOptionJson(String key, Object value, String origin) {
    String name = ALIASES.getOrDefault(key, key);
    JsonObject json = new JsonObject();
    try {
      json.put(name, typed(name, value));
      if (name.equals("trustAll") && Boolean.TRUE.equals(json.getValue(name))) {
        json.put("verifyHost", false);
      }
      new ConnectionOptions(json.copy().put("uri", "ws://127.0.0.1/"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "invalid "
              + origin
              + " value '"
              + Redaction.text(String.valueOf(value))
              + "': "
              + e.getMessage());
    }
    return json;
  }

  /**
   * A value in the type its option needs: booleans from {@code true/false/yes/no/on/off/1/0},
   * headers from {@code "Name: value"} lines; everything else as given (the options parse numbers
   * and durations from text themselves).
   *
   * @throws IllegalArgumentException for a value that cannot be typed
   */
  public static Object typed(String key, Object value) {
    if (BOOLEANS.contains(key)) {
      return bool(key, value);
    }
    if (key.equals("headers") && value instanceof JsonArray lines) {
      JsonObject headers = new JsonObject();
      for (Object line : lines) {
        String text = String.valueOf(line);
        int colon = text.indexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException("write headers as 'Name: value'");
        }
        headers.put(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
      }
      return headers;
    }
    if (DURATIONS.contains(key) && value instanceof String s && s.trim().matches("[0-9]{1,18}")) {
      return Long.parseLong(s.trim());
    }
    if (LISTS.contains(key) && value instanceof String s) {
      JsonArray items = new JsonArray();
      for (String item : s.split(",")) {
        if (!item.isBlank()) {
          items.add(INT_LISTS.contains(key) ? Integer.valueOf(item.trim()) : item.trim());
        }
      }
      return items;
    }
    if (INT_LISTS.contains(key) && value instanceof JsonArray items) {
      JsonArray ints = new JsonArray();
      for (Object item : items) {
        for (String part : String.valueOf(item).split(",")) {
          if (!part.isBlank()) {
            ints.add(Integer.valueOf(part.trim()));
          }
        }
      }
      return ints;
    }
    return value;
  }

  /**
   * The one boolean parser of the command line: {@code true/yes/on/1} and {@code false/no/off/0},
   * any case.
   *
   * @throws IllegalArgumentException naming the key otherwise
   */
  public static boolean bool(String key, Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    String s = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new IllegalArgumentException(key + " must be true or false, got " + value);
    };
  }
}
