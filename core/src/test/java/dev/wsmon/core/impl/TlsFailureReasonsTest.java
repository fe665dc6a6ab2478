package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.proxy.ProxyConnectException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The wording for failures that are hard to provoke on a socket (the common ones are covered
 * end-to-end by TrustStoreCliTest, MtlsCliTest and ProxyCliTest in runner).
 */
@DisplayName("failure reasons for TLS and proxy errors")
class TlsFailureReasonsTest {

  private static Throwable handshake(String message, Throwable cause) {
    SSLHandshakeException e = new SSLHandshakeException(message);
    e.initCause(cause);
    return e;
  }

  @Test
  @DisplayName("JDK texts become plain reasons")
  void tls() {
    assertThat(
            Failures.reason(
                handshake(
                    "No subject alternative DNS name matching a.test found.",
                    new CertificateException("No subject alternative DNS name matching a.test")),
                "a.test"))
        .contains("hostname mismatch (expected a.test");
    assertThat(Failures.reason(handshake("PKIX path building failed: x", null), "h"))
        .contains("certificate not trusted");
    assertThat(
            Failures.reason(
                new javax.net.ssl.SSLException("Received fatal alert: certificate_required"), "h"))
        .contains("server requires a client certificate");
    assertThat(
            Failures.reason(
                new javax.net.ssl.SSLException("Received fatal alert: bad_certificate"), "h"))
        .contains("rejected the client certificate");
    assertThat(
            Failures.reason(
                handshake("x", new java.security.cert.CertificateExpiredException("old")), "h"))
        .contains("expired");
  }

  @Test
  @DisplayName("proxy failures name the proxy and never the credentials")
  void proxy() {
    assertThat(
            Failures.reason(
                new ProxyConnectException(
                    "http, basic, /127.0.0.1:3128 => h:80, status: 407 Proxy Authentication"
                        + " Required"),
                "h"))
        .startsWith("proxy authentication failed (HTTP 407");
    assertThat(
            Failures.reason(
                new ProxyConnectException(
                    "socks5, password, /127.0.0.1:1080 => h:80, authStatus: FAILURE"),
                "h"))
        .startsWith("proxy authentication failed (SOCKS5");
    assertThat(
            Failures.reason(
                new ProxyConnectException(
                    "http, none, /127.0.0.1:3128 => h:80, status: 403 Forbidden"),
                "h"))
        .contains("HTTP proxy refused the tunnel (HTTP 403 Forbidden)");
    assertThat(
            Failures.reason(
                new ProxyConnectException("socks5, none, /127.0.0.1:1080 => h:80, timeout"), "h"))
        .contains("proxy did not answer");
  }
}
