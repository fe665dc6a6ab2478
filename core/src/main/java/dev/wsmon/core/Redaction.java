package dev.wsmon.core;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets before text reaches logs, events, exports or HTTP responses: URI user-info, the
 * values of query parameters named like {@code token}, {@code key}, {@code secret}, {@code
 * password} or {@code signature}, and the values of the {@code Authorization}, {@code
 * Proxy-Authorization}, {@code Cookie} and {@code Set-Cookie} headers. A hidden value becomes
 * {@value #MASK}.
 */
public final class Redaction {

  /** What a secret is replaced with: {@value}. */
  public static final String MASK = "***";

  private static final Pattern SECRET_NAME =
      Pattern.compile(
          ".*(token|key|secret|password|passwd|pwd|signature|sig|auth|credential|session).*",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern QUERY_PARAM = Pattern.compile("([^&=#]+)=([^&#]*)");

  private static final Pattern USER_INFO =
      Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@?#]*@");

  private static final Pattern SECRET_IN_TEXT =
      Pattern.compile(
          "(?i)\\b([\\w.-]*(?:token|key|secret|password|signature)[\\w.-]*)=([^&\\s\"',;]+)");

  private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[^\\s\"',;]+");

  private Redaction() {}

  /**
   * Whether a query parameter or field named {@code name} holds a secret.
   *
   * @param name the parameter name
   * @return true when the name looks like token, key, secret, password or signature
   */
  public static boolean isSecretName(String name) {
    return name != null && SECRET_NAME.matcher(name).matches();
  }

  /**
   * Whether the value of the header {@code name} is a secret (Authorization, Proxy-Authorization,
   * Cookie, Set-Cookie, or a name that looks like a secret such as {@code X-Api-Key}).
   *
   * @param name the header name
   * @return true when the value must be hidden
   */
  public static boolean isSecretHeader(String name) {
    if (name == null) {
      return false;
    }
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("authorization")
        || n.equals("proxy-authorization")
        || n.equals("cookie")
        || n.equals("set-cookie")
        || isSecretName(n);
  }

  /**
   * The header value safe to show.
   *
   * @param name the header name
   * @param value the header value
   * @return {@value #MASK} for a secret header, otherwise the value
   */
  public static String headerValue(String name, String value) {
    return isSecretHeader(name) ? MASK : value;
  }

  /**
   * The URI with user-info and secret-looking query values replaced by {@value #MASK}: {@code
   * ws://u:p@h/x?token=abc&room=1} becomes {@code ws://***@h/x?token=***&room=1}.
   *
   * @param uri the URI text, may be {@code null}
   * @return the redacted text, or {@code null} for {@code null}
   */
  public static String uri(String uri) {
    if (uri == null) {
      return null;
    }
    String result =
        USER_INFO.matcher(uri).replaceFirst("$1" + Matcher.quoteReplacement(MASK) + "@");
    int q = result.indexOf('?');
    if (q < 0) {
      return result;
    }
    int hash = result.indexOf('#', q);
    String query = hash < 0 ? result.substring(q + 1) : result.substring(q + 1, hash);
    String tail = hash < 0 ? "" : result.substring(hash);
    Matcher m = QUERY_PARAM.matcher(query);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = isSecretName(m.group(1)) ? m.group(1) + "=" + MASK : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return result.substring(0, q + 1) + out + tail;
  }

  /**
   * Free text (a close reason, an error message) with secrets hidden: URI user-info, {@code
   * name=value} pairs whose name looks like a secret, and {@code Bearer}/{@code Basic} credentials.
   *
   * @param text the text, may be {@code null}
   * @return the redacted text, or {@code null} for {@code null}
   */
  public static String text(String text) {
    if (text == null) {
      return null;
    }
    String result = text.replaceAll("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@?#\\s]*@", "$1***@");
    result = SECRET_IN_TEXT.matcher(result).replaceAll("$1=***");
    return BEARER.matcher(result).replaceAll("$1 ***");
  }
}
