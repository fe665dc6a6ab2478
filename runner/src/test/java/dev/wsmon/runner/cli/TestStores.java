package dev.wsmon.runner.cli;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Builds JKS and PKCS12 files at test time from the testkit's generated PEM certificates and keys
 * (test-only material, deleted with the temporary directory; nothing is committed).
 */
final class TestStores {

  private TestStores() {}

  /** A trust store of {@code type} ("JKS" or "PKCS12") holding the PEM certificate. */
  static Path trustStore(Path file, String type, String password, String certPem) throws Exception {
    KeyStore store = KeyStore.getInstance(type);
    store.load(null, null);
    store.setCertificateEntry("ca", certificate(certPem));
    return write(store, file, password);
  }

  /** A key store of {@code type} holding the PEM key and certificate. */
  static Path keyStore(Path file, String type, String password, String certPem, String keyPem)
      throws Exception {
    KeyStore store = KeyStore.getInstance(type);
    store.load(null, null);
    store.setKeyEntry(
        "client",
        privateKey(keyPem),
        password.toCharArray(),
        new Certificate[] {certificate(certPem)});
    return write(store, file, password);
  }

  private static Path write(KeyStore store, Path file, String password) throws Exception {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }

  private static Certificate certificate(String pem) throws Exception {
    try (var in = Files.newInputStream(Path.of(pem))) {
      return CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static PrivateKey privateKey(String pem) throws Exception {
    String text = Files.readString(Path.of(pem));
    String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(base64);
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (java.security.spec.InvalidKeySpecException notThis) {
        // try the next
      }
    }
    throw new IllegalStateException("unsupported key in " + pem);
  }
}
