package dev.wsmon.core.impl;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.Redaction;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.vertx.core.http.UpgradeRejectedException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import javax.net.ssl.SSLException;

/** Turns attempt failures into short, redacted reasons and reads {@code Retry-After}. */
public final class Failures {

  private Failures() {}

  /**
   * Like {@link #reason(Throwable, String)}, and for {@code wss://} a connection closed during the
   * upgrade, right after TLS, is explained when it comes from client certificate checks (TLS 1.3
   * reports those only after the handshake; see {@link CertificateRequests}).
   */
  public static String reason(Throwable cause, String host, ConnectionOptions options) {
    if (cause instanceof WebSocketHandshakeException
        && String.valueOf(cause.getMessage()).contains("closed")
        && options.getUri() != null
        && options.getUri().regionMatches(true, 0, "wss:", 0, 4)) {
      if (options.getKeyCertOptions() != null) {
        return "TLS: the server closed the connection right after the TLS handshake; it most"
            + " likely rejected the client certificate (not issued by a CA it trusts?)";
      }
      URI uri = URI.create(options.getUri());
      int port = uri.getPort() > 0 ? uri.getPort() : 443;
      if (CertificateRequests.requested(uri.getHost(), port)) {
        return "TLS handshake failed: server requires a client certificate (give one with"
            + " --cert-file/--key-file or --key-store)";
      }
    }
    return reason(cause, host);
  }

  /** A reason naming the cause: "HTTP 401 Unauthorized", "connection refused", ... */
  public static String reason(Throwable cause, String host) {
    String proxy = ProxyFailures.reason(cause);
    if (proxy != null) {
      return proxy;
    }
    String tls = TlsFailures.reason(cause, host);
    if (tls != null) {
      return tls;
    }
    if (cause instanceof UpgradeRejectedException rejected) {
      return "HTTP "
          + rejected.getStatus()
          + " "
          + HttpResponseStatus.valueOf(rejected.getStatus()).reasonPhrase();
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        return "unknown host " + host;
      }
      if (t instanceof ConnectException && String.valueOf(t.getMessage()).contains("refused")) {
        return "connection refused";
      }
      if (t instanceof NoRouteToHostException) {
        return "no route to host " + host;
      }
      if (t instanceof SSLException) {
        return "TLS handshake failed: " + Redaction.text(t.getMessage());
      }
      if (t instanceof ClosedChannelException) {
        return "connection closed during the handshake";
      }
    }
    String message = cause.getMessage();
    String type = cause.getClass().getSimpleName();
    return Redaction.text(message == null ? type : type + ": " + message);
  }

  /** The HTTP status of a rejected upgrade, or -1. */
  public static int status(Throwable cause) {
    return cause instanceof UpgradeRejectedException rejected ? rejected.getStatus() : -1;
  }

  /**
   * The {@code Retry-After} of a rejected upgrade: seconds or an HTTP date, or {@code null} when
   * absent or unreadable.
   */
  public static Duration retryAfter(Throwable cause) {
    if (!(cause instanceof UpgradeRejectedException rejected) || rejected.getHeaders() == null) {
      return null;
    }
    String value = rejected.getHeaders().get("Retry-After");
    if (value == null) {
      return null;
    }
    value = value.trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }
}
