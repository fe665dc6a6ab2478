package dev.wsmon.core.impl;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.Redaction;
import dev.wsmon.core.StoreType;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.KeyStoreOptionsBase;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/**
 * The trust and client certificate of an endpoint ({@link ConnectionOptions#getTrustOptions()},
 * {@link ConnectionOptions#getKeyCertOptions()}), as a value that can be part of a {@link
 * ClientKey}. {@link #toString()} hides the passwords and in-memory keys.
 */
public record ClientTls(TrustOptions trust, KeyCertOptions keyCert) {

  /** The TLS settings of {@code o}. */
  public static ClientTls of(ConnectionOptions o) {
    return new ClientTls(o.getTrustOptions(), o.getKeyCertOptions());
  }

  /**
   * Sets the trust and the client certificate on {@code options} (when set); without a client
   * certificate, a {@code wss://} client gets the key manager that records certificate requests
   * ({@link CertificateRequests}).
   */
  public void applyTo(WebSocketClientOptions options, boolean secure) {
    if (trust != null) {
      options.setTrustOptions(trust.copy());
    }
    if (keyCert != null) {
      options.setKeyCertOptions(keyCert.copy());
    } else if (secure) {
      options.setKeyCertOptions(CertificateRequests.keyCertOptions());
    }
  }

  /**
   * Opens every file to catch a missing file, a wrong password or a wrong format before any
   * connection is tried. Blocking file I/O: call it at configuration time, not on an event loop.
   *
   * @throws IllegalArgumentException with a message that names the file and never the password
   */
  public void check() {
    if (trust instanceof PemTrustOptions pem) {
      for (String path : pem.getCertPaths()) {
        readable("trustStore", path);
        pemCertificates("trustStore", path);
      }
    } else if (trust instanceof KeyStoreOptionsBase store && store.getPath() != null) {
      checkStore("trustStore", store, true);
    }
    if (keyCert instanceof PemKeyCertOptions pem) {
      for (String path : pem.getCertPaths()) {
        readable("certFile", path);
        pemCertificates("certFile", path);
      }
      for (String path : pem.getKeyPaths()) {
        readable("keyFile", path);
        pemKey(path);
      }
    } else if (keyCert instanceof KeyStoreOptionsBase store && store.getPath() != null) {
      checkStore("keyStore", store, false);
    }
  }

  private static void pemKey(String keyFile) {
    try {
      String key = Files.readString(Path.of(keyFile));
      if (!key.contains("PRIVATE KEY-----")) {
        throw new IllegalArgumentException(
            "keyFile '" + keyFile + "' holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
      }
      if (key.contains("ENCRYPTED PRIVATE KEY")) {
        throw new IllegalArgumentException(
            "keyFile '" + keyFile + "' is encrypted; give an unencrypted PEM key or a keyStore");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read keyFile '" + keyFile + "'");
    }
  }

  private static void checkStore(String key, KeyStoreOptionsBase options, boolean trust) {
    String path = options.getPath();
    String password = options.getPassword();
    StoreType type = options instanceof JksOptions ? StoreType.JKS : StoreType.PKCS12;
    readable(key, path);
    KeyStore store;
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      store = KeyStore.getInstance(type == StoreType.JKS ? "JKS" : "PKCS12");
      store.load(in, password == null ? null : password.toCharArray());
    } catch (IOException | GeneralSecurityException e) {
      boolean passwordProblem =
          e.getCause() instanceof java.security.UnrecoverableKeyException
              || String.valueOf(e.getMessage()).toLowerCase().contains("password");
      throw new IllegalArgumentException(
          "cannot open "
              + key
              + " '"
              + path
              + "' as "
              + type.configName()
              + (passwordProblem
                  ? ": wrong or missing password (" + key + "Password)"
                  : ": " + Redaction.text(String.valueOf(e.getMessage()))));
    }
    try {
      if (store.size() == 0) {
        throw new IllegalArgumentException(key + " '" + path + "' is empty");
      }
      if (!trust) {
        boolean hasKey = false;
        for (String alias : java.util.Collections.list(store.aliases())) {
          hasKey |= store.isKeyEntry(alias);
        }
        if (!hasKey) {
          throw new IllegalArgumentException(
              key + " '" + path + "' holds no private key, only certificates");
        }
      }
    } catch (java.security.KeyStoreException e) {
      throw new IllegalArgumentException("cannot read " + key + " '" + path + "'");
    }
  }

  private static void readable(String key, String path) {
    Path p = Path.of(path);
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException(key + " file not found: " + path);
    }
    if (!Files.isReadable(p)) {
      throw new IllegalArgumentException(key + " file is not readable: " + path);
    }
  }

  private static void pemCertificates(String key, String path) {
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        throw new IllegalArgumentException(key + " '" + path + "' holds no certificate");
      }
    } catch (IOException | CertificateException e) {
      throw new IllegalArgumentException(
          key + " '" + path + "' is not a PEM certificate file (-----BEGIN CERTIFICATE-----)");
    }
  }

  @Override
  public String toString() {
    JsonObject json = new JsonObject();
    TlsJson.writeTrust(trust, json);
    TlsJson.writeKeyCert(keyCert, json);
    TlsJson.mask(json);
    return "ClientTls" + json.encode();
  }
}
