package dev.wsmon.core.impl;

import dev.wsmon.core.ConnectionOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.ProxyOptions;

/**
 * The client-wide settings of an endpoint; endpoints with equal keys share one WebSocketClient.
 * Holds secrets (store passwords, proxy credentials): {@link #toString()} shows none of them.
 */
public record ClientKey(
    String localAddress,
    boolean trustAll,
    boolean verifyHost,
    boolean perMessageDeflate,
    int maxFrameSize,
    int maxMessageSize,
    ClientTls tls,
    JsonObject proxy,
    boolean secure) {

  /**
   * The key of {@code o}.
   *
   * @throws IllegalArgumentException when its TLS settings do not fit together
   */
  public static ClientKey of(ConnectionOptions o) {
    return of(o, o.getLocalAddress());
  }

  /** The key of {@code o} with the source address {@code localAddress}. */
  public static ClientKey of(ConnectionOptions o, String localAddress) {
    return new ClientKey(
        localAddress,
        o.isTrustAll(),
        o.isVerifyHost(),
        o.isPerMessageDeflate(),
        o.getMaxFrameSize(),
        o.getMaxMessageSize(),
        ClientTls.of(o),
        o.getProxyOptions() == null ? null : o.getProxyOptions().toJson(),
        o.getUri() != null && o.getUri().regionMatches(true, 0, "wss:", 0, 4));
  }

  /**
   * Client options for these settings. {@code maxConnections} (per server) is sized from the
   * connections that use the client so none waits silently in the pool; the TCP connect timeout is
   * a backstop behind wsmon's own attempt timer; a close frame the server does not answer closes
   * the TCP connection after {@value ConnectionImpl#CLOSING_TIMEOUT_S} s.
   */
  public WebSocketClientOptions clientOptions(int connections, long longestConnectTimeoutMs) {
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
    tls.applyTo(options, secure);
    if (proxy != null) {
      options.setProxyOptions(new ProxyOptions(proxy));
    }
    return options;
  }

  @Override
  public String toString() {
    return new JsonObject()
        .put("localAddress", localAddress)
        .put("perMessageDeflate", perMessageDeflate)
        .put(
            "proxy",
            proxy == null ? null : ProxySpec.redact(ProxySpec.format(new ProxyOptions(proxy))))
        .encode();
  }
}
