package dev.wsmon.wrapper.internal.scenario;

import dev.wsmon.core.LatencyHistograms;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario results of one connection (written on its event loop, read by snapshots), and the
 * exact merge of several: counts added, latency histograms merged, never averaged.
 */
public final class ScenarioStats implements StepRecorder {

  /** How a step ended. */
  enum Outcome {
    OK,
    FAILED,
    TIMED_OUT
  }

  private record Step(String kind, StepCounts counts) {
    Step(String kind) {
      this(kind, new StepCounts());
    }
  }

  private long iterations;
  private long completed;
  private long failed;
  private long interrupted;
  private long passes;
  private long fails;
  private final Map<String, Step> steps = new LinkedHashMap<>();
  private final Map<String, long[]> checks = new LinkedHashMap<>();

  /** Results with every step and check registered at zero. */
  public ScenarioStats(Map<String, String> stepKinds, List<String> checkNames) {
    stepKinds.forEach((name, kind) -> steps.put(name, new Step(kind)));
    checkNames.forEach(name -> checks.put(name, new long[2]));
  }

  @Override
  public synchronized void iterationStarted() {
    iterations++;
  }

  @Override
  public synchronized void iterationEnded(boolean anyFailed, boolean cut) {
    if (anyFailed) {
      failed++;
    } else if (cut) {
      interrupted++;
    } else {
      completed++;
    }
  }

  @Override
  public synchronized void stepStarted(String name) {
    steps.get(name).counts().started();
  }

  @Override
  public synchronized void stepEnded(String name, Outcome outcome, long latencyNanos) {
    StepCounts s = steps.get(name).counts();
    switch (outcome) {
      case OK -> s.ok(latencyNanos);
      case FAILED -> s.failed();
      case TIMED_OUT -> s.timedOut();
    }
  }

  @Override
  public synchronized void check(String name, boolean passed) {
    long[] counts = checks.computeIfAbsent(name, n -> new long[2]);
    counts[passed ? 0 : 1]++;
    if (passed) {
      passes++;
    } else {
      fails++;
    }
  }

  /** Whether every started step has an outcome. */
  synchronized boolean idle() {
    return steps.values().stream().allMatch(s -> s.counts().idle());
  }

  /**
   * Clears every count (names stay registered). Iterations and steps in flight stay started, so
   * that their outcomes after the reset keep {@code runs == ok + failed + timed_out}.
   */
  public synchronized void reset() {
    iterations = iterations - completed - failed - interrupted;
    completed = failed = interrupted = passes = fails = 0;
    steps.replaceAll((k, v) -> new Step(v.kind(), v.counts().inFlight()));
    checks.replaceAll((k, v) -> new long[2]);
  }

  /**
   * The exact wire form (histograms as bucket pairs, see {@link LatencyHistograms#putIfPresent}),
   * read back by {@link #fromWire}: how a cluster agent hands its connections' results over.
   */
  public synchronized JsonObject toWire() {
    JsonObject stepsJson = new JsonObject();
    steps.forEach(
        (n, s) ->
            stepsJson.put(n, new JsonObject().put("kind", s.kind()).mergeIn(s.counts().toWire())));
    JsonObject checksJson = new JsonObject();
    checks.forEach((n, c) -> checksJson.put(n, new JsonArray().add(c[0]).add(c[1])));
    return new JsonObject()
        .put("iterations", iterations)
        .put("completed", completed)
        .put("failed", failed)
        .put("interrupted", interrupted)
        .put("passes", passes)
        .put("fails", fails)
        .put("steps", stepsJson)
        .put("checks", checksJson);
  }

  /**
   * Reads {@link #toWire()}.
   *
   * @throws IllegalArgumentException when a field is missing or malformed
   */
  public static ScenarioStats fromWire(JsonObject json) {
    try {
      ScenarioStats stats = new ScenarioStats(Map.of(), List.of());
      stats.iterations = json.getLong("iterations");
      stats.completed = json.getLong("completed");
      stats.failed = json.getLong("failed");
      stats.interrupted = json.getLong("interrupted");
      stats.passes = json.getLong("passes");
      stats.fails = json.getLong("fails");
      JsonObject stepsJson = json.getJsonObject("steps");
      for (String name : stepsJson.fieldNames()) {
        JsonObject s = stepsJson.getJsonObject(name);
        stats.steps.put(name, new Step(s.getString("kind"), StepCounts.fromWire(s)));
      }
      JsonObject checksJson = json.getJsonObject("checks");
      for (String name : checksJson.fieldNames()) {
        JsonArray c = checksJson.getJsonArray(name);
        stats.checks.put(name, new long[] {c.getLong(0), c.getLong(1)});
      }
      return stats;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed scenario results: " + e.getMessage(), e);
    }
  }

  /** This connection's results. */
  public JsonObject toJson(String name) {
    return merge(name, List.of(this));
  }

  /** The exact merge of {@code all} (an empty collection gives zeros), in the result shape. */
  public static JsonObject merge(String name, Collection<ScenarioStats> all) {
    ScenarioStats sum = null;
    for (ScenarioStats s : all) {
      synchronized (s) {
        if (sum == null) {
          sum = new ScenarioStats(Map.of(), List.of());
        }
        sum.iterations += s.iterations;
        sum.completed += s.completed;
        sum.failed += s.failed;
        sum.interrupted += s.interrupted;
        sum.passes += s.passes;
        sum.fails += s.fails;
        for (Map.Entry<String, Step> e : s.steps.entrySet()) {
          sum.steps
              .computeIfAbsent(e.getKey(), k -> new Step(e.getValue().kind()))
              .counts()
              .add(e.getValue().counts());
        }
        for (Map.Entry<String, long[]> e : s.checks.entrySet()) {
          long[] c = sum.checks.computeIfAbsent(e.getKey(), k -> new long[2]);
          c[0] += e.getValue()[0];
          c[1] += e.getValue()[1];
        }
      }
    }
    if (sum == null) {
      sum = new ScenarioStats(Map.of(), List.of());
    }
    return sum.render(name);
  }

  private JsonObject render(String name) {
    JsonObject stepsJson = new JsonObject();
    steps.forEach(
        (n, s) ->
            stepsJson.put(n, new JsonObject().put("kind", s.kind()).mergeIn(s.counts().toJson())));
    JsonObject byCheck = new JsonObject();
    checks.forEach(
        (n, c) ->
            byCheck.put(
                n,
                new JsonObject()
                    .put("passes", c[0])
                    .put("fails", c[1])
                    .put("rate", rate(c[0], c[1]))));
    return new JsonObject()
        .put("name", name)
        .put("iterations", iterations)
        .put("completed", completed)
        .put("failed", failed)
        .put("interrupted", interrupted)
        .put("steps", stepsJson)
        .put(
            "checks",
            new JsonObject()
                .put("passes", passes)
                .put("fails", fails)
                .put("rate", rate(passes, fails))
                .put("by_check", byCheck));
  }

  private static Double rate(long passes, long fails) {
    return passes + fails == 0 ? null : passes / (double) (passes + fails);
  }
}
