package dev.wsmon.wrapper.impl;

import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.tracker.HistogramSummary;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The results of the scheduled calls, per call name: {@code runs, ok, failed, timed_out} and the
 * {@code latency_ms} summary of successful runs. Thread-safe.
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

  private static final class Counts {
    long runs;
    long ok;
    long failed;
    long timedOut;
    final Histogram latency = LatencyHistograms.create();
  }

  private final Map<String, Counts> calls = new LinkedHashMap<>();

  /** Registers a call name so it shows (with zeros) before its first run. */
  public synchronized void register(String name) {
    calls.computeIfAbsent(name, n -> new Counts());
  }

  /** Counts a started run. */
  public synchronized void started(String name) {
    calls.computeIfAbsent(name, n -> new Counts()).runs++;
  }

  /** Counts how a run ended; {@code latencyNanos} is recorded for {@link Outcome#OK}. */
  public synchronized void finished(String name, Outcome outcome, long latencyNanos) {
    Counts c = calls.computeIfAbsent(name, n -> new Counts());
    switch (outcome) {
      case OK -> {
        c.ok++;
        LatencyHistograms.recordNanos(c.latency, latencyNanos);
      }
      case FAILED -> c.failed++;
      case TIMED_OUT -> c.timedOut++;
    }
  }

  /** Whether every started run has ended (ok, failed or timed out). */
  public synchronized boolean idle() {
    return calls.values().stream().allMatch(c -> c.runs == c.ok + c.failed + c.timedOut);
  }

  /** Whether any call is registered. */
  public synchronized boolean isEmpty() {
    return calls.isEmpty();
  }

  /** Clears every count (names stay registered); runs in flight stay started. */
  public synchronized void reset() {
    calls.replaceAll(
        (k, v) -> {
          Counts fresh = new Counts();
          fresh.runs = v.runs - v.ok - v.failed - v.timedOut;
          return fresh;
        });
  }

  /** {@code {"<name>": {"runs", "ok", "failed", "timed_out", "latency_ms": {...}}}}. */
  public synchronized JsonObject toJson() {
    JsonObject json = new JsonObject();
    calls.forEach(
        (name, c) ->
            json.put(
                name,
                new JsonObject()
                    .put("runs", c.runs)
                    .put("ok", c.ok)
                    .put("failed", c.failed)
                    .put("timed_out", c.timedOut)
                    .put("latency_ms", HistogramSummary.of(c.latency).toJson())));
    return json;
  }
}
