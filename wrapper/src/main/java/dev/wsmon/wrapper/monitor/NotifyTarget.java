package dev.wsmon.wrapper.monitor;

import dev.wsmon.core.Redaction;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where the monitor POSTs its state notifications: an {@code http://} or {@code https://} URL and
 * optional extra request headers. Webhook URLs often carry their secret in the path or the query,
 * so logs show only {@link #display() the scheme, host and port}; header values are never logged.
 *
 * <p>JSON form: the URL as a string, or {@code {"url": "https://…", "headers": {"Name": "value"}}}.
 * User-info in the URL ({@code https://user:pass@host/…}) is sent as Basic authorization.
 */
public class NotifyTarget {

  /** The JSON property names of the object form. */
  public static final List<String> JSON_KEYS = List.of("url", "headers");

  private final URI url;
  private final Map<String, String> headers;

  /**
   * A target.
   *
   * @param url an absolute {@code http} or {@code https} URL with a host
   * @throws IllegalArgumentException naming the (redacted) URL when malformed
   */
  public NotifyTarget(String url) {
    this(url, Map.of());
  }

  /**
   * A target with extra request headers.
   *
   * @param url an absolute {@code http} or {@code https} URL with a host
   * @param headers extra headers (copied)
   * @throws IllegalArgumentException naming the (redacted) URL when malformed
   */
  public NotifyTarget(String url, Map<String, String> headers) {
    this.url = checked(url);
    this.headers = new LinkedHashMap<>(Objects.requireNonNull(headers, "headers"));
    this.headers.forEach(
        (name, value) -> {
          if (name == null || name.isBlank() || value == null) {
            throw new IllegalArgumentException(
                "notify header names and values must be set, got '" + name + "'");
          }
        });
  }

  /**
   * A target from its JSON form: a URL string or an object with {@code url} and {@code headers}.
   *
   * @param value a {@link String} or a {@link JsonObject}
   * @return the target
   * @throws IllegalArgumentException naming the bad value
   */
  public static NotifyTarget fromJson(Object value) {
    if (value instanceof String url) {
      return new NotifyTarget(url);
    }
    if (value instanceof JsonObject json) {
      for (String key : json.fieldNames()) {
        if (!JSON_KEYS.contains(key)) {
          throw new IllegalArgumentException(
              "unknown notify key '" + key + "'; a notify target has url, headers");
        }
      }
      if (!(json.getValue("url") instanceof String url)) {
        throw new IllegalArgumentException("a notify target needs a url string");
      }
      Map<String, String> headers = new LinkedHashMap<>();
      Object h = json.getValue("headers");
      if (h instanceof JsonObject map) {
        map.forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
      } else if (h != null) {
        throw new IllegalArgumentException("notify headers must be an object of name: value");
      }
      return new NotifyTarget(url, headers);
    }
    throw new IllegalArgumentException(
        "a notify target is a URL or {url, headers}, got " + Redaction.text(String.valueOf(value)));
  }

  private static URI checked(String url) {
    Objects.requireNonNull(url, "url");
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid notify URL '" + Redaction.uri(url) + "'");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "invalid notify URL '" + Redaction.uri(url) + "': expected http:// or https://");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException(
          "invalid notify URL '" + Redaction.uri(url) + "': no host");
    }
    return uri;
  }

  /** The JSON form: the URL string, or an object when there are headers. */
  public Object toJson() {
    if (headers.isEmpty()) {
      return url.toString();
    }
    JsonObject h = new JsonObject();
    headers.forEach(h::put);
    return new JsonObject().put("url", url.toString()).put("headers", h);
  }

  /** The URL (it may hold a secret: log {@link #display()} instead). */
  public URI getUrl() {
    return url;
  }

  /** The extra request headers (a copy). */
  public Map<String, String> getHeaders() {
    return new LinkedHashMap<>(headers);
  }

  /** The URL safe to log: scheme, host and port, with the rest masked ({@code https://h/***}). */
  public String display() {
    String base =
        url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    boolean more =
        (url.getRawPath() != null && url.getRawPath().length() > 1)
            || url.getRawQuery() != null
            || url.getRawUserInfo() != null;
    return base + (more ? "/" + Redaction.MASK : "/");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NotifyTarget other
        && url.equals(other.url)
        && headers.equals(other.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, headers);
  }

  @Override
  public String toString() {
    return "NotifyTarget["
        + display()
        + (headers.isEmpty() ? "" : ", headers " + headers.keySet())
        + "]";
  }
}
