package dev.wsmon.core.impl;

import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyConnectException;
import java.util.Locale;

/**
 * Names proxy failures plainly ("proxy authentication failed (HTTP 407)", "SOCKS5 proxy
 * authentication failed", ...). Netty's messages name the proxy and target addresses but never the
 * credentials; wsmon still only keeps the status.
 */
final class ProxyFailures {

  private ProxyFailures() {}

  /** The reason, or {@code null} when {@code cause} is not a proxy failure. */
  static String reason(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ProxyConnectException e) {
        return describe(e);
      }
    }
    return null;
  }

  private static String describe(ProxyConnectException e) {
    String m = String.valueOf(e.getMessage());
    String lower = m.toLowerCase(Locale.ROOT);
    String protocol =
        lower.startsWith("socks5") ? "SOCKS5" : lower.startsWith("socks4") ? "SOCKS4" : "HTTP";
    if (lower.contains("timeout") || lower.contains("timed out")) {
      return "proxy did not answer (" + protocol + " proxy timeout)";
    }
    if (e instanceof HttpProxyHandler.HttpProxyConnectException || protocol.equals("HTTP")) {
      int s = lower.indexOf("status: ");
      String status = s < 0 ? "" : m.substring(s + "status: ".length()).trim();
      if (status.startsWith("407")) {
        return "proxy authentication failed (HTTP 407 from the proxy: check the proxy user and"
            + " password)";
      }
      return status.isEmpty()
          ? "HTTP proxy failed to open a tunnel"
          : "HTTP proxy refused the tunnel (HTTP " + status + ")";
    }
    if (lower.contains("authstatus") || lower.contains("auth")) {
      return "proxy authentication failed (" + protocol + ": check the proxy user and password)";
    }
    int s = lower.indexOf("status: ");
    return protocol
        + " proxy could not connect to the server"
        + (s < 0 ? "" : " (" + m.substring(s + "status: ".length()).trim() + ")");
  }
}
