package dev.wsmon.core.impl;

import dev.wsmon.core.Durations;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads option values from JSON with errors that name the key and the value. */
public final class JsonOptions {

  private JsonOptions() {}

  /** Throws naming the first key of {@code json} that is not in {@code known}. */
  public static void rejectUnknown(JsonObject json, Collection<String> known, String what) {
    for (String key : json.fieldNames()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            "unknown "
                + what
                + " key '"
                + key
                + "' (known keys: "
                + String.join(", ", known)
                + ")");
      }
    }
  }

  public static Duration duration(JsonObject json, String key) {
    return Durations.fromConfig(key, json.getValue(key));
  }

  public static boolean bool(JsonObject json, String key) {
    Object v = json.getValue(key);
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    throw new IllegalArgumentException(key + " must be true or false, got " + v);
  }

  public static long integer(JsonObject json, String key) {
    Object v = json.getValue(key);
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw new IllegalArgumentException(key + " must be an integer, got " + v);
  }

  public static int int32(JsonObject json, String key) {
    long v = integer(json, key);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(key + " is out of range, got " + v);
    }
    return (int) v;
  }

  public static double number(JsonObject json, String key) {
    Object v = json.getValue(key);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw new IllegalArgumentException(key + " must be a number, got " + v);
  }

  public static String string(JsonObject json, String key) {
    Object v = json.getValue(key);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw new IllegalArgumentException(key + " must be a string, got " + v);
  }

  public static JsonObject object(JsonObject json, String key) {
    Object v = json.getValue(key);
    if (v instanceof JsonObject o) {
      return o;
    }
    throw new IllegalArgumentException(key + " must be an object, got " + v);
  }

  public static List<String> strings(JsonObject json, String key) {
    Object v = json.getValue(key);
    if (v instanceof String s) {
      return List.of(s);
    }
    if (!(v instanceof JsonArray array)) {
      throw new IllegalArgumentException(key + " must be a list of strings, got " + v);
    }
    List<String> out = new ArrayList<>(array.size());
    for (Object o : array) {
      if (!(o instanceof String s)) {
        throw new IllegalArgumentException(key + " must be a list of strings, got " + v);
      }
      out.add(s);
    }
    return out;
  }

  public static Set<Integer> ints(JsonObject json, String key) {
    Object v = json.getValue(key);
    if (!(v instanceof JsonArray array)) {
      throw new IllegalArgumentException(key + " must be a list of integers, got " + v);
    }
    Set<Integer> out = new LinkedHashSet<>();
    for (Object o : array) {
      if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
        throw new IllegalArgumentException(key + " must be a list of integers, got " + v);
      }
      out.add(n.intValue());
    }
    return out;
  }

  public static <E extends Enum<E>> E enumValue(JsonObject json, String key, Class<E> type) {
    Object v = json.getValue(key);
    if (v instanceof String s) {
      for (E e : type.getEnumConstants()) {
        if (e.name().equalsIgnoreCase(s.trim())) {
          return e;
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name());
    }
    throw new IllegalArgumentException(key + " must be one of " + names + ", got " + v);
  }
}
