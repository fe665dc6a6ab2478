package dev.wsmon.runner.config;

import dev.wsmon.core.Durations;
import dev.wsmon.core.EventType;
import dev.wsmon.core.Redaction;
import dev.wsmon.wrapper.ScheduledCall;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the {@code scheduledCalls} list of a {@code wsmon run} config: each entry is a mapping with
 * the {@link ScheduledCall} JSON keys ({@code name}, exactly one of {@code every}/{@code at}/{@code
 * on}, {@code payload}, and optionally {@code expect}, {@code timeout}, {@code maxRuns}, {@code
 * connectionId}). Every error names the entry, the key, the value and where the list came from.
 */
public final class ScheduledCallConfig {

  private ScheduledCallConfig() {}

  /**
   * The calls of {@code value}.
   *
   * @param value the config value: a list of mappings (or JSON texts of mappings), or {@code null}
   * @param origin where the list came from, e.g. {@code scheduledCalls in wsmon.yaml}
   * @return the calls, validated, in order
   * @throws ConfigException naming the entry, key, value and origin
   */
  public static List<ScheduledCall> read(Object value, String origin) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new ConfigException(
          "invalid "
              + origin
              + " value '"
              + Redaction.text(String.valueOf(value))
              + "': expected a list of scheduled calls (mappings with name, every/at/on and"
              + " payload)");
    }
    List<ScheduledCall> calls = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      ScheduledCall call = entry(array.getValue(i), "scheduledCalls[" + i + "]", origin);
      if (!names.add(call.getName())) {
        throw new ConfigException(
            "duplicate scheduled call name '"
                + call.getName()
                + "' at scheduledCalls["
                + i
                + "] ("
                + origin
                + "); each call needs its own name");
      }
      calls.add(call);
    }
    return calls;
  }

  private static ScheduledCall entry(Object item, String at, String origin) {
    if (item instanceof String s && s.trim().startsWith("{")) {
      try {
        item = new JsonObject(s);
      } catch (DecodeException e) {
        throw bad(at, origin, s, "not a JSON object");
      }
    }
    if (!(item instanceof JsonObject json)) {
      throw bad(
          at, origin, item, "each scheduled call is a mapping with name, every/at/on, payload");
    }
    for (String key : json.fieldNames()) {
      if (!ScheduledCall.JSON_KEYS.contains(key)) {
        throw new ConfigException(
            "unknown key '"
                + key
                + "' in "
                + at
                + " ("
                + origin
                + "); a scheduled call has "
                + String.join(", ", ScheduledCall.JSON_KEYS));
      }
    }
    Object nameValue = json.getValue("name");
    if (!(nameValue instanceof String name)) {
      throw bad(at + ".name", origin, nameValue, "every scheduled call needs a name (text)");
    }
    ScheduledCall call;
    try {
      call = new ScheduledCall(name);
    } catch (IllegalArgumentException e) {
      throw bad(at + ".name", origin, name, "use letters, digits, '_', '-', '.' or ':'");
    }
    String where = at + " '" + name + "'";
    List<String> triggers =
        Arrays.stream(new String[] {"every", "at", "on"})
            .filter(json::containsKey)
            .collect(Collectors.toList());
    if (triggers.size() != 1) {
      throw new ConfigException(
          where
              + " ("
              + origin
              + ") needs exactly one of every, at or on"
              + (triggers.isEmpty() ? "" : ", got " + String.join(" and ", triggers)));
    }
    if (json.containsKey("every")) {
      Duration every = duration(json, "every", at, origin);
      if (every.toMillis() < 1) {
        throw bad(at + ".every", origin, json.getValue("every"), "must be at least 1ms");
      }
      call.setEvery(every);
    } else if (json.containsKey("at")) {
      call.setAt(duration(json, "at", at, origin));
    } else {
      Object on = json.getValue("on");
      try {
        call.setOn(EventType.valueOf(String.valueOf(on).trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw bad(
            at + ".on",
            origin,
            on,
            "expected an event type: "
                + Arrays.stream(EventType.values())
                    .map(Enum::name)
                    .collect(Collectors.joining(", ")));
      }
    }
    Object payload = json.getValue("payload");
    if (payload == null) {
      throw new ConfigException(
          where + " (" + origin + ") needs a payload (the text each run sends)");
    }
    if (payload instanceof JsonObject || payload instanceof JsonArray) {
      call.setPayload(
          payload instanceof JsonObject o ? o.encode() : ((JsonArray) payload).encode());
    } else {
      call.setPayload(String.valueOf(payload));
    }
    if (json.getValue("expect") != null) {
      Object expect = json.getValue("expect");
      if (!(expect instanceof String regex)) {
        throw bad(at + ".expect", origin, expect, "expected a regular expression (text)");
      }
      try {
        call.setExpect(regex);
      } catch (IllegalArgumentException e) {
        throw bad(at + ".expect", origin, regex, "not a valid regular expression");
      }
    }
    if (json.containsKey("timeout")) {
      Duration timeout = duration(json, "timeout", at, origin);
      if (timeout.toMillis() < 1) {
        throw bad(at + ".timeout", origin, json.getValue("timeout"), "must be at least 1ms");
      }
      call.setTimeout(timeout);
    }
    if (json.containsKey("maxRuns")) {
      call.setMaxRuns(maxRuns(json.getValue("maxRuns"), at, origin));
    }
    if (json.getValue("connectionId") != null) {
      Object id = json.getValue("connectionId");
      if (!(id instanceof String s) || !s.matches("c-[1-9][0-9]*")) {
        throw bad(at + ".connectionId", origin, id, "expected a connection id such as c-1");
      }
      call.setConnectionId(s);
    }
    return call;
  }

  private static Duration duration(JsonObject json, String key, String at, String origin) {
    Object value = json.getValue(key);
    try {
      Duration d = Durations.fromConfig(key, value);
      if (d.isNegative()) {
        throw new IllegalArgumentException("negative");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw bad(at + "." + key, origin, value, "expected a duration such as 500ms, 10s, 2m or 1h");
    }
  }

  private static int maxRuns(Object value, String at, String origin) {
    long n;
    try {
      n =
          value instanceof Number num
              ? num.longValue()
              : Long.parseLong(String.valueOf(value).trim());
      if (value instanceof Number num && num.doubleValue() != n) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw bad(at + ".maxRuns", origin, value, "expected a whole number (0 = unlimited)");
    }
    if (n < 0 || n > Integer.MAX_VALUE) {
      throw bad(at + ".maxRuns", origin, value, "must be 0 (unlimited) or more");
    }
    return (int) n;
  }

  private static ConfigException bad(String key, String origin, Object value, String hint) {
    return new ConfigException(
        "invalid "
            + key
            + " ("
            + origin
            + ") value '"
            + Redaction.text(String.valueOf(value))
            + "': "
            + hint);
  }
}
