package dev.wsmon.core.impl;

import dev.wsmon.core.Redaction;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Names the usual TLS failures in plain words instead of the JDK's exception text: "certificate not
 * trusted", "hostname mismatch (expected X)", "server requires a client certificate", ...
 */
final class TlsFailures {

  private TlsFailures() {}

  /** The reason, or {@code null} when {@code cause} is not a TLS failure. */
  static String reason(Throwable cause, String host) {
    SSLException ssl = null;
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SSLException e && ssl == null) {
        ssl = e;
      }
      if (t instanceof CertificateExpiredException) {
        return "TLS handshake failed: server certificate expired";
      }
      if (t instanceof CertificateNotYetValidException) {
        return "TLS handshake failed: server certificate not yet valid";
      }
      if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
        return untrusted();
      }
      String m = String.valueOf(t.getMessage());
      if (m.contains("PKIX path") || m.contains("unable to find valid certification path")) {
        return untrusted();
      }
      if (m.contains("No subject alternative") || m.contains("No name matching")) {
        return "TLS handshake failed: hostname mismatch (expected "
            + host
            + "; the server certificate is issued for other names)";
      }
    }
    if (ssl == null) {
      return null;
    }
    String alert = alert(cause);
    if (alert != null) {
      return switch (alert) {
        case "certificate_required" -> "TLS handshake failed: server requires a client certificate";
        case "bad_certificate", "unknown_ca", "certificate_unknown", "unsupported_certificate" ->
            "TLS handshake failed: server rejected the client certificate ("
                + alert
                + "); a server that requires one also answers so when none was sent";
        case "certificate_expired" ->
            "TLS handshake failed: server says the client certificate expired";
        case "protocol_version", "handshake_failure", "insufficient_security" ->
            "TLS handshake failed: no common protocol version or cipher suite (" + alert + ")";
        default -> "TLS handshake failed: server sent alert " + alert;
      };
    }
    return "TLS handshake failed: " + Redaction.text(ssl.getMessage());
  }

  private static String untrusted() {
    return "TLS handshake failed: certificate not trusted (the server's certificate chain does not"
        + " lead to a trusted CA; give its CA with --trust-store)";
  }

  /** The alert name of "Received fatal alert: NAME", or {@code null}. */
  private static String alert(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      int i = m.indexOf("Received fatal alert: ");
      if (i >= 0) {
        return m.substring(i + "Received fatal alert: ".length()).trim().toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }
}
