package dev.wsmon.tracker.impl;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/** Validation of query bodies; every error names the bad value. */
public final class QueryBodies {

  private QueryBodies() {}

  /**
   * The body as a JSON object with only {@code allowed} keys; {@code null} counts as {@code {}}.
   *
   * @throws IllegalArgumentException naming the address and the bad body or key
   */
  public static JsonObject object(Object body, String address, Set<String> allowed) {
    if (body == null) {
      return new JsonObject();
    }
    if (!(body instanceof JsonObject json)) {
      throw new IllegalArgumentException(
          address
              + " request body must be a JSON object such as {}, got "
              + body.getClass().getSimpleName()
              + " "
              + abbreviate(String.valueOf(body)));
    }
    for (String key : json.fieldNames()) {
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException(
            "unknown key '"
                + key
                + "' in "
                + address
                + " request"
                + (allowed.isEmpty() ? " (expected {})" : " (allowed: " + allowed + ")"));
      }
    }
    return json;
  }

  /**
   * The string at {@code key}, or {@code null} when absent.
   *
   * @throws IllegalArgumentException when present but not a string
   */
  public static String optionalString(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new IllegalArgumentException(key + " must be a string, got " + json.encode());
  }

  /**
   * The positive integer at {@code key}, or {@code fallback} when absent.
   *
   * @throws IllegalArgumentException when present but not a positive integer
   */
  public static int positiveInt(JsonObject json, String key, int fallback) {
    if (!json.containsKey(key)) {
      return fallback;
    }
    Object value = json.getValue(key);
    if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() > 0) {
      return (int) Math.min(Integer.MAX_VALUE, ((Number) value).longValue());
    }
    throw new IllegalArgumentException(key + " must be a positive integer, got " + value);
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }
}
