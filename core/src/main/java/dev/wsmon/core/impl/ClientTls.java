package dev.wsmon.core.impl;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.Redaction;
import dev.wsmon.core.StoreType;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
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
 * The trust store and client certificate of an endpoint given by file paths (the {@code
 * trustStore*}, {@code certFile}/{@code keyFile} and {@code keyStore*} options), as a value that
 * can be part of a {@link ClientKey}. {@link #toString()} hides the passwords.
 */
public record ClientTls(
    String trustStore,
    StoreType trustStoreType,
    String trustStorePassword,
    String certFile,
    String keyFile,
    String keyStore,
    StoreType keyStoreType,
    String keyStorePassword) {

  /**
   * The settings of {@code o}, with the store types resolved (given, else guessed from the
   * extension).
   *
   * @throws IllegalArgumentException when they do not fit together
   */
  public static ClientTls of(ConnectionOptions o) {
    if (o.getCertFile() != null && o.getKeyFile() == null) {
      throw new IllegalArgumentException("certFile needs keyFile (the client's private key, PEM)");
    }
    if (o.getKeyFile() != null && o.getCertFile() == null) {
      throw new IllegalArgumentException("keyFile needs certFile (the client certificate, PEM)");
    }
    if (o.getCertFile() != null && o.getKeyStore() != null) {
      throw new IllegalArgumentException(
          "give the client certificate either as certFile/keyFile or as keyStore, not both");
    }
    if (o.getTrustStore() != null && o.getTrustOptions() != null) {
      throw new IllegalArgumentException(
          "give trust either as trustStore or as pemTrustOptions/trustStoreOptions/pfxTrustOptions,"
              + " not both");
    }
    StoreType trustType = type("trustStore", o.getTrustStore(), o.getTrustStoreType());
    StoreType keyType = type("keyStore", o.getKeyStore(), o.getKeyStoreType());
    if (keyType == StoreType.PEM) {
      throw new IllegalArgumentException(
          "keyStore must be JKS or PKCS12; give a PEM client certificate as certFile and keyFile");
    }
    return new ClientTls(
        o.getTrustStore(),
        trustType,
        o.getTrustStorePassword(),
        o.getCertFile(),
        o.getKeyFile(),
        o.getKeyStore(),
        keyType,
        o.getKeyStorePassword());
  }

  private static StoreType type(String key, String path, StoreType given) {
    if (path == null) {
      return null;
    }
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

  /** Whether nothing is set. */
  public boolean isEmpty() {
    return trustStore == null && certFile == null && keyStore == null;
  }

  /** Whether a client certificate is configured. */
  public boolean hasClientCertificate() {
    return certFile != null || keyStore != null;
  }

  /** The trust options of {@code trustStore}, or {@code null} when not set. */
  public TrustOptions trustOptions() {
    if (trustStore == null) {
      return null;
    }
    return switch (trustStoreType) {
      case PEM -> new PemTrustOptions().addCertPath(trustStore);
      case JKS -> new JksOptions().setPath(trustStore).setPassword(trustStorePassword);
      case PKCS12 -> new PfxOptions().setPath(trustStore).setPassword(trustStorePassword);
    };
  }

  /** The client certificate options, or {@code null} when none is set. */
  public KeyCertOptions keyCertOptions() {
    if (certFile != null) {
      return new PemKeyCertOptions().setCertPath(certFile).setKeyPath(keyFile);
    }
    if (keyStore == null) {
      return null;
    }
    return switch (keyStoreType) {
      case JKS -> new JksOptions().setPath(keyStore).setPassword(keyStorePassword);
      case PKCS12 -> new PfxOptions().setPath(keyStore).setPassword(keyStorePassword);
      case PEM -> throw new IllegalStateException("PEM key store");
    };
  }

  /**
   * Sets the trust and the client certificate on {@code options} (when set); without a client
   * certificate, a {@code wss://} client gets the key manager that records certificate requests
   * ({@link CertificateRequests}).
   */
  public void applyTo(WebSocketClientOptions options, boolean secure) {
    TrustOptions trust = trustOptions();
    if (trust != null) {
      options.setTrustOptions(trust);
    }
    KeyCertOptions keyCert = keyCertOptions();
    if (keyCert != null) {
      options.setKeyCertOptions(keyCert);
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
    if (trustStore != null) {
      checkStore("trustStore", trustStore, trustStoreType, trustStorePassword, true);
    }
    if (certFile != null) {
      readable("certFile", certFile);
      readable("keyFile", keyFile);
      pemCertificates("certFile", certFile);
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
    if (keyStore != null) {
      checkStore("keyStore", keyStore, keyStoreType, keyStorePassword, false);
    }
  }

  private static void checkStore(
      String key, String path, StoreType type, String password, boolean trust) {
    readable(key, path);
    if (type == StoreType.PEM) {
      pemCertificates(key, path);
      return;
    }
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
    return "ClientTls[trustStore="
        + trustStore
        + ", trustStoreType="
        + trustStoreType
        + ", trustStorePassword="
        + (trustStorePassword == null ? null : Redaction.MASK)
        + ", certFile="
        + certFile
        + ", keyFile="
        + keyFile
        + ", keyStore="
        + keyStore
        + ", keyStoreType="
        + keyStoreType
        + ", keyStorePassword="
        + (keyStorePassword == null ? null : Redaction.MASK)
        + "]";
  }
}
