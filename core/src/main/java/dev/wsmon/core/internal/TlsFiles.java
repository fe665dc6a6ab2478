package dev.wsmon.core.internal;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.impl.ClientTls;

/** Checks the TLS files of an endpoint before anything connects. */
public final class TlsFiles {

  private TlsFiles() {}

  /**
   * Opens every trust store, client certificate and key file of {@code options}, so a missing file,
   * a wrong password or a wrong format fails before any connection is tried. Blocking file I/O:
   * call it at configuration time, never on an event loop.
   *
   * @param options the endpoint
   * @throws IllegalArgumentException with a message that names the file and never the password
   */
  public static void check(ConnectionOptions options) {
    ClientTls.of(options).check();
  }
}
