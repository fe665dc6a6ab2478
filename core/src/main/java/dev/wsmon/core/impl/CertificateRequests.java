package dev.wsmon.core.impl;

import io.vertx.core.net.KeyCertOptions;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager with no keys, installed on {@code wss://} clients that have no client certificate,
 * that remembers which servers asked for one.
 *
 * <p>Why: with TLS 1.3 a server that requires a client certificate checks it only after the
 * client's side of the handshake is complete, so the client sees a finished TLS handshake, sends
 * its WebSocket upgrade, and then gets the {@code certificate_required} alert. Vert.x delivers that
 * alert to the connection's exception handler, not to the pending {@code connect()}, which only
 * fails with "Connection closed while handshake in process". The server's certificate request, seen
 * here, lets wsmon name the real cause.
 */
final class CertificateRequests extends X509ExtendedKeyManager {

  private static final int MAX_REMEMBERED = 10_000;
  private static final Set<String> REQUESTED = ConcurrentHashMap.newKeySet();
  private static final CertificateRequests INSTANCE = new CertificateRequests();

  private CertificateRequests() {}

  /** Client key options that present no certificate but record certificate requests. */
  static KeyCertOptions keyCertOptions() {
    return KeyCertOptions.wrap(INSTANCE);
  }

  /** Whether the server at {@code host:port} asked this JVM for a client certificate. */
  static boolean requested(String host, int port) {
    return REQUESTED.contains(host + ":" + port) || REQUESTED.contains("*");
  }

  private static void record(String host, int port) {
    if (REQUESTED.size() < MAX_REMEMBERED) {
      REQUESTED.add(host == null ? "*" : host + ":" + port);
    }
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    record(
        engine == null ? null : engine.getPeerHost(), engine == null ? -1 : engine.getPeerPort());
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    record(null, -1);
    return null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return null;
  }
}
