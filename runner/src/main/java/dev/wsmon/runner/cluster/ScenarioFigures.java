package dev.wsmon.runner.cluster;

import io.vertx.core.json.JsonObject;
import java.util.Collection;

/**
 * The scenario figures of the live line in a small form that agents send to the coordinator while a
 * run goes on: {@code name, iterations, completed, failed, steps.<name>.{ok, failed, timed_out},
 * checks.{passes, fails}}. No latencies: those arrive with the final results.
 */
final class ScenarioFigures {

  private static final String[] RUN = {"iterations", "completed", "failed"};
  private static final String[] STEP = {"ok", "failed", "timed_out"};
  private static final String[] CHECK = {"passes", "fails"};

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
