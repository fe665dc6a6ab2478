package dev.wsmon.wrapper.monitor.impl;

import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Set;

/** Validates the query parameters of a request; errors name the parameter and the value. */
public final class QueryParams {

  private final MultiMap params;

  private QueryParams(MultiMap params) {
    this.params = params;
  }

  /**
   * The parameters of {@code params}, each at most once and among {@code allowed}.
   *
   * @throws IllegalArgumentException naming an unknown or repeated parameter
   */
  public static QueryParams of(MultiMap params, Set<String> allowed) {
    for (String name : params.names()) {
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException(
            "unknown query parameter '"
                + name
                + "'"
                + (allowed.isEmpty() ? "; this route takes none" : "; expected " + allowed));
      }
      List<String> values = params.getAll(name);
      if (values.size() > 1) {
        throw new IllegalArgumentException(
            "query parameter '" + name + "' given " + values.size() + " times");
      }
    }
    return new QueryParams(params);
  }

  /** The value of {@code name}, or {@code null}; an empty value is an error. */
  public String string(String name) {
    String value = params.get(name);
    if (value != null && value.isEmpty()) {
      throw new IllegalArgumentException("query parameter '" + name + "' must not be empty");
    }
    return value;
  }

  /** The positive integer {@code name}, or {@code fallback} when absent. */
  public int positiveInt(String name, int fallback) {
    String value = params.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + " must be a positive integer, got '" + Shorten.of(value) + "'");
  }

  /** Shortens echoed values so an error never reflects a huge input. */
  static final class Shorten {
    private Shorten() {}

    static String of(String value) {
      return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }
  }
}
