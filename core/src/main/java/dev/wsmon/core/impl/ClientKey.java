package dev.wsmon.core.impl;

import dev.wsmon.core.ConnectionOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.TrustOptions;

/**
 * The client-wide settings of an endpoint; endpoints with equal keys share one WebSocketClient.
 * Holds secrets (store passwords, proxy credentials): {@link #toString()} shows none of them.
 */
public record ClientKey(
    String localAddress,
    boolean trustAll,
    String trust,
    boolean verifyHost,
    boolean perMessageDeflate,
    int maxFrameSize,
    int maxMessageSize,
    ClientTls tls,
    String proxy,
    boolean secure) {

  /**
   * The key of {@code o}.
   *
   * @throws IllegalArgumentException when its TLS settings do not fit together
   */
  public static ClientKey of(ConnectionOptions o) {
    return new ClientKey(
        o.getLocalAddress(),
        o.isTrustAll(),
        describe(o.getTrustOptions()),
        o.isVerifyHost(),
        o.isPerMessageDeflate(),
        o.getMaxFrameSize(),
        o.getMaxMessageSize(),
        ClientTls.of(o),
        o.getProxy(),
        o.getUri() != null && o.getUri().regionMatches(true, 0, "wss:", 0, 4));
  }

  private static String describe(TrustOptions trust) {
    if (trust instanceof PemTrustOptions pem) {
      return "pem:" + pem.toJson().encode();
    }
    if (trust instanceof JksOptions jks) {
      return "jks:" + jks.toJson().encode();
    }
    if (trust instanceof PfxOptions pfx) {
      return "pfx:" + pfx.toJson().encode();
    }
    return trust == null ? null : "other:" + System.identityHashCode(trust);
  }

  /**
   * Client options for these settings. {@code maxConnections} (per server) is sized from the
   * connections that use the client so none waits silently in the pool; the TCP connect timeout is
   * a backstop behind wsmon's own attempt timer; a close frame the server does not answer closes
   * the TCP connection after {@value ConnectionImpl#CLOSING_TIMEOUT_S} s.
   */
  public WebSocketClientOptions clientOptions(
      TrustOptions trustOptions, int connections, long longestConnectTimeoutMs) {
    WebSocketClientOptions options =
        new WebSocketClientOptions()
            .setMaxConnections(
                Math.max(WebSocketClientOptions.DEFAULT_MAX_CONNECTIONS, 2 * connections))
            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, longestConnectTimeoutMs + 1000))
            .setClosingTimeout(ConnectionImpl.CLOSING_TIMEOUT_S)
            .setMaxFrameSize(maxFrameSize)
            .setMaxMessageSize(maxMessageSize)
            .setTryUsePerMessageCompression(perMessageDeflate)
            .setVerifyHost(verifyHost)
            .setTrustAll(trustAll);
    if (localAddress != null) {
      options.setLocalAddress(localAddress);
    }
    if (trustOptions != null) {
      options.setTrustOptions(trustOptions.copy());
    }
    tls.applyTo(options, secure);
    if (proxy != null) {
      options.setProxyOptions(ProxySpec.parse(proxy));
    }
    return options;
  }

  @Override
  public String toString() {
    return new JsonObject()
        .put("localAddress", localAddress)
        .put("perMessageDeflate", perMessageDeflate)
        .put("proxy", ProxySpec.redact(proxy))
        .encode();
  }
}
