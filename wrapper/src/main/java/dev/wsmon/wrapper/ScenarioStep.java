package dev.wsmon.wrapper;

import dev.wsmon.core.Durations;
import dev.wsmon.core.protocol.Protocol;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One step of a {@link Scenario}. JSON form: one kind key ({@code send}, {@code expect}, {@code
 * wait} or its alias {@code think}, {@code repeat}, {@code close}, and the protocol steps of {@link
 * ProtocolSteps}: {@code emit}, {@code subscribe}) holding the step's value, and an optional {@code
 * name} beside it or, when the value is an object, inside it. Kinds are looked up in a registry
 * ({@link #registerKind}) so protocol layers can add their own (e.g. {@code emit}, {@code
 * subscribe}).
 */
public abstract class ScenarioStep {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-]+");

  /** Reads the value of a step kind key into a step; {@code where} names the step in errors. */
  @FunctionalInterface
  public interface Parser {
    /**
     * @param value the value of the kind key (a string, number, boolean, object or list)
     * @param where the step's position, e.g. {@code steps[2]}, for error messages
     * @throws IllegalArgumentException naming the bad key or value
     */
    ScenarioStep parse(Object value, String where);
  }

  private static final Map<String, Parser> KINDS = new ConcurrentHashMap<>();

  static {
    KINDS.put("send", ScenarioStep::parseSend);
    KINDS.put("expect", Expect::parse);
    KINDS.put("wait", Wait::parse);
    KINDS.put("think", Wait::parse);
    KINDS.put("repeat", Repeat::parse);
    KINDS.put("close", Close::parse);
    KINDS.put("emit", ProtocolSteps.Emit::parse);
    KINDS.put("subscribe", ProtocolSteps.Subscribe::parse);
  }

  /** A plain {@code send}, or a STOMP one when its value has a {@code destination}. */
  private static ScenarioStep parseSend(Object value, String where) {
    if (value instanceof JsonObject json && json.containsKey("destination")) {
      return ProtocolSteps.Publish.parse(value, where);
    }
    return Send.parse(value, where);
  }

  private String name;

  /**
   * Registers a step kind (a protocol layer's {@code emit}, ...).
   *
   * @throws IllegalStateException when the kind is known already
   */
  public static void registerKind(String kind, Parser parser) {
    Objects.requireNonNull(parser, "parser");
    if (KINDS.putIfAbsent(kind, parser) != null) {
      throw new IllegalStateException("step kind '" + kind + "' is registered already");
    }
  }

  /**
   * Reads one step.
   *
   * @param json {@code {"<kind>": value, "name"?: ..}}
   * @param where the step's position for error messages
   * @throws IllegalArgumentException naming the bad key or value
   */
  public static ScenarioStep fromJson(JsonObject json, String where) {
    String kind = null;
    for (String key : json.fieldNames()) {
      if (key.equals("name")) {
        continue;
      }
      if (!KINDS.containsKey(key)) {
        throw new IllegalArgumentException(
            where + ": unknown step key '" + key + "', known step kinds: " + KINDS.keySet());
      }
      if (kind != null) {
        throw new IllegalArgumentException(
            where + ": a step has one kind, got both '" + kind + "' and '" + key + "'");
      }
      kind = key;
    }
    if (kind == null) {
      throw new IllegalArgumentException(where + ": a step needs a kind key " + KINDS.keySet());
    }
    Object value = json.getValue(kind);
    String inner = null;
    if (value instanceof JsonObject object && object.containsKey("name")) {
      inner = String.valueOf(object.getValue("name"));
      object = object.copy();
      object.remove("name");
      value = object;
    }
    ScenarioStep step = KINDS.get(kind).parse(value, where + "." + kind);
    String outer = json.containsKey("name") ? String.valueOf(json.getValue("name")) : null;
    if (outer != null && inner != null && !outer.equals(inner)) {
      throw new IllegalArgumentException(
          where + ": two names '" + outer + "' and '" + inner + "'; give one");
    }
    String name = outer != null ? outer : inner;
    if (name != null) {
      try {
        step.setName(name);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage());
      }
    }
    return step;
  }

  /** Reads a list of steps ({@code where} names the list in errors). */
  public static List<ScenarioStep> listFromJson(JsonArray array, String where) {
    List<ScenarioStep> steps = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object element = array.getValue(i);
      if (!(element instanceof JsonObject json)) {
        throw new IllegalArgumentException(
            where + "[" + (i + 1) + "]: a step must be an object, got " + element);
      }
      steps.add(fromJson(json, where + "[" + (i + 1) + "]"));
    }
    return steps;
  }

  /** The kind key of this step. */
  public abstract String kind();

  /** The value of the kind key in the JSON form, without the name. */
  protected abstract Object valueJson();

  /** {@code {"<kind>": value, "name"?: ..}}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put(kind(), valueJson());
    if (name != null) {
      json.put("name", name);
    }
    return json;
  }

  /** The step's name, or null (then it is named by kind and position, e.g. {@code send-1}). */
  public String getName() {
    return name;
  }

  /** Sets the name: letters, digits, {@code _} and {@code -}. */
  public ScenarioStep setName(String name) {
    if (name != null && !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "step name '" + name + "' must be letters, digits, '_' or '-'");
    }
    this.name = name;
    return this;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScenarioStep s && s.toJson().equals(toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return toJson().encode();
  }

  static JsonObject object(Object value, String where, List<String> keys) {
    if (!(value instanceof JsonObject json)) {
      throw new IllegalArgumentException(where + " must be an object, got " + value);
    }
    for (String key : json.fieldNames()) {
      if (!keys.contains(key)) {
        throw new IllegalArgumentException(
            where + ": unknown key '" + key + "', known keys: " + keys);
      }
    }
    return json;
  }

  static Duration duration(Object value, String where) {
    try {
      return Durations.fromConfig(where, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  /** Sends a text (templates allowed) or a binary message. */
  public static final class Send extends ScenarioStep {
    private static final List<String> KEYS = List.of("text", "binary");
    private final String text;
    private final byte[] binary;

    /** Sends {@code text} (a template). */
    public Send(String text) {
      this.text = Objects.requireNonNull(text, "text");
      this.binary = null;
    }

    private Send(byte[] binary) {
      this.text = null;
      this.binary = binary;
    }

    /** Sends {@code data} as one binary message. */
    public static Send binary(byte[] data) {
      return new Send(data.clone());
    }

    static Send parse(Object value, String where) {
      if (value instanceof String s) {
        return new Send(s);
      }
      JsonObject json = object(value, where, KEYS);
      if (json.containsKey("text") == json.containsKey("binary")) {
        throw new IllegalArgumentException(where + " needs exactly one of 'text' or 'binary'");
      }
      if (json.containsKey("text")) {
        return new Send(String.valueOf(json.getValue("text")));
      }
      try {
        return binary(Base64.getDecoder().decode(String.valueOf(json.getValue("binary"))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ".binary is not base64: " + e.getMessage());
      }
    }

    /** The text template, or null for a binary send. */
    public String getText() {
      return text;
    }

    /** The binary payload, or null for a text send. */
    public byte[] getBinary() {
      return binary == null ? null : binary.clone();
    }

    @Override
    public String kind() {
      return "send";
    }

    @Override
    protected Object valueJson() {
      return text != null
          ? text
          : new JsonObject().put("binary", Base64.getEncoder().encodeToString(binary));
    }

    @Override
    public Send setName(String name) {
      super.setName(name);
      return this;
    }
  }

  /**
   * Waits for a received text message that matches: every {@code json} dotted path equals its value
   * (templates allowed), the {@code regex} is found, and the {@code not} condition does not hold.
   * Messages that do not match are skipped (still counted as received). Under a protocol it looks
   * at the application messages with a channel, and {@code event} (Socket.IO), {@code destination}
   * (STOMP) or {@code subscription} (graphql-ws) names the channel; json and regex then apply to
   * the message's payload.
   */
  public static final class Expect extends ScenarioStep {

    /** Default {@code timeout}: 5 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final List<String> KEYS =
        List.of(
            "json", "regex", "not", "timeout", "capture", "event", "destination", "subscription");

    /** The channel keys of protocol expects and the protocol of each. */
    private static final Map<String, Protocol> CHANNEL_KEYS =
        Map.of(
            "event", Protocol.SOCKETIO,
            "destination", Protocol.STOMP,
            "subscription", Protocol.GRAPHQL_WS);

    private static final List<String> NOT_KEYS = List.of("json", "regex");

    private JsonObject json = new JsonObject();
    private String regex;
    private JsonObject not;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Map<String, Object> capture = new LinkedHashMap<>();
    private String channelKey;
    private String channel;

    /** An expect matching any message. */
    public Expect() {}

    static Expect parse(Object value, String where) {
      JsonObject body = object(value, where, KEYS);
      Expect e = new Expect();
      for (String key : CHANNEL_KEYS.keySet()) {
        if (body.containsKey(key)) {
          if (e.channelKey != null) {
            throw new IllegalArgumentException(
                where + ": give one of 'event', 'destination' or 'subscription', not two");
          }
          Object c = body.getValue(key);
          if (!(c instanceof String s) || s.isEmpty()) {
            throw new IllegalArgumentException(
                where + "." + key + " must be a non-empty text, got " + c);
          }
          e.setChannel(key, s);
        }
      }
      if (body.containsKey("json")) {
        if (!(body.getValue("json") instanceof JsonObject j)) {
          throw new IllegalArgumentException(
              where + ".json must be an object of path: value, got " + body.getValue("json"));
        }
        e.setJson(j);
      }
      if (body.containsKey("regex")) {
        e.setRegex(String.valueOf(body.getValue("regex")));
      }
      if (body.containsKey("not")) {
        JsonObject n = object(body.getValue("not"), where + ".not", NOT_KEYS);
        e.setNot(n);
      }
      if (body.containsKey("timeout")) {
        e.setTimeout(duration(body.getValue("timeout"), where + ".timeout"));
      }
      if (body.containsKey("capture")) {
        if (!(body.getValue("capture") instanceof JsonObject c)) {
          throw new IllegalArgumentException(
              where + ".capture must be an object of name: path, got " + body.getValue("capture"));
        }
        for (String name : c.fieldNames()) {
          Object source = c.getValue(name);
          if (source instanceof Number n && e.regex == null) {
            throw new IllegalArgumentException(
                where + ".capture." + name + ": a group number needs a regex");
          }
          if (!(source instanceof String) && !(source instanceof Number)) {
            throw new IllegalArgumentException(
                where
                    + ".capture."
                    + name
                    + " must be a dotted JSON path or a regex group number, got "
                    + source);
          }
          e.capture.put(name, source);
        }
      }
      return e;
    }

    /**
     * The channel key: {@code event}, {@code destination} or {@code subscription}, or null for any
     * message.
     */
    public String getChannelKey() {
      return channelKey;
    }

    /** The event, destination or subscription name a match must arrive on, or null. */
    public String getChannel() {
      return channel;
    }

    /**
     * Matches only messages on {@code channel}.
     *
     * @param key {@code event} (Socket.IO), {@code destination} (STOMP) or {@code subscription}
     *     (graphql-ws); null with a null channel for any message
     */
    public Expect setChannel(String key, String channel) {
      if ((key == null) != (channel == null) || (key != null && !CHANNEL_KEYS.containsKey(key))) {
        throw new IllegalArgumentException(
            "expect channel key must be event, destination or subscription with a name, got "
                + key
                + "="
                + channel);
      }
      this.channelKey = key;
      this.channel = channel;
      return this;
    }

    /** The protocol the channel key belongs to, or null without one. */
    public Protocol channelProtocol() {
      return channelKey == null ? null : CHANNEL_KEYS.get(channelKey);
    }

    /** The JSON fields that must equal (dotted paths for nesting). */
    public JsonObject getJson() {
      return json.copy();
    }

    /** Sets the JSON fields that must equal. */
    public Expect setJson(JsonObject json) {
      this.json = Objects.requireNonNull(json, "json").copy();
      return this;
    }

    /** The regex that must be found in the message, or null. */
    public String getRegex() {
      return regex;
    }

    /** Sets the regex that must be found (templates allowed). */
    public Expect setRegex(String regex) {
      if (regex != null) {
        try {
          Pattern.compile(PayloadTemplate.withoutPlaceholders(regex));
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "expect regex '" + regex + "' is invalid: " + e.getDescription());
        }
      }
      this.regex = regex;
      return this;
    }

    /** The condition ({@code json} and/or {@code regex}) a match must not meet, or null. */
    public JsonObject getNot() {
      return not == null ? null : not.copy();
    }

    /** Sets the condition a match must not meet. */
    public Expect setNot(JsonObject not) {
      this.not = not == null ? null : not.copy();
      return this;
    }

    /** How long to wait; default {@link #DEFAULT_TIMEOUT}. */
    public Duration getTimeout() {
      return timeout;
    }

    /** Sets how long to wait; positive. */
    public Expect setTimeout(Duration timeout) {
      if (timeout == null || timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("expect timeout must be positive, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** Captures: name to a dotted JSON path (String) or a regex group number (Integer). */
    public Map<String, Object> getCapture() {
      return new LinkedHashMap<>(capture);
    }

    /** Adds a capture of the dotted JSON path {@code path} of the match as {@code {name}}. */
    public Expect capture(String name, String path) {
      capture.put(name, path);
      return this;
    }

    @Override
    public String kind() {
      return "expect";
    }

    @Override
    protected Object valueJson() {
      JsonObject out = new JsonObject();
      if (channelKey != null) {
        out.put(channelKey, channel);
      }
      if (!json.isEmpty()) {
        out.put("json", json.copy());
      }
      if (regex != null) {
        out.put("regex", regex);
      }
      if (not != null) {
        out.put("not", not.copy());
      }
      out.put("timeout", Durations.format(timeout));
      if (!capture.isEmpty()) {
        out.put("capture", new JsonObject(new LinkedHashMap<>(capture)));
      }
      return out;
    }

    @Override
    public Expect setName(String name) {
      super.setName(name);
      return this;
    }
  }

  /** Waits a fixed time or a uniform random time in a range ({@code 200ms-800ms}). */
  public static final class Wait extends ScenarioStep {
    private final ThinkTime time;

    /** Waits {@code time}. */
    public Wait(ThinkTime time) {
      this.time = Objects.requireNonNull(time, "time");
    }

    static Wait parse(Object value, String where) {
      return new Wait(ThinkTime.fromConfig(value, where));
    }

    /** How long to wait. */
    public ThinkTime getTime() {
      return time;
    }

    @Override
    public String kind() {
      return "wait";
    }

    @Override
    protected Object valueJson() {
      return time.toString();
    }

    @Override
    public Wait setName(String name) {
      super.setName(name);
      return this;
    }
  }

  /**
   * Runs its steps {@code count} times, for a duration, or forever, with an optional think time
   * between iterations. A container: it has no results of its own.
   */
  public static final class Repeat extends ScenarioStep {
    private static final List<String> KEYS = List.of("count", "for", "forever", "think", "steps");
    private long count;
    private Duration duration;
    private boolean forever;
    private ThinkTime think = ThinkTime.NONE;
    private final List<ScenarioStep> steps;

    /** Repeats {@code steps}; set one of count, duration or forever. */
    public Repeat(List<ScenarioStep> steps) {
      if (steps == null || steps.isEmpty()) {
        throw new IllegalArgumentException("repeat needs at least one step");
      }
      this.steps = List.copyOf(steps);
    }

    static Repeat parse(Object value, String where) {
      JsonObject body = object(value, where, KEYS);
      Object list = body.getValue("steps");
      if (!(list instanceof JsonArray array) || array.isEmpty()) {
        throw new IllegalArgumentException(where + ".steps must be a non-empty list, got " + list);
      }
      Repeat r = new Repeat(listFromJson(array, where + ".steps"));
      int modes = 0;
      if (body.containsKey("count")) {
        modes++;
        Object c = body.getValue("count");
        if (!(c instanceof Number n) || n.longValue() < 1 || n.doubleValue() != n.longValue()) {
          throw new IllegalArgumentException(where + ".count must be a positive integer, got " + c);
        }
        r.setCount(n.longValue());
      }
      if (body.containsKey("for")) {
        modes++;
        r.setDuration(duration(body.getValue("for"), where + ".for"));
      }
      if (body.containsKey("forever")) {
        if (!Boolean.TRUE.equals(body.getValue("forever"))) {
          throw new IllegalArgumentException(
              where + ".forever must be true, got " + body.getValue("forever"));
        }
        modes++;
        r.setForever(true);
      }
      if (modes != 1) {
        throw new IllegalArgumentException(
            where + " needs exactly one of 'count', 'for' or 'forever'");
      }
      if (body.containsKey("think")) {
        r.setThink(ThinkTime.fromConfig(body.getValue("think"), where + ".think"));
      }
      return r;
    }

    /** How many times, or 0 when {@code for} or {@code forever} is set. */
    public long getCount() {
      return count;
    }

    /** Repeats {@code count} times. */
    public Repeat setCount(long count) {
      if (count < 1) {
        throw new IllegalArgumentException("repeat count must be positive, got " + count);
      }
      this.count = count;
      this.duration = null;
      this.forever = false;
      return this;
    }

    /** How long to go on starting iterations, or null. */
    public Duration getDuration() {
      return duration;
    }

    /** Starts iterations until {@code duration} after the repeat began. */
    public Repeat setDuration(Duration duration) {
      if (duration == null || duration.isZero() || duration.isNegative()) {
        throw new IllegalArgumentException("repeat for must be positive, got " + duration);
      }
      this.duration = duration;
      this.count = 0;
      this.forever = false;
      return this;
    }

    /** Whether it repeats until the session or the run ends. */
    public boolean isForever() {
      return forever;
    }

    /** Repeats until the session or the run ends. */
    public Repeat setForever(boolean forever) {
      this.forever = forever;
      if (forever) {
        this.count = 0;
        this.duration = null;
      }
      return this;
    }

    /** The think time between iterations. */
    public ThinkTime getThink() {
      return think;
    }

    /** Sets the think time between iterations. */
    public Repeat setThink(ThinkTime think) {
      this.think = Objects.requireNonNull(think, "think");
      return this;
    }

    /** The repeated steps. */
    public List<ScenarioStep> getSteps() {
      return steps;
    }

    @Override
    public String kind() {
      return "repeat";
    }

    @Override
    protected Object valueJson() {
      JsonObject out = new JsonObject();
      if (forever) {
        out.put("forever", true);
      } else if (duration != null) {
        out.put("for", Durations.format(duration));
      } else {
        out.put("count", count);
      }
      if (!think.equals(ThinkTime.NONE)) {
        out.put("think", think.toString());
      }
      JsonArray array = new JsonArray();
      steps.forEach(s -> array.add(s.toJson()));
      return out.put("steps", array);
    }

    @Override
    public Repeat setName(String name) {
      super.setName(name);
      return this;
    }
  }

  /**
   * wsmon closes the connection with a code and reason: {@code CLOSED}, not a disconnection, and no
   * reconnect.
   */
  public static final class Close extends ScenarioStep {
    /** Default {@code code}: 1000. */
    public static final int DEFAULT_CODE = 1000;

    /** Default {@code reason}: {@code scenario done}. */
    public static final String DEFAULT_REASON = "scenario done";

    private static final List<String> KEYS = List.of("code", "reason");
    private final int code;
    private final String reason;

    /** Closes with {@code code} (1000 or 3000-4999) and {@code reason}. */
    public Close(int code, String reason) {
      if (code != 1000 && (code < 3000 || code > 4999)) {
        throw new IllegalArgumentException(
            "close code must be 1000 or 3000-4999 (codes a client may send), got " + code);
      }
      this.code = code;
      this.reason = reason == null ? DEFAULT_REASON : reason;
    }

    static Close parse(Object value, String where) {
      if (value == null || Boolean.TRUE.equals(value)) {
        return new Close(DEFAULT_CODE, DEFAULT_REASON);
      }
      JsonObject body = object(value, where, KEYS);
      Object code = body.getValue("code", DEFAULT_CODE);
      if (!(code instanceof Number n)) {
        throw new IllegalArgumentException(where + ".code must be a number, got " + code);
      }
      try {
        return new Close(
            n.intValue(), body.containsKey("reason") ? body.getString("reason") : DEFAULT_REASON);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage());
      }
    }

    /** The close code. */
    public int getCode() {
      return code;
    }

    /** The close reason. */
    public String getReason() {
      return reason;
    }

    @Override
    public String kind() {
      return "close";
    }

    @Override
    protected Object valueJson() {
      return new JsonObject().put("code", code).put("reason", reason);
    }

    @Override
    public Close setName(String name) {
      super.setName(name);
      return this;
    }
  }
}
