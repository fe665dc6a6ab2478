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
    ConnectionOptions probe = new ConnectionOptions("ws://localhost/");
    for (String key : KEYS) {
      if (mine.containsKey(key)) {
        try {
          settings.apply(probe, key);
        } catch (IllegalArgumentException e) {
          throw new ConfigException("invalid " + origin.apply(key) + ": " + e.getMessage());
        }
      }
    }
    try {
      TlsFiles.check(probe);
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
    if (values.containsKey("keyStore") && !values.containsKey("certFile")) {
      options.setCertFile(null).setKeyFile(null);
    }
    for (String key : KEYS) {
      if (values.containsKey(key)) {
        apply(options, key);
      }
    }
    if (values.containsKey("certFile") && !values.containsKey("keyStore")) {
      options.setKeyStore(null);
    }
    return options;
  }

  private void apply(ConnectionOptions o, String key) {
    String s = values.getString(key);
    switch (key) {
      case "trustStore" -> o.setTrustStore(s).setTrustOptions(null);
      case "trustStoreType" -> o.setTrustStoreType(StoreType.parse(s));
      case "trustStorePassword" -> o.setTrustStorePassword(s);
      case "certFile" -> o.setCertFile(s);
      case "keyFile" -> o.setKeyFile(s);
      case "keyStore" -> o.setKeyStore(s);
      case "keyStoreType" -> o.setKeyStoreType(StoreType.parse(s));
      case "keyStorePassword" -> o.setKeyStorePassword(s);
      case "proxy" -> o.setProxy(s);
      default -> throw new IllegalStateException(key);
    }
  }
}
