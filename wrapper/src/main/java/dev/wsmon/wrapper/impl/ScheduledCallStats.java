package dev.wsmon.wrapper.impl;

import dev.wsmon.wrapper.internal.scenario.StepCounts;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The results of the scheduled calls, per call name: {@code runs, ok, failed, timed_out} and the
 * {@code latency_ms} summary of successful runs, counted like a scenario step ({@link StepCounts}).
 * Thread-safe.
 */
public final class ScheduledCallStats {

  /** How a run ended. */
  public enum Outcome {
    /** Succeeded (and the expected message arrived in time). */
    OK,
    /** Failed: not connected, send failed, function failed. */
    FAILED,
    /** The expected message (or the function) did not complete in time. */
    TIMED_OUT
  }

  private final Map<String, StepCounts> calls = new LinkedHashMap<>();

  /** Registers a call name so it shows (with zeros) before its first run. */
  public synchronized void register(String name) {
    calls.computeIfAbsent(name, n -> new StepCounts());
  }

  /** Counts a started run. */
  public synchronized void started(String name) {
    calls.computeIfAbsent(name, n -> new StepCounts()).started();
  }

  /** Counts how a run ended; {@code latencyNanos} is recorded for {@link Outcome#OK}. */
  public synchronized void finished(String name, Outcome outcome, long latencyNanos) {
    StepCounts c = calls.computeIfAbsent(name, n -> new StepCounts());
    switch (outcome) {
      case OK -> c.ok(latencyNanos);
      case FAILED -> c.failed();
      case TIMED_OUT -> c.timedOut();
    }
  }

  /** Whether every started run has ended (ok, failed or timed out). */
  public synchronized boolean idle() {
    return calls.values().stream().allMatch(StepCounts::idle);
  }

  /** Whether any call is registered. */
  public synchronized boolean isEmpty() {
    return calls.isEmpty();
  }

  /** Clears every count (names stay registered); runs in flight stay started. */
  public synchronized void reset() {
    calls.replaceAll((k, v) -> v.inFlight());
  }

  /** {@code {"<name>": {"runs", "ok", "failed", "timed_out", "latency_ms": {...}}}}. */
  public synchronized JsonObject toJson() {
    JsonObject json = new JsonObject();
    calls.forEach((name, c) -> json.put(name, c.toJson()));
    return json;
  }
}
