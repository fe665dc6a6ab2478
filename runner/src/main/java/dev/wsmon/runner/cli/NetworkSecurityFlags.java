package dev.wsmon.runner.cli;

import dev.wsmon.runner.config.ConfigSource;
import dev.wsmon.runner.config.NetworkSettings;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The TLS trust, client certificate and proxy flags shared by {@code run} and {@code monitor} (a
 * picocli mixin). Each flag's config key is its camelCase ({@code --trust-store} ↔ {@code
 * trustStore}); passwords are better given by environment ({@code WSMON_TRUST_STORE_PASSWORD},
 * {@code WSMON_KEY_STORE_PASSWORD}) or the config file than on the command line, where other local
 * users can see them.
 */
public final class NetworkSecurityFlags {

  @Option(
      names = "--trust-store",
      paramLabel = "FILE",
      description =
          "Trust the CA certificates in FILE (PEM, JKS or PKCS12) instead of the JVM's default;"
              + " verification and host name checks stay on.")
  Path trustStore;

  @Option(
      names = "--trust-store-type",
      paramLabel = "pem|jks|pkcs12",
      description = "Format of --trust-store (default: from the extension).")
  String trustStoreType;

  @Option(
      names = "--trust-store-password",
      paramLabel = "PASSWORD",
      description =
          "Password of a JKS or PKCS12 trust store (better: env WSMON_TRUST_STORE_PASSWORD).")
  String trustStorePassword;

  @Option(
      names = "--cert-file",
      paramLabel = "FILE",
      description = "Client certificate for mutual TLS, PEM (with --key-file).")
  Path certFile;

  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      description = "Unencrypted PEM private key of --cert-file.")
  Path keyFile;

  @Option(
      names = "--key-store",
      paramLabel = "FILE",
      description = "Client certificate and key for mutual TLS as a JKS or PKCS12 file.")
  Path keyStore;

  @Option(
      names = "--key-store-type",
      paramLabel = "jks|pkcs12",
      description = "Format of --key-store (default: from the extension).")
  String keyStoreType;

  @Option(
      names = "--key-store-password",
      paramLabel = "PASSWORD",
      description = "Password of --key-store (better: env WSMON_KEY_STORE_PASSWORD).")
  String keyStorePassword;

  @Option(
      names = "--proxy",
      paramLabel = "URL",
      description =
          "Connect through a proxy: http://[user:pass@]HOST:PORT (CONNECT tunnel),"
              + " socks5://[user:pass@]HOST:PORT or socks4://[user@]HOST:PORT. Credentials are"
              + " masked in all output.")
  String proxy;

  /**
   * The values given by flag or, for a flag not given, by {@code WSMON_*} environment variable
   * (used by {@code monitor}; {@code run} reads its flags generically with the others).
   */
  NetworkSettings read(Map<String, String> env) {
    JsonObject values = new JsonObject();
    Object[] given = {
      trustStore,
      trustStoreType,
      trustStorePassword,
      certFile,
      keyFile,
      keyStore,
      keyStoreType,
      keyStorePassword,
      proxy
    };
    Map<String, String> origins = new java.util.HashMap<>();
    for (int i = 0; i < given.length; i++) {
      String key = NetworkSettings.KEYS.get(i);
      String flag = "--" + key.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
      if (given[i] != null) {
        values.put(key, given[i].toString());
        origins.put(key, flag);
      } else if (env.get(ConfigSource.envName(key)) != null) {
        values.put(key, env.get(ConfigSource.envName(key)));
        origins.put(key, ConfigSource.envName(key));
      }
    }
    return NetworkSettings.read(values, key -> origins.getOrDefault(key, key));
  }
}
