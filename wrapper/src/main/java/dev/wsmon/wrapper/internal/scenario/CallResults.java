package dev.wsmon.wrapper.internal.scenario;

import dev.wsmon.wrapper.internal.scenario.ScenarioStats.Outcome;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The results of the scheduled calls, per call name, counted like a scenario step ({@link
 * StepCounts}): {@code runs, ok, failed, timed_out} and the {@code latency_ms} of the ok runs.
 * Thread-safe.
 */
final class CallResults {

  private final Map<String, StepCounts> calls = new LinkedHashMap<>();

  /** Registers a call name so that it shows (with zeros) before its first run. */
  synchronized void register(String name) {
    calls.computeIfAbsent(name, n -> new StepCounts());
  }

  synchronized void started(String name) {
    calls.computeIfAbsent(name, n -> new StepCounts()).started();
  }

  /** Counts how a run ended; {@code latencyNanos} is recorded for {@link Outcome#OK}. */
  synchronized void finished(String name, Outcome outcome, long latencyNanos) {
    StepCounts c = calls.computeIfAbsent(name, n -> new StepCounts());
    switch (outcome) {
      case OK -> c.ok(latencyNanos);
      case FAILED -> c.failed();
      case TIMED_OUT -> c.timedOut();
    }
  }

  /** Whether every started run has an outcome. */
  synchronized boolean idle() {
    return calls.values().stream().allMatch(StepCounts::idle);
  }

  /** Clears every count (names stay registered); runs in flight stay started. */
  synchronized void reset() {
    calls.replaceAll((k, v) -> v.inFlight());
  }

  /** {@code {"<name>": {"runs", "ok", "failed", "timed_out", "latency_ms": {...}}}}. */
  synchronized JsonObject toJson() {
    JsonObject json = new JsonObject();
    calls.forEach((name, c) -> json.put(name, c.toJson()));
    return json;
  }
}
