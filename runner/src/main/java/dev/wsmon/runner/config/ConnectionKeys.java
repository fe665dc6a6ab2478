package dev.wsmon.runner.config;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ReconnectPolicy;
import dev.wsmon.core.Redaction;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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
          "honourRetryAfter",
          "retryRefusals");

  /** Keys whose value is text: a number written for them (a password, a field name) is its text. */
  private static final Set<String> TEXTS =
      Set.of(
          "trustStore",
          "trustStoreType",
          "trustStorePassword",
          "certFile",
          "keyFile",
          "keyStore",
          "keyStoreType",
          "keyStorePassword",
          "proxy",
          "localAddress",
          "seqField",
          "tsField");

  /** The TLS trust, client certificate and proxy keys. */
  private static final Set<String> TLS = Set.copyOf(NetworkSettings.KEYS);

  /** Keys whose value never appears in a message (it may hold a secret). */
  private static final Set<String> SECRETS =
      Set.of("headers", "trustStorePassword", "keyStorePassword", "proxy");

  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

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

  /**
   * How {@code run} and {@code monitor} read each of {@link #KEYS} from files and {@code WSMON_*}
   * variables: the list keys with their singular spellings, and the {@link #ALIASES} as aliases of
   * the options' names.
   */
  public static final Map<String, ConfigKey> CONFIG_KEYS;

  static {
    List<String> keys = new ArrayList<>();
    for (String key : ConnectionOptions.JSON_KEYS) {
      if (!NOT_TOP_LEVEL.contains(key)) {
        keys.add(key);
      }
    }
    keys.addAll(ReconnectPolicy.JSON_KEYS);
    KEYS = List.copyOf(keys);
    Map<String, ConfigKey> config = new LinkedHashMap<>();
    for (String key : KEYS) {
      config.put(
          key,
          switch (key) {
            case "headers" -> ConfigKey.linesOf("header");
            case "subprotocols" -> ConfigKey.listOf("subprotocol");
            case "sourceAddresses",
                "nonRetriedStatuses",
                "nonRetriedCloseCodes",
                "retryAfterStatuses" ->
                ConfigKey.listOf();
            default -> ConfigKey.single();
          });
    }
    ALIASES.forEach((alias, key) -> config.put(key, new ConfigKey(false, false, Set.of(alias))));
    CONFIG_KEYS = Collections.unmodifiableMap(config);
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
      if (ReconnectPolicy.JSON_KEYS.contains(name)) {
        new ReconnectPolicy(json);
      } else if (TLS.contains(name)) {
        // the TLS keys hold together (certFile needs keyFile): ConnectionConfig checks them as one
        if (!(json.getValue(name) instanceof String text) || text.isBlank()) {
          throw new IllegalArgumentException(
              name + " must be a text value (a file, a type or a URI)");
        }
      } else {
        new ConnectionOptions(json.copy().put("uri", "ws://127.0.0.1/"));
      }
    } catch (IllegalArgumentException e) {
      throw ConfigException.invalid(origin, shown(name, value), e.getMessage());
    }
    return json;
  }

  /** The value as a message shows it: none for a secret, a one-item list as its item. */
  private static Object shown(String key, Object value) {
    if (SECRETS.contains(key)) {
      return null;
    }
    return value instanceof JsonArray list && list.size() == 1 ? list.getValue(0) : value;
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
    if (key.equals("headers")) {
      return headers(value);
    }
    if (TEXTS.contains(key) && value instanceof Number n) {
      return n.toString();
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
   * Headers as option JSON, from {@code "Name: value"} lines or an object; a name must be an HTTP
   * token and a value must not break the line.
   */
  private static JsonObject headers(Object value) {
    JsonObject headers = new JsonObject();
    if (value instanceof JsonObject map) {
      map.forEach(
          e ->
              headers.put(
                  e.getKey(),
                  e.getValue() instanceof Number || e.getValue() instanceof Boolean
                      ? e.getValue().toString()
                      : e.getValue()));
    } else {
      JsonArray lines = value instanceof JsonArray a ? a : new JsonArray().add(value);
      for (Object line : lines) {
        if (!(line instanceof String text)) {
          throw new IllegalArgumentException("write headers as 'Name: value' lines");
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
          String first = text.strip().split("\\s", 2)[0];
          throw new IllegalArgumentException(
              "write headers as 'Name: value', got '"
                  + Redaction.text(text.strip().equals(first) ? first : first + " ...")
                  + "'");
        }
        headers.put(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
      }
    }
    for (String name : headers.fieldNames()) {
      if (!HEADER_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("'" + name + "' is not a valid header name");
      }
      if (headers.getValue(name) instanceof String v
          && (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0)) {
        throw new IllegalArgumentException(
            "the value of header " + name + " must not contain line breaks");
      }
    }
    return headers;
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
