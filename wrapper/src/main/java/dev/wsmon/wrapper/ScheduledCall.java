package dev.wsmon.wrapper;

import dev.wsmon.core.Connection;
import dev.wsmon.core.Durations;
import dev.wsmon.core.EventType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A call the {@link TestingWrapper} makes on its own: once at a time after start ({@link
 * #setAt(Duration)}), every interval ({@link #setEvery(Duration)}), or on a connection event
 * ({@link #setOn(EventType)}, e.g. {@link EventType#CONNECTED} or {@link EventType#DISCONNECTED}).
 * Each run sends {@link #getPayload() a text payload} or calls {@link #setAction(Action) a
 * function} with the connection, and may expect a received message matching {@link
 * #setExpect(String) a regex} or {@link #setExpectPredicate(Predicate) a predicate} within {@link
 * #getTimeout() a timeout}.
 *
 * <p>Results are counted per call name under {@code scheduled_calls} in the stats and exports:
 * {@code {"<name>": {"runs", "ok", "failed", "timed_out", "latency_ms": {count, min, mean, p50,
 * p90, p99, p999, max}}}}. A run is {@code ok} when the send (or the function's future) succeeded
 * and, with an expectation, a matching message arrived in time; {@code timed_out} when the expected
 * message did not arrive within the timeout (or the function's future did not complete in it);
 * {@code failed} otherwise (not connected, send failed, function failed, or the connection closed
 * while the run waited, also at stop: reason {@code closed}). Latency runs from the start of the
 * run to its success: the match of the expected message, or else the completion of the send or
 * function.
 *
 * <p>Calls run on the scenario engine as one-step scenarios (see {@code docs/scenarios.md}): runs
 * of one call may overlap; a received message answers one waiting run at most, the oldest it
 * matches among the calls of that connection; failures reach the event history as {@code
 * STEP_FAILED}.
 *
 * <p>JSON form (camelCase keys; exactly one of {@code at}, {@code every}, {@code on}):
 *
 * <pre>{@code
 * {"name": "heartbeat", "every": "5s", "payload": "ping", "expect": "pong.*", "timeout": "2s"}
 * {"name": "hello", "on": "CONNECTED", "payload": "{\"op\":\"subscribe\"}"}
 * {"name": "late", "at": "30s", "payload": "status", "expect": "ok", "maxRuns": 1}
 * }</pre>
 */
public class ScheduledCall {

  /** Default {@code timeout} for an expected reply or a function: 5 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** Default {@code maxRuns}: 0, meaning unlimited. */
  public static final int DEFAULT_MAX_RUNS = 0;

  /** The JSON property names. */
  public static final List<String> JSON_KEYS =
      List.of(
          "name", "at", "every", "on", "payload", "expect", "timeout", "maxRuns", "connectionId");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-.:]+");

  /** When a call runs. */
  public enum Trigger {
    /** Once, at a time after start. */
    AT,
    /** Every interval after start (first run after one interval). */
    EVERY,
    /** On each connection event of a type. */
    ON_EVENT
  }

  /** A user function run with the connection; its future decides the outcome. */
  @FunctionalInterface
  public interface Action {
    /**
     * Runs the call.
     *
     * @param connection the connection the call targets
     * @return completes when the call is done, fails with the reason otherwise
     */
    Future<?> run(Connection connection);
  }

  private String name;
  private Trigger trigger;
  private Duration at;
  private Duration every;
  private EventType on;
  private String payload;
  private Action action;
  private String expect;
  private Predicate<String> expectPredicate;
  private Duration timeout = DEFAULT_TIMEOUT;
  private int maxRuns = DEFAULT_MAX_RUNS;
  private String connectionId;

  /** An empty call; set a name and a trigger. */
  public ScheduledCall() {}

  /**
   * A call with a name.
   *
   * @param name letters, digits, {@code _ - . :}
   */
  public ScheduledCall(String name) {
    setName(name);
  }

  /**
   * A copy of {@code other}.
   *
   * @param other the call to copy
   */
  public ScheduledCall(ScheduledCall other) {
    this.name = other.name;
    this.trigger = other.trigger;
    this.at = other.at;
    this.every = other.every;
    this.on = other.on;
    this.payload = other.payload;
    this.action = other.action;
    this.expect = other.expect;
    this.expectPredicate = other.expectPredicate;
    this.timeout = other.timeout;
    this.maxRuns = other.maxRuns;
    this.connectionId = other.connectionId;
  }

  /**
   * A call read from JSON.
   *
   * @param json the JSON form
   * @throws IllegalArgumentException naming the key for an unknown key or a bad value
   */
  public ScheduledCall(JsonObject json) {
    for (String key : json.fieldNames()) {
      if (!JSON_KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "unknown scheduled call key '" + key + "', known keys: " + JSON_KEYS);
      }
    }
    setName(json.getString("name"));
    int triggers = 0;
    if (json.containsKey("at")) {
      setAt(Durations.fromConfig("at", json.getValue("at")));
      triggers++;
    }
    if (json.containsKey("every")) {
      setEvery(Durations.fromConfig("every", json.getValue("every")));
      triggers++;
    }
    if (json.containsKey("on")) {
      String type = String.valueOf(json.getValue("on")).toUpperCase(Locale.ROOT);
      try {
        setOn(EventType.valueOf(type));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "scheduled call on must be an event type such as CONNECTED or DISCONNECTED, got "
                + json.getValue("on"));
      }
      triggers++;
    }
    if (triggers != 1) {
      throw new IllegalArgumentException(
          "scheduled call '" + name + "' needs exactly one of at, every or on, got " + json);
    }
    if (json.containsKey("payload")) {
      setPayload(json.getString("payload"));
    }
    if (json.containsKey("expect")) {
      setExpect(json.getString("expect"));
    }
    if (json.containsKey("timeout")) {
      setTimeout(Durations.fromConfig("timeout", json.getValue("timeout")));
    }
    if (json.containsKey("maxRuns")) {
      setMaxRuns(json.getInteger("maxRuns"));
    }
    if (json.containsKey("connectionId")) {
      setConnectionId(json.getString("connectionId"));
    }
  }

  /** The JSON form (without the function and the predicate, which have none). */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("name", name);
    if (trigger == Trigger.AT) {
      json.put("at", Durations.format(at));
    } else if (trigger == Trigger.EVERY) {
      json.put("every", Durations.format(every));
    } else if (trigger == Trigger.ON_EVENT) {
      json.put("on", on.name());
    }
    if (payload != null) {
      json.put("payload", payload);
    }
    if (expect != null) {
      json.put("expect", expect);
    }
    json.put("timeout", Durations.format(timeout));
    json.put("maxRuns", maxRuns);
    if (connectionId != null) {
      json.put("connectionId", connectionId);
    }
    return json;
  }

  /**
   * Checks that the call can run: a name, a trigger, and a payload or an action.
   *
   * @throws IllegalStateException naming the call and what is missing
   */
  public void validate() {
    if (name == null) {
      throw new IllegalStateException("scheduled call needs a name");
    }
    if (trigger == null) {
      throw new IllegalStateException(
          "scheduled call '" + name + "' needs a trigger: setAt, setEvery or setOn");
    }
    if (payload == null && action == null) {
      throw new IllegalStateException("scheduled call '" + name + "' needs a payload or an action");
    }
  }

  /** The name under which results are counted. */
  public String getName() {
    return name;
  }

  /**
   * Sets the name under which results are counted.
   *
   * @param name letters, digits, {@code _ - . :}
   * @return this
   * @throws IllegalArgumentException naming the value when malformed
   */
  public ScheduledCall setName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "scheduled call name must be letters, digits, '_', '-', '.' or ':', got '" + name + "'");
    }
    this.name = name;
    return this;
  }

  /** When the call runs, or {@code null} before a trigger is set. */
  public Trigger getTrigger() {
    return trigger;
  }

  /** The delay after start of an {@link Trigger#AT} call, or {@code null}. */
  public Duration getAt() {
    return at;
  }

  /**
   * Runs the call once, {@code at} after the wrapper started.
   *
   * @param at zero or more
   * @return this
   * @throws IllegalArgumentException when negative
   */
  public ScheduledCall setAt(Duration at) {
    Objects.requireNonNull(at, "at");
    if (at.isNegative()) {
      throw new IllegalArgumentException("scheduled call at must not be negative, got " + at);
    }
    clearTrigger();
    this.trigger = Trigger.AT;
    this.at = at;
    return this;
  }

  /** The interval of an {@link Trigger#EVERY} call, or {@code null}. */
  public Duration getEvery() {
    return every;
  }

  /**
   * Runs the call every {@code every}, the first time one interval after start.
   *
   * @param every at least 1 ms
   * @return this
   * @throws IllegalArgumentException when shorter than 1 ms
   */
  public ScheduledCall setEvery(Duration every) {
    Objects.requireNonNull(every, "every");
    if (every.toMillis() < 1) {
      throw new IllegalArgumentException(
          "scheduled call every must be at least 1ms, got " + Durations.format(every));
    }
    clearTrigger();
    this.trigger = Trigger.EVERY;
    this.every = every;
    return this;
  }

  /** The event type of an {@link Trigger#ON_EVENT} call, or {@code null}. */
  public EventType getOn() {
    return on;
  }

  /**
   * Runs the call on each event of type {@code on} of the target connection, e.g. {@link
   * EventType#CONNECTED} (also after each reconnect) or {@link EventType#DISCONNECTED}.
   *
   * @param on the event type
   * @return this
   */
  public ScheduledCall setOn(EventType on) {
    Objects.requireNonNull(on, "on");
    clearTrigger();
    this.trigger = Trigger.ON_EVENT;
    this.on = on;
    return this;
  }

  private void clearTrigger() {
    at = null;
    every = null;
    on = null;
  }

  /** The text payload sent by each run, or {@code null}. */
  public String getPayload() {
    return payload;
  }

  /**
   * Sets the text payload each run sends (when no {@link #setAction(Action) action} is set).
   *
   * @param payload the text, {@code null} for none
   * @return this
   */
  public ScheduledCall setPayload(String payload) {
    this.payload = payload;
    return this;
  }

  /** The user function each run calls, or {@code null}. */
  public Action getAction() {
    return action;
  }

  /**
   * Sets a function each run calls with the connection instead of sending the payload.
   *
   * @param action the function, {@code null} for none
   * @return this
   */
  public ScheduledCall setAction(Action action) {
    this.action = action;
    return this;
  }

  /** The regex a received text message must match (whole message), or {@code null}. */
  public String getExpect() {
    return expect;
  }

  /**
   * Expects a received text message matching {@code regex} (the whole message, {@link
   * java.util.regex.Matcher#matches()}) within the timeout.
   *
   * @param regex a Java regular expression, {@code null} for none
   * @return this
   * @throws IllegalArgumentException naming the regex when it does not compile
   */
  public ScheduledCall setExpect(String regex) {
    if (regex == null) {
      this.expect = null;
      this.expectPredicate = null;
      return this;
    }
    try {
      Pattern pattern = Pattern.compile(regex, Pattern.DOTALL);
      this.expect = regex;
      this.expectPredicate = text -> pattern.matcher(text).matches();
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "scheduled call expect is not a regular expression: '" + regex + "'", e);
    }
    return this;
  }

  /** The predicate a received text message must satisfy, or {@code null}. */
  public Predicate<String> getExpectPredicate() {
    return expectPredicate;
  }

  /**
   * Expects a received text message for which {@code predicate} holds within the timeout.
   *
   * @param predicate the predicate, called on the connection's event loop; {@code null} for none
   * @return this
   */
  public ScheduledCall setExpectPredicate(Predicate<String> predicate) {
    this.expectPredicate = predicate;
    this.expect = null;
    return this;
  }

  /**
   * How long a run waits for the function's future, and then for the expected message from when the
   * send was written or the function completed (default 5 s).
   */
  public Duration getTimeout() {
    return timeout;
  }

  /**
   * Sets how long a run waits for the function's future, and then for the expected message from
   * when the send was written or the function completed.
   *
   * @param timeout at least 1 ms
   * @return this
   * @throws IllegalArgumentException when shorter than 1 ms
   */
  public ScheduledCall setTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.toMillis() < 1) {
      throw new IllegalArgumentException(
          "scheduled call timeout must be at least 1ms, got " + Durations.format(timeout));
    }
    this.timeout = timeout;
    return this;
  }

  /** The most runs (0 = unlimited, the default). */
  public int getMaxRuns() {
    return maxRuns;
  }

  /**
   * Caps the number of runs.
   *
   * @param maxRuns 0 for unlimited, or more
   * @return this
   * @throws IllegalArgumentException when negative
   */
  public ScheduledCall setMaxRuns(int maxRuns) {
    if (maxRuns < 0) {
      throw new IllegalArgumentException(
          "scheduled call maxRuns must be 0 (unlimited) or more, got " + maxRuns);
    }
    this.maxRuns = maxRuns;
    return this;
  }

  /**
   * The target connection id, or {@code null} for the wrapper's {@link TestingWrapper#client()}.
   */
  public String getConnectionId() {
    return connectionId;
  }

  /**
   * Sets the target connection.
   *
   * @param connectionId a connection id such as {@code c-2}, {@code null} for the wrapper's client
   * @return this
   */
  public ScheduledCall setConnectionId(String connectionId) {
    this.connectionId = connectionId;
    return this;
  }

  @Override
  public String toString() {
    return "ScheduledCall" + toJson().encode();
  }
}
