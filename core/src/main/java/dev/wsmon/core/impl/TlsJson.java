package dev.wsmon.core.impl;

import dev.wsmon.core.Redaction;
import dev.wsmon.core.StoreType;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.KeyStoreOptionsBase;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.TrustOptions;
import java.util.List;

/**
 * The TLS keys of a connection options' flat JSON form and the Vert.x options they stand for. Trust
 * is {@code trustStore} ({@code trustStoreType}, {@code trustStorePassword}) or one of the Vert.x
 * objects {@code pemTrustOptions}, {@code trustStoreOptions}, {@code pfxTrustOptions}; the client
 * certificate is {@code certFile} + {@code keyFile}, {@code keyStore} ({@code keyStoreType}, {@code
 * keyStorePassword}) or one of {@code pemKeyCertOptions}, {@code keyStoreOptions}, {@code
 * pfxKeyCertOptions}. Written back as the flat keys whenever the options are a single file.
 */
public final class TlsJson {

  /** The trust keys. */
  public static final List<String> TRUST_KEYS =
      List.of(
          "pemTrustOptions",
          "trustStoreOptions",
          "pfxTrustOptions",
          "trustStore",
          "trustStoreType",
          "trustStorePassword");

  /** The client certificate keys. */
  public static final List<String> KEY_CERT_KEYS =
      List.of(
          "certFile",
          "keyFile",
          "keyStore",
          "keyStoreType",
          "keyStorePassword",
          "pemKeyCertOptions",
          "keyStoreOptions",
          "pfxKeyCertOptions");

  private static final List<String> SECRET_OBJECTS =
      List.of("trustStoreOptions", "pfxTrustOptions", "keyStoreOptions", "pfxKeyCertOptions");

  private TlsJson() {}

  /**
   * The trust given by {@code json}, or {@code null} for the JVM default.
   *
   * @throws IllegalArgumentException naming the key when a value is bad or two ways are given
   */
  public static TrustOptions trust(JsonObject json) {
    TrustOptions object = null;
    int objects = 0;
    if (json.containsKey("pemTrustOptions")) {
      object = new PemTrustOptions(JsonOptions.object(json, "pemTrustOptions"));
      objects++;
    }
    if (json.containsKey("trustStoreOptions")) {
      object = new JksOptions(JsonOptions.object(json, "trustStoreOptions"));
      objects++;
    }
    if (json.containsKey("pfxTrustOptions")) {
      object = new PfxOptions(JsonOptions.object(json, "pfxTrustOptions"));
      objects++;
    }
    String path = notBlank(json, "trustStore");
    StoreType type = type(json, "trustStoreType");
    String password = password(json, "trustStorePassword");
    if (objects > 1 || (objects == 1 && path != null)) {
      throw new IllegalArgumentException(
          "give trust either as trustStore or as pemTrustOptions/trustStoreOptions/pfxTrustOptions,"
              + " not both");
    }
    if (path == null) {
      return object;
    }
    return switch (resolve("trustStore", path, type)) {
      case PEM -> new PemTrustOptions().addCertPath(path);
      case JKS -> new JksOptions().setPath(path).setPassword(password);
      case PKCS12 -> new PfxOptions().setPath(path).setPassword(password);
    };
  }

  /**
   * The client certificate given by {@code json}, or {@code null} for none.
   *
   * @throws IllegalArgumentException naming the key when a value is bad, a key misses its partner
   *     or two ways are given
   */
  public static KeyCertOptions keyCert(JsonObject json) {
    KeyCertOptions object = null;
    int objects = 0;
    if (json.containsKey("pemKeyCertOptions")) {
      object = new PemKeyCertOptions(JsonOptions.object(json, "pemKeyCertOptions"));
      objects++;
    }
    if (json.containsKey("keyStoreOptions")) {
      object = new JksOptions(JsonOptions.object(json, "keyStoreOptions"));
      objects++;
    }
    if (json.containsKey("pfxKeyCertOptions")) {
      object = new PfxOptions(JsonOptions.object(json, "pfxKeyCertOptions"));
      objects++;
    }
    String certFile = notBlank(json, "certFile");
    String keyFile = notBlank(json, "keyFile");
    String store = notBlank(json, "keyStore");
    StoreType type = type(json, "keyStoreType");
    String password = password(json, "keyStorePassword");
    if (type == StoreType.PEM) {
      throw new IllegalArgumentException(
          "keyStoreType must be jks or pkcs12; give a PEM client certificate as certFile and"
              + " keyFile");
    }
    if (certFile != null && keyFile == null) {
      throw new IllegalArgumentException("certFile needs keyFile (the client's private key, PEM)");
    }
    if (keyFile != null && certFile == null) {
      throw new IllegalArgumentException("keyFile needs certFile (the client certificate, PEM)");
    }
    int ways = objects + (certFile != null ? 1 : 0) + (store != null ? 1 : 0);
    if (ways > 1) {
      throw new IllegalArgumentException(
          "give the client certificate one way: certFile/keyFile, keyStore or"
              + " pemKeyCertOptions/keyStoreOptions/pfxKeyCertOptions, not several");
    }
    if (certFile != null) {
      return new PemKeyCertOptions().setCertPath(certFile).setKeyPath(keyFile);
    }
    if (store == null) {
      return object;
    }
    StoreType resolved = resolve("keyStore", store, type);
    if (resolved == StoreType.PEM) {
      throw new IllegalArgumentException(
          "keyStore must be JKS or PKCS12; give a PEM client certificate as certFile and keyFile");
    }
    return resolved == StoreType.JKS
        ? new JksOptions().setPath(store).setPassword(password)
        : new PfxOptions().setPath(store).setPassword(password);
  }

  /** Writes {@code trust} into {@code json}: flat keys for a single file, else its object key. */
  public static void writeTrust(TrustOptions trust, JsonObject json) {
    if (trust instanceof PemTrustOptions pem) {
      if (pem.getCertPaths().size() == 1 && pem.getCertValues().isEmpty()) {
        json.put("trustStore", pem.getCertPaths().get(0))
            .put("trustStoreType", StoreType.PEM.configName());
      } else {
        json.put("pemTrustOptions", pem.toJson());
      }
    } else if (trust instanceof JksOptions jks) {
      writeStore(jks, StoreType.JKS, "trustStore", "trustStoreOptions", json);
    } else if (trust instanceof PfxOptions pfx) {
      writeStore(pfx, StoreType.PKCS12, "trustStore", "pfxTrustOptions", json);
    }
  }

  /** Writes {@code keyCert} into {@code json}: flat keys for single files, else its object key. */
  public static void writeKeyCert(KeyCertOptions keyCert, JsonObject json) {
    if (keyCert instanceof PemKeyCertOptions pem) {
      if (pem.getCertPaths().size() == 1
          && pem.getKeyPaths().size() == 1
          && pem.getCertValues().isEmpty()
          && pem.getKeyValues().isEmpty()) {
        json.put("certFile", pem.getCertPath()).put("keyFile", pem.getKeyPath());
      } else {
        json.put("pemKeyCertOptions", pem.toJson());
      }
    } else if (keyCert instanceof JksOptions jks) {
      writeStore(jks, StoreType.JKS, "keyStore", "keyStoreOptions", json);
    } else if (keyCert instanceof PfxOptions pfx) {
      writeStore(pfx, StoreType.PKCS12, "keyStore", "pfxKeyCertOptions", json);
    }
  }

  private static void writeStore(
      KeyStoreOptionsBase store, StoreType type, String key, String objectKey, JsonObject json) {
    boolean flat =
        store.getPath() != null
            && store.getValue() == null
            && store.getAlias() == null
            && store.getAliasPassword() == null;
    if (!flat) {
      json.put(
          objectKey,
          store instanceof JksOptions jks ? jks.toJson() : ((PfxOptions) store).toJson());
      return;
    }
    json.put(key, store.getPath()).put(key + "Type", type.configName());
    if (store.getPassword() != null) {
      json.put(key + "Password", store.getPassword());
    }
  }

  /** Masks the passwords and in-memory keys of a JSON form written by this class. */
  public static void mask(JsonObject json) {
    for (String key : List.of("trustStorePassword", "keyStorePassword")) {
      if (json.containsKey(key)) {
        json.put(key, Redaction.MASK);
      }
    }
    for (String key : SECRET_OBJECTS) {
      JsonObject store = json.getJsonObject(key);
      if (store == null) {
        continue;
      }
      for (String secret : List.of("password", "aliasPassword", "value")) {
        if (store.containsKey(secret)) {
          store.put(secret, Redaction.MASK);
        }
      }
    }
    JsonObject pem = json.getJsonObject("pemKeyCertOptions");
    if (pem != null && pem.containsKey("keyValues")) {
      pem.put("keyValues", Redaction.MASK);
    }
  }

  private static StoreType resolve(String key, String path, StoreType given) {
    if (given != null) {
      return given;
    }
    StoreType guessed = StoreType.guess(path);
    if (guessed == null) {
      throw new IllegalArgumentException(
          "cannot tell the format of "
              + key
              + " '"
              + path
              + "' from its name: set "
              + key
              + "Type to pem, jks or pkcs12");
    }
    return guessed;
  }

  private static String notBlank(JsonObject json, String key) {
    if (!json.containsKey(key)) {
      return null;
    }
    String value = JsonOptions.string(json, key);
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException(key + " must not be blank");
    }
    return value;
  }

  private static String password(JsonObject json, String key) {
    return json.containsKey(key) ? JsonOptions.string(json, key) : null;
  }

  private static StoreType type(JsonObject json, String key) {
    if (!json.containsKey(key)) {
      return null;
    }
    try {
      return StoreType.parse(JsonOptions.string(json, key));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage());
    }
  }
}
