package dev.wsmon.runner.cluster;

import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.Map;

/**
 * The scenario figures of the live line in a small form that agents send to the coordinator while a
 * run goes on: {@code name, iterations, completed, failed, interrupted, steps.<name>.{ok, failed,
 * timed_out}, checks.{passes, fails}}, and {@code resets}, the coordinator's stats resets applied
 * to them. No latencies: those arrive with the final results.
 */
final class ScenarioFigures {

  private static final String[] RUN = {"iterations", "completed", "failed", "interrupted"};
  private static final String[] STEP = {"ok", "failed", "timed_out"};
  private static final String[] CHECK = {"passes", "fails"};

  /** Key of the number of the coordinator's stats resets the figures start after. */
  static final String RESETS = "resets";

  /** Key of the lost agents' figures in a final {@code total.scenario}. */
  static final String LOST_AGENTS = "lost_agents";

  private ScenarioFigures() {}

  /**
   * The figures of a scenario total ({@code ScenarioEngine#total}).
   *
   * @param total the total
   * @return the figures
   */
  static JsonObject of(JsonObject total) {
    JsonObject out = new JsonObject().put("name", total.getString("name"));
    copy(total, out, RUN);
    JsonObject steps = new JsonObject();
    JsonObject from = total.getJsonObject("steps", new JsonObject());
    for (String name : from.fieldNames()) {
      steps.put(name, copy(from.getJsonObject(name), new JsonObject(), STEP));
    }
    out.put("steps", steps);
    out.put(
        "checks", copy(total.getJsonObject("checks", new JsonObject()), new JsonObject(), CHECK));
    return out;
  }

  /**
   * The figures of several agents added up, with {@code checks.rate} ({@code null} before the first
   * check); {@code null} when there are none.
   *
   * @param figures the agents' figures
   * @return their sum in the shape of a scenario total, or {@code null}
   */
  static JsonObject sum(Collection<JsonObject> figures) {
    if (figures.isEmpty()) {
      return null;
    }
    JsonObject out = new JsonObject();
    JsonObject steps = new JsonObject();
    JsonObject checks = new JsonObject();
    for (JsonObject f : figures) {
      out.put("name", f.getString("name"));
      add(f, out, RUN);
      JsonObject from = f.getJsonObject("steps", new JsonObject());
      for (String name : from.fieldNames()) {
        if (!steps.containsKey(name)) {
          steps.put(name, new JsonObject());
        }
        add(from.getJsonObject(name), steps.getJsonObject(name), STEP);
      }
      add(f.getJsonObject("checks", new JsonObject()), checks, CHECK);
    }
    long passes = checks.getLong("passes", 0L);
    long all = passes + checks.getLong("fails", 0L);
    checks.put("rate", all == 0 ? null : (double) passes / all);
    return out.put("steps", steps).put("checks", checks);
  }

  /**
   * Adds the last figures of agents lost before they handed their results over to a final {@code
   * total.scenario}: counts only (a step's {@code runs} grows by its outcomes, an iteration that
   * neither completed nor failed is {@code interrupted}; latencies and per-check counts stay those
   * of the exact results), and lists them under {@code lost_agents}.
   *
   * @param scenario the final {@code total.scenario}, changed in place
   * @param lost each lost agent's last figures, by agent name
   */
  static void addLost(JsonObject scenario, Map<String, JsonObject> lost) {
    if (lost.isEmpty()) {
      return;
    }
    JsonObject listed = new JsonObject();
    JsonObject steps = scenario.getJsonObject("steps");
    if (steps == null) {
      steps = new JsonObject();
      scenario.put("steps", steps);
    }
    JsonObject checks = scenario.getJsonObject("checks");
    if (checks == null) {
      checks = new JsonObject();
      scenario.put("checks", checks);
    }
    for (Map.Entry<String, JsonObject> e : lost.entrySet()) {
      JsonObject f = e.getValue().copy();
      f.remove(RESETS);
      f.remove("name");
      listed.put(e.getKey(), f);
      long ended = f.getLong("completed", 0L) + f.getLong("failed", 0L);
      add(f, scenario, new String[] {"iterations", "completed", "failed"});
      scenario.put(
          "interrupted",
          scenario.getLong("interrupted", 0L) + Math.max(0, f.getLong("iterations", 0L) - ended));
      JsonObject from = f.getJsonObject("steps", new JsonObject());
      for (String name : from.fieldNames()) {
        if (!steps.containsKey(name)) {
          steps.put(name, new JsonObject());
        }
        JsonObject step = steps.getJsonObject(name);
        JsonObject counts = from.getJsonObject(name);
        add(counts, step, STEP);
        long outcomes = 0;
        for (String k : STEP) {
          outcomes += counts.getLong(k, 0L);
        }
        step.put("runs", step.getLong("runs", 0L) + outcomes);
      }
      add(f.getJsonObject("checks", new JsonObject()), checks, CHECK);
    }
    long passes = checks.getLong("passes", 0L);
    long all = passes + checks.getLong("fails", 0L);
    checks.put("rate", all == 0 ? null : (double) passes / all);
    scenario.put(LOST_AGENTS, listed);
  }

  private static JsonObject copy(JsonObject from, JsonObject to, String[] keys) {
    for (String k : keys) {
      to.put(k, from.getLong(k, 0L));
    }
    return to;
  }

  private static void add(JsonObject from, JsonObject to, String[] keys) {
    for (String k : keys) {
      to.put(k, to.getLong(k, 0L) + from.getLong(k, 0L));
    }
  }
}
