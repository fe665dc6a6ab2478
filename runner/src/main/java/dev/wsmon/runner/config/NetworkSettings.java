package dev.wsmon.runner.config;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.StoreType;
import dev.wsmon.core.internal.TlsFiles;
import dev.wsmon.wrapper.monitor.MonitorOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The TLS trust, client certificate and proxy settings of a run or monitor ({@code trustStore},
 * {@code trustStoreType}, {@code trustStorePassword}, {@code certFile}, {@code keyFile}, {@code
 * keyStore}, {@code keyStoreType}, {@code keyStorePassword}, {@code proxy}), checked at once: every
 * file is opened so a missing file or a wrong password is a configuration error (exit 2) rather
 * than a failed connection. Messages never contain a password or proxy credentials.
 */
public final class NetworkSettings {

  /** The config keys, in config-file spelling. */
  public static final List<String> KEYS = MonitorOptions.ENDPOINT_DEFAULT_KEYS;

  private static final List<String> ENDPOINT_KEYS =
      List.of(
          "trustStore",
          "trustStoreType",
          "trustStorePassword",
          "pemTrustOptions",
          "trustStoreOptions",
          "pfxTrustOptions",
          "certFile",
          "keyFile",
          "keyStore",
          "keyStoreType",
          "keyStorePassword",
          "pemKeyCertOptions",
          "keyStoreOptions",
          "pfxKeyCertOptions",
          "proxy");

  /** Settings where nothing is set. */
  public static final NetworkSettings NONE = new NetworkSettings(new JsonObject());

  private final JsonObject values;

  private NetworkSettings(JsonObject values) {
    this.values = values;
  }

  /**
   * Reads and checks the keys of {@link #KEYS} found in {@code v}.
   *
   * @param v merged settings (other keys are ignored)
   * @param origin says where a key came from, for messages
   * @throws ConfigException naming the problem
   */
  public static NetworkSettings read(
      JsonObject v, java.util.function.UnaryOperator<String> origin) {
    JsonObject mine = new JsonObject();
    for (String key : KEYS) {
      Object value = v.getValue(key);
      if (value == null) {
        continue;
      }
      if (!(value instanceof String || value instanceof Number)) {
        throw new ConfigException(
            "invalid " + origin.apply(key) + ": expected a text value (a file, a type or a URI)");
      }
      mine.put(key, value.toString());
    }
    NetworkSettings settings = new NetworkSettings(mine);
    if (mine.isEmpty()) {
      return settings;
    }
    for (String key : KEYS) {
      if (mine.containsKey(key)) {
        try {
          check(key, mine.getString(key));
        } catch (IllegalArgumentException e) {
          throw new ConfigException("invalid " + origin.apply(key) + ": " + e.getMessage());
        }
      }
    }
    try {
      TlsFiles.check(new ConnectionOptions(mine));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("TLS settings: " + e.getMessage());
    }
    return settings;
  }

  /** Whether a proxy is set. */
  public boolean hasProxy() {
    return values.containsKey("proxy");
  }

  /**
   * Sets these settings on an endpoint, overriding its own.
   *
   * @param options the endpoint
   * @return {@code options}
   */
  public ConnectionOptions applyTo(ConnectionOptions options) {
    JsonObject own = options.toJson();
    JsonObject json = new JsonObject();
    for (String key : ENDPOINT_KEYS) {
      if (own.containsKey(key)) {
        json.put(key, own.getValue(key));
      }
    }
    if (values.containsKey("trustStore")) {
      removeAll(json, "trustStoreType", "pemTrustOptions", "trustStoreOptions", "pfxTrustOptions");
    }
    if (values.containsKey("keyStore") && !values.containsKey("certFile")) {
      removeAll(json, "keyStoreType", "certFile", "keyFile");
    }
    if (values.containsKey("certFile") && !values.containsKey("keyStore")) {
      removeAll(json, "keyStore");
    }
    if (values.containsKey("certFile") || values.containsKey("keyStore")) {
      removeAll(json, "pemKeyCertOptions", "keyStoreOptions", "pfxKeyCertOptions");
    }
    ConnectionOptions merged = new ConnectionOptions(json.mergeIn(values));
    return options
        .setTrustOptions(merged.getTrustOptions())
        .setKeyCertOptions(merged.getKeyCertOptions())
        .setProxyOptions(merged.getProxyOptions());
  }

  private static void removeAll(JsonObject json, String... keys) {
    for (String key : keys) {
      json.remove(key);
    }
  }

  private static void check(String key, String value) {
    switch (key) {
      case "trustStoreType", "keyStoreType" -> StoreType.parse(value);
      case "proxy" -> new ConnectionOptions(new JsonObject().put("proxy", value));
      case "trustStorePassword", "keyStorePassword" -> {}
      default -> {
        if (value.isBlank()) {
          throw new IllegalArgumentException(key + " must not be blank");
        }
      }
    }
  }
}
