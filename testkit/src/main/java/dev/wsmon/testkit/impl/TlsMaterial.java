package dev.wsmon.testkit.impl;

import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.core.net.TrustOptions;

/** A self-signed certificate for {@code localhost}, generated once per server. */
public final class TlsMaterial {

  private final SelfSignedCertificate certificate;

  private TlsMaterial(SelfSignedCertificate certificate) {
    this.certificate = certificate;
  }

  public static TlsMaterial generate() {
    return new TlsMaterial(SelfSignedCertificate.create("localhost"));
  }

  public KeyCertOptions keyCertOptions() {
    return certificate.keyCertOptions();
  }

  public TrustOptions trustOptions() {
    return certificate.trustOptions();
  }

  public void delete() {
    certificate.delete();
  }
}
