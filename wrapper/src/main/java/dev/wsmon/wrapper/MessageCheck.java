package dev.wsmon.wrapper;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A check of every received text message (k6 style: counted in {@code scenario.checks}): {@code
 * json:PATH} passes when the message is JSON with a non-null value at the dotted {@code PATH},
 * {@code json:PATH=VALUE} when that value's text equals {@code VALUE}, {@code regex:RE} when the
 * regex is found in the message.
 *
 * <p>Forms: the flag {@code --check 'NAME=json:PATH'}; in config {@code messageChecks} a list of
 * such strings or of {@code {"name": .., "json": "PATH"}} / {@code {"name": .., "regex": ".."}}.
 */
public final class MessageCheck {

  /** The JSON property names. */
  public static final List<String> JSON_KEYS = List.of("name", "json", "regex");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-]+");

  private final String name;
  private final String jsonPath;
  private final String jsonValue;
  private final String regex;

  private MessageCheck(String name, String jsonPath, String jsonValue, String regex) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "check name '" + name + "' must be letters, digits, '_' or '-'");
    }
    this.name = name;
    this.jsonPath = jsonPath;
    this.jsonValue = jsonValue;
    this.regex = regex;
    if (regex != null) {
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "check '" + name + "': regex '" + regex + "' is invalid: " + e.getDescription());
      }
    } else if (jsonPath == null || jsonPath.isBlank()) {
      throw new IllegalArgumentException("check '" + name + "' needs a json path or a regex");
    }
  }

  /** A check that the dotted {@code path} is present (and equals {@code value} when not null). */
  public static MessageCheck json(String name, String path, String value) {
    return new MessageCheck(name, path, value, null);
  }

  /** A check that {@code regex} is found. */
  public static MessageCheck regex(String name, String regex) {
    return new MessageCheck(name, null, null, Objects.requireNonNull(regex, "regex"));
  }

  /**
   * Parses {@code NAME=json:PATH}, {@code NAME=json:PATH=VALUE} or {@code NAME=regex:RE}.
   *
   * @throws IllegalArgumentException naming the text
   */
  public static MessageCheck parse(String spec) {
    int eq = spec == null ? -1 : spec.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(
          "check '" + spec + "' must be NAME=json:PATH[=VALUE] or NAME=regex:RE");
    }
    String name = spec.substring(0, eq);
    String body = spec.substring(eq + 1);
    if (body.startsWith("json:")) {
      String path = body.substring(5);
      int valueAt = path.indexOf('=');
      return valueAt < 0
          ? json(name, path, null)
          : json(name, path.substring(0, valueAt), path.substring(valueAt + 1));
    }
    if (body.startsWith("regex:")) {
      return regex(name, body.substring(6));
    }
    throw new IllegalArgumentException(
        "check '" + spec + "' must be NAME=json:PATH[=VALUE] or NAME=regex:RE");
  }

  /**
   * Reads a check from a config value: a string for {@link #parse(String)} or an object.
   *
   * @throws IllegalArgumentException naming the bad key or value
   */
  public static MessageCheck fromConfig(Object value) {
    if (value instanceof String s) {
      return parse(s);
    }
    if (!(value instanceof JsonObject json)) {
      throw new IllegalArgumentException(
          "a message check must be 'NAME=json:PATH' or an object, got " + value);
    }
    for (String key : json.fieldNames()) {
      if (!JSON_KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "unknown message check key '" + key + "', known keys: " + JSON_KEYS);
      }
    }
    if (json.containsKey("regex") == json.containsKey("json")) {
      throw new IllegalArgumentException(
          "message check '" + json.getValue("name") + "' needs exactly one of json or regex");
    }
    String name = json.getString("name");
    return json.containsKey("regex")
        ? regex(name, json.getString("regex"))
        : parse(name + "=json:" + json.getString("json"));
  }

  /** The JSON form. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("name", name);
    return regex != null
        ? json.put("regex", regex)
        : json.put("json", jsonValue == null ? jsonPath : jsonPath + "=" + jsonValue);
  }

  /** The check's name (its key under {@code scenario.checks.by_check}). */
  public String getName() {
    return name;
  }

  /** The dotted JSON path, or null for a regex check. */
  public String getJsonPath() {
    return jsonPath;
  }

  /** The value the path must have, or null (present is enough). */
  public String getJsonValue() {
    return jsonValue;
  }

  /** The regex, or null for a JSON check. */
  public String getRegex() {
    return regex;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageCheck c && c.toJson().equals(toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return name + "=" + (regex != null ? "regex:" + regex : "json:" + toJson().getString("json"));
  }
}
