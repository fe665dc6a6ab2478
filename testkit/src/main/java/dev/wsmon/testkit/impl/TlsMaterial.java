package dev.wsmon.testkit.impl;

import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.core.net.TrustOptions;

/**
 * A self-signed certificate for {@code localhost}, generated once per JVM and shared by every
 * server: generating one runs {@code keytool}, which takes seconds and blocks the event loop. The
 * files are deleted when the JVM exits.
 */
public final class TlsMaterial {

  private static TlsMaterial shared;

  private final SelfSignedCertificate certificate;

  private TlsMaterial(SelfSignedCertificate certificate) {
    this.certificate = certificate;
  }

  /** The JVM's certificate, generated on first use. */
  public static synchronized TlsMaterial shared() {
    if (shared == null) {
      SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
      Runtime.getRuntime().addShutdownHook(new Thread(certificate::delete, "tls-material-delete"));
      shared = new TlsMaterial(certificate);
    }
    return shared;
  }

  public KeyCertOptions keyCertOptions() {
    return certificate.keyCertOptions();
  }

  public TrustOptions trustOptions() {
    return certificate.trustOptions();
  }
}
