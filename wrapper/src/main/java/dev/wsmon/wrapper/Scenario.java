package dev.wsmon.wrapper;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A conversation each connection has with its server: a list of {@link ScenarioStep steps} run from
 * the start of every connection session to its last step. See {@code docs/scenarios.md}.
 *
 * <p>JSON form (the value of the config key {@code scenario}):
 *
 * <pre>{@code
 * {"name": "feed", "onReconnect": "restart",
 *  "steps": [{"send": "{\"op\":\"ping\",\"id\":\"{conn}-{seq}\"}", "name": "ping"},
 *            {"expect": {"name": "pong", "json": {"op": "pong"}, "timeout": "1s"}},
 *            {"close": {"code": 1000, "reason": "done"}}]}
 * }</pre>
 */
public class Scenario {

  /** Default {@code name}: {@code scenario}. */
  public static final String DEFAULT_NAME = "scenario";

  /** Default {@code onReconnect}: {@link OnReconnect#RESTART}. */
  public static final OnReconnect DEFAULT_ON_RECONNECT = OnReconnect.RESTART;

  /** The JSON property names. */
  public static final List<String> JSON_KEYS = List.of("name", "onReconnect", "steps");

  /** What a new session of a connection does after a reconnect. */
  public enum OnReconnect {
    /** Start the scenario again from its first step (a new iteration). */
    RESTART,
    /** Go on with the step after the one the drop interrupted (same iteration). */
    CONTINUE,
    /** Run nothing more on that connection. */
    STOP
  }

  private String name = DEFAULT_NAME;
  private OnReconnect onReconnect = DEFAULT_ON_RECONNECT;
  private List<ScenarioStep> steps = new ArrayList<>();

  /** An empty scenario; add steps. */
  public Scenario() {}

  /** A copy of {@code other}. */
  public Scenario(Scenario other) {
    this.name = other.name;
    this.onReconnect = other.onReconnect;
    this.steps = new ArrayList<>(other.steps);
  }

  /**
   * A scenario read from JSON.
   *
   * @throws IllegalArgumentException naming the bad key or value (with the step's position)
   */
  public Scenario(JsonObject json) {
    for (String key : json.fieldNames()) {
      if (!JSON_KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "unknown scenario key '" + key + "', known keys: " + JSON_KEYS);
      }
    }
    if (json.containsKey("name")) {
      setName(String.valueOf(json.getValue("name")));
    }
    Object on = json.getValue("onReconnect");
    if (on != null) {
      try {
        setOnReconnect(OnReconnect.valueOf(String.valueOf(on).toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "scenario onReconnect must be restart, continue or stop, got '" + on + "'");
      }
    }
    Object list = json.getValue("steps");
    if (!(list instanceof JsonArray array) || array.isEmpty()) {
      throw new IllegalArgumentException("scenario 'steps' must be a non-empty list, got " + list);
    }
    setSteps(ScenarioStep.listFromJson(array, "steps"));
  }

  /** The JSON form; {@code new Scenario(s.toJson())} equals {@code s}. */
  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    steps.forEach(s -> array.add(s.toJson()));
    return new JsonObject()
        .put("name", name)
        .put("onReconnect", onReconnect.name().toLowerCase(Locale.ROOT))
        .put("steps", array);
  }

  /** The scenario's name (shown in results). */
  public String getName() {
    return name;
  }

  /** Sets the name; not blank. */
  public Scenario setName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("scenario name must not be blank");
    }
    this.name = name;
    return this;
  }

  /** What a reconnected connection does; default {@link #DEFAULT_ON_RECONNECT}. */
  public OnReconnect getOnReconnect() {
    return onReconnect;
  }

  /** Sets what a reconnected connection does. */
  public Scenario setOnReconnect(OnReconnect onReconnect) {
    this.onReconnect = Objects.requireNonNull(onReconnect, "onReconnect");
    return this;
  }

  /** The steps, in order. */
  public List<ScenarioStep> getSteps() {
    return List.copyOf(steps);
  }

  /** Sets the steps; not empty. */
  public Scenario setSteps(List<ScenarioStep> steps) {
    Objects.requireNonNull(steps, "steps");
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a scenario needs at least one step");
    }
    steps.forEach(s -> Objects.requireNonNull(s, "step"));
    this.steps = new ArrayList<>(steps);
    return this;
  }

  /** Adds a step at the end. */
  public Scenario addStep(ScenarioStep step) {
    steps.add(Objects.requireNonNull(step, "step"));
    return this;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scenario s && s.toJson().equals(toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
