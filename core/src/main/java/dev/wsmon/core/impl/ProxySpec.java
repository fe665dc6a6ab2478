package dev.wsmon.core.impl;

import dev.wsmon.core.Redaction;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a proxy URI: {@code http://[user:pass@]host:port}, {@code socks5://[user:pass@]host:port}
 * or {@code socks4://[user@]host:port}. Error messages never contain the password.
 */
public final class ProxySpec {

  private ProxySpec() {}

  /**
   * The Vert.x proxy options of {@code uri}.
   *
   * @throws IllegalArgumentException naming the problem, with the URI redacted
   */
  public static ProxyOptions parse(String uri) {
    String shown = redact(uri);
    URI u;
    try {
      u = new URI(uri.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "proxy '" + shown + "' is not a valid URI; write http://HOST:PORT or socks5://HOST:PORT");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    ProxyType type =
        switch (scheme) {
          case "http" -> ProxyType.HTTP;
          case "socks5", "socks5h", "socks" -> ProxyType.SOCKS5;
          case "socks4", "socks4a" -> ProxyType.SOCKS4;
          default ->
              throw new IllegalArgumentException(
                  "proxy '"
                      + shown
                      + "' must start with http://, socks5:// or socks4:// (https:// proxies are"
                      + " not supported)");
        };
    if (u.getHost() == null || u.getHost().isEmpty()) {
      throw new IllegalArgumentException(
          "proxy '" + shown + "' has no host; write " + scheme + "://HOST:PORT");
    }
    if (u.getPort() < 1 || u.getPort() > 65535) {
      throw new IllegalArgumentException(
          "proxy '"
              + shown
              + "' needs a port between 1 and 65535, e.g. "
              + scheme
              + "://"
              + u.getHost()
              + ":"
              + (type == ProxyType.HTTP ? 3128 : 1080));
    }
    if ((u.getPath() != null && !u.getPath().isEmpty() && !u.getPath().equals("/"))
        || u.getRawQuery() != null) {
      throw new IllegalArgumentException(
          "proxy '" + shown + "' must not have a path or query; write " + scheme + "://HOST:PORT");
    }
    String host = u.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    ProxyOptions options = new ProxyOptions().setType(type).setHost(host).setPort(u.getPort());
    String userInfo = u.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      if (user.isEmpty()) {
        throw new IllegalArgumentException("proxy '" + shown + "' has an empty user name");
      }
      options.setUsername(user);
      if (colon >= 0) {
        if (type == ProxyType.SOCKS4) {
          throw new IllegalArgumentException(
              "proxy '" + shown + "': SOCKS4 has a user id but no password; use socks5://");
        }
        options.setPassword(decode(userInfo.substring(colon + 1)));
      } else if (type != ProxyType.SOCKS4) {
        options.setPassword("");
      }
    }
    return options;
  }

  /**
   * The proxy URI with its user-info masked up to the last {@code @} of the authority (a password
   * may itself contain {@code @} or {@code :}).
   *
   * @param uri the proxy URI, may be {@code null}
   * @return the masked URI
   */
  public static String redact(String uri) {
    if (uri == null) {
      return null;
    }
    int start = uri.indexOf("://");
    start = start < 0 ? 0 : start + 3;
    int end = uri.indexOf('/', start);
    int at = uri.lastIndexOf('@', end < 0 ? uri.length() - 1 : end);
    if (at < start) {
      return Redaction.text(uri);
    }
    return uri.substring(0, start) + Redaction.MASK + uri.substring(at);
  }

  /**
   * The proxy URI of {@code options}, credentials URL-encoded, so {@link #parse(String)} reads it
   * back; the proxy connect timeout is not part of it.
   *
   * @param options the proxy options, may be {@code null}
   * @return the URI, or {@code null}
   */
  public static String format(ProxyOptions options) {
    if (options == null) {
      return null;
    }
    String scheme =
        switch (options.getType()) {
          case HTTP -> "http";
          case SOCKS5 -> "socks5";
          case SOCKS4 -> "socks4";
        };
    StringBuilder uri = new StringBuilder(scheme).append("://");
    String user = options.getUsername();
    if (user != null && !user.isEmpty()) {
      uri.append(encode(user));
      String password = options.getPassword();
      if (password != null && !password.isEmpty()) {
        uri.append(':').append(encode(password));
      }
      uri.append('@');
    }
    String host = options.getHost();
    uri.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host);
    return uri.append(':').append(options.getPort()).toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
