package dev.wsmon.runner.config;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ReconnectPolicy;
import dev.wsmon.core.internal.TlsFiles;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The connection settings of {@code run} and {@code monitor}, read from merged configuration into
 * the flat JSON of {@link ConnectionOptions} (with the {@link ReconnectPolicy} keys), so both
 * commands build their endpoints through the options' JSON constructors: one vocabulary, one set of
 * defaults, one validation. The CLI adds only the typing of text values and where a bad value came
 * from (see {@link ConnectionKeys}).
 */
public final class ConnectionConfig {

  /** The URI of the endpoint that checks the settings before there is a real one. */
  private static final String PROBE_URI = "ws://127.0.0.1/";

  private final JsonObject json;
  private final Map<String, String> origins;

  private ConnectionConfig(JsonObject json, Map<String, String> origins) {
    this.json = json;
    this.origins = origins;
  }

  /**
   * Reads the connection keys ({@link ConnectionKeys#KEYS} and their aliases) of {@code values},
   * each typed and checked on its own; other keys are ignored.
   *
   * @param values merged settings
   * @param origin where a key's value came from ({@code --jitter}, {@code WSMON_JITTER}, {@code
   *     jitter in f.yaml})
   * @throws ConfigException naming the origin and the value of the first bad setting
   */
  public static ConnectionConfig read(JsonObject values, UnaryOperator<String> origin) {
    JsonObject json = new JsonObject();
    Map<String, String> origins = new LinkedHashMap<>();
    // aliases first, so the options' own names win (verifyHost over the false insecure implies)
    for (String key : ConnectionKeys.ALIASES.keySet()) {
      add(json, origins, key, values.getValue(key), origin.apply(key));
    }
    for (String key : ConnectionKeys.KEYS) {
      add(json, origins, key, values.getValue(key), origin.apply(key));
    }
    return new ConnectionConfig(json, origins);
  }

  private static void add(
      JsonObject json, Map<String, String> origins, String key, Object value, String origin) {
    if (value == null) {
      return;
    }
    JsonObject entries = ConnectionKeys.toOptionJson(key, value, origin);
    json.mergeIn(entries);
    entries.fieldNames().forEach(name -> origins.put(name, origin));
  }

  /** The settings as option JSON (flat keys, no {@code uri}), a copy. */
  public JsonObject json() {
    return json.copy();
  }

  /** Whether no connection setting was given. */
  public boolean isEmpty() {
    return json.isEmpty();
  }

  /**
   * An endpoint: these settings with {@code own} over them, through {@link
   * ConnectionOptions#ConnectionOptions(JsonObject)}.
   *
   * @param own the endpoint's keys ({@code uri}, {@code group}, ...), over these settings
   * @throws ConfigException when the options reject the combination, naming the setting's origin
   */
  public ConnectionOptions endpoint(JsonObject own) {
    try {
      return new ConnectionOptions(json.copy().mergeIn(own));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid " + originOf(e.getMessage()) + ": " + e.getMessage());
    }
  }

  /**
   * The options these settings give an endpoint, checked as a whole (the defaults of every key not
   * given); the URI is a placeholder.
   *
   * @throws ConfigException when the options reject the combination
   */
  public ConnectionOptions defaults() {
    return endpoint(new JsonObject().put("uri", PROBE_URI));
  }

  /**
   * The reconnect policy of these settings, through {@link
   * ReconnectPolicy#ReconnectPolicy(JsonObject)}.
   */
  public ReconnectPolicy reconnectPolicy() {
    JsonObject policy = new JsonObject();
    for (String key : ReconnectPolicy.JSON_KEYS) {
      if (json.containsKey(key)) {
        policy.put(key, json.getValue(key));
      }
    }
    try {
      return new ReconnectPolicy(policy);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid " + originOf(e.getMessage()) + ": " + e.getMessage());
    }
  }

  /**
   * Opens the TLS files these settings name, so a missing file or a wrong password is a
   * configuration error rather than a failed connection.
   *
   * @throws ConfigException naming the file, never the password
   */
  public void checkTlsFiles() {
    ConnectionOptions probe = defaults();
    try {
      TlsFiles.check(probe);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("TLS settings: " + e.getMessage());
    }
  }

  /**
   * The origin of the setting a validation message names: the key it starts with, else the first
   * key it mentions, else "connection settings".
   */
  private String originOf(String message) {
    String text = message == null ? "" : message;
    String best = null;
    for (String key : origins.keySet()) {
      if (text.startsWith(key) && (best == null || key.length() > best.length())) {
        best = key;
      }
    }
    if (best == null) {
      for (String key : origins.keySet()) {
        if (java.util.regex.Pattern.compile("\\b" + key + "\\b").matcher(text).find()) {
          best = key;
          break;
        }
      }
    }
    return best == null ? "connection settings" : origins.get(best);
  }
}
