package dev.wsmon.wrapper.internal.scenario;

import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.tracker.HistogramSummary;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/**
 * The outcome counts of one scenario step or one scheduled call, the one result shape of both:
 * {@code runs, ok, failed, timed_out} and the {@code latency_ms} summary of the successful ones.
 * Not thread-safe: its owner guards it.
 */
public final class StepCounts {

  private long runs;
  private long ok;
  private long failed;
  private long timedOut;
  private final Histogram latency = LatencyHistograms.create();

  /** Counts a start. */
  public void started() {
    runs++;
  }

  /** Counts a success; a {@code latencyNanos} of zero or more is recorded. */
  public void ok(long latencyNanos) {
    ok++;
    if (latencyNanos >= 0) {
      LatencyHistograms.recordNanos(latency, latencyNanos);
    }
  }

  /** Counts a failure. */
  public void failed() {
    failed++;
  }

  /** Counts a timeout. */
  public void timedOut() {
    timedOut++;
  }

  /** Whether every start has an outcome. */
  public boolean idle() {
    return runs == ok + failed + timedOut;
  }

  /** Adds {@code other}'s counts and latencies (an exact merge). */
  public void add(StepCounts other) {
    runs += other.runs;
    ok += other.ok;
    failed += other.failed;
    timedOut += other.timedOut;
    latency.add(other.latency);
  }

  /** Fresh counts that keep only the starts still without an outcome (a stats reset). */
  public StepCounts inFlight() {
    StepCounts fresh = new StepCounts();
    fresh.runs = runs - ok - failed - timedOut;
    return fresh;
  }

  /** {@code {"runs", "ok", "failed", "timed_out", "latency_ms": {...}}}. */
  public JsonObject toJson() {
    return counts().put("latency_ms", HistogramSummary.of(latency).toJson());
  }

  /** The exact wire form: the counts and the histogram as bucket pairs under {@code latency}. */
  public JsonObject toWire() {
    JsonObject json = counts();
    LatencyHistograms.putIfPresent(json, "latency", latency);
    return json;
  }

  /** Reads {@link #toWire()}; a missing field fails with a {@link RuntimeException}. */
  public static StepCounts fromWire(JsonObject json) {
    StepCounts c = new StepCounts();
    c.runs = json.getLong("runs");
    c.ok = json.getLong("ok");
    c.failed = json.getLong("failed");
    c.timedOut = json.getLong("timed_out");
    Histogram h = LatencyHistograms.getIfPresent(json, "latency");
    if (h != null) {
      c.latency.add(h);
    }
    return c;
  }

  private JsonObject counts() {
    return new JsonObject()
        .put("runs", runs)
        .put("ok", ok)
        .put("failed", failed)
        .put("timed_out", timedOut);
  }
}
