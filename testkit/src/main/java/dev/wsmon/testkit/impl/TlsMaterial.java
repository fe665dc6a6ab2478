package dev.wsmon.testkit.impl;

import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.core.net.TrustOptions;
import java.util.HashMap;
import java.util.Map;

/**
 * Self-signed test certificates, one per host name, generated once per JVM and shared by every
 * server: generating one runs {@code keytool}, which takes seconds and blocks the event loop. The
 * files (test-only keys, never committed) are deleted when the JVM exits.
 */
public final class TlsMaterial {

  /** The host name of the default server certificate: {@value}. */
  public static final String DEFAULT_HOST = "localhost";

  /** The subject of the test client certificate servers trust: {@value}. */
  public static final String CLIENT_NAME = "wsmon-test-client";

  private static final Map<String, TlsMaterial> BY_HOST = new HashMap<>();

  private final SelfSignedCertificate certificate;

  private TlsMaterial(SelfSignedCertificate certificate) {
    this.certificate = certificate;
  }

  /** The JVM's certificate for {@code localhost}, generated on first use. */
  public static TlsMaterial shared() {
    return forHost(DEFAULT_HOST);
  }

  /** The JVM's certificate for {@code host}, generated on first use. */
  public static synchronized TlsMaterial forHost(String host) {
    return BY_HOST.computeIfAbsent(
        host,
        h -> {
          SelfSignedCertificate certificate = SelfSignedCertificate.create(h);
          Runtime.getRuntime()
              .addShutdownHook(new Thread(certificate::delete, "tls-material-delete"));
          return new TlsMaterial(certificate);
        });
  }

  /** The JVM's test client certificate ({@value #CLIENT_NAME}), generated on first use. */
  public static TlsMaterial client() {
    return forHost(CLIENT_NAME);
  }

  public KeyCertOptions keyCertOptions() {
    return certificate.keyCertOptions();
  }

  public TrustOptions trustOptions() {
    return certificate.trustOptions();
  }

  /** The PEM certificate file. */
  public String certificatePath() {
    return ((PemKeyCertOptions) certificate.keyCertOptions()).getCertPath();
  }

  /** The PEM private key file. */
  public String privateKeyPath() {
    return ((PemKeyCertOptions) certificate.keyCertOptions()).getKeyPath();
  }

  /** Trust options holding only this certificate. */
  public PemTrustOptions pemTrustOptions() {
    return new PemTrustOptions().addCertPath(certificatePath());
  }
}
