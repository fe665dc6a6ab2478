package dev.wsmon.wrapper.internal.scenario;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The scenario results as Micrometer meters, read from the engine's merged total (cached for 500
 * ms, so one scrape merges once): {@code wsmon.scenario.iterations} (tag {@code outcome}: started,
 * completed, failed, interrupted), {@code wsmon.scenario.steps} (tags {@code step}, {@code
 * outcome}: ok, failed, timed_out), {@code wsmon.scenario.step.latency} (function timer of the
 * successful runs, tag {@code step}), {@code wsmon.scenario.checks} (tags {@code check}, {@code
 * result}: pass, fail) and the gauge {@code wsmon.scenario.checks.rate} (0–1, NaN before the first
 * check). Micrometer holds this object weakly: the caller keeps a reference while the meters are
 * used. A stats reset goes through {@link #reset(Runnable)}: the counters and the timer carry what
 * they had counted over the reset, so they stay monotonic as the tracker's meters do; the rate
 * gauge follows the reset.
 */
public final class ScenarioMeters implements MeterBinder {

  private final ScenarioEngine engine;
  private final List<String> steps;
  private final List<String> checks;
  private JsonObject cached;
  private long cachedAt;
  private final Map<String, Double> carried = new HashMap<>();

  public ScenarioMeters(ScenarioEngine engine) {
    this.engine = engine;
    JsonObject total = engine.total();
    this.steps = List.copyOf(total.getJsonObject("steps").fieldNames());
    this.checks = List.copyOf(total.getJsonObject("checks").getJsonObject("by_check").fieldNames());
  }

  private synchronized JsonObject total() {
    long now = System.nanoTime();
    if (cached == null || now - cachedAt > 500_000_000L) {
      cached = engine.total();
      cachedAt = now;
    }
    return cached;
  }

  /**
   * Runs {@code reset} (the engine's) while keeping the counts so far as a base of the counters and
   * the timer; a scrape never sees a count twice or lose one.
   */
  public synchronized void reset(Runnable reset) {
    JsonObject total = engine.total();
    cached = null;
    for (String outcome : List.of("iterations", "completed", "failed", "interrupted")) {
      carry(total, outcome);
    }
    for (String step : steps) {
      for (String outcome : List.of("ok", "failed", "timed_out")) {
        carry(total, "steps", step, outcome);
      }
      carry(total, "steps", step, "latency_ms", "count");
      carried.merge(latencySumKey(step), sumMillis(total, step), Double::sum);
    }
    for (String check : checks) {
      carry(total, "checks", "by_check", check, "passes");
      carry(total, "checks", "by_check", check, "fails");
    }
    reset.run();
  }

  private void carry(JsonObject total, String... path) {
    carried.merge(String.join("/", path), zeroIfNaN(value(total, path)), Double::sum);
  }

  private static String latencySumKey(String step) {
    return "steps/" + step + "/latency_sum";
  }

  private static double sumMillis(JsonObject total, String step) {
    return zeroIfNaN(value(total, "steps", step, "latency_ms", "count"))
        * zeroIfNaN(value(total, "steps", step, "latency_ms", "mean"));
  }

  /** A counted value: since the last reset plus what was carried over resets. */
  private synchronized double counted(String... path) {
    return zeroIfNaN(at(path)) + carried.getOrDefault(String.join("/", path), 0.0);
  }

  private static double value(JsonObject total, String... path) {
    Object v = total;
    for (String p : path) {
      v = v instanceof JsonObject j ? j.getValue(p) : null;
    }
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private double at(String... path) {
    return value(total(), path);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String outcome : List.of("iterations", "completed", "failed", "interrupted")) {
      counter(
          registry,
          "wsmon.scenario.iterations",
          "scenario iterations by outcome",
          m -> m.counted(outcome),
          "outcome",
          outcome.equals("iterations") ? "started" : outcome);
    }
    for (String step : steps) {
      for (String outcome : List.of("ok", "failed", "timed_out")) {
        FunctionCounter.builder(
                "wsmon.scenario.steps", this, m -> m.counted("steps", step, outcome))
            .description("scenario step runs by outcome")
            .tags("step", step, "outcome", outcome)
            .register(registry);
      }
      FunctionTimer.builder(
              "wsmon.scenario.step.latency",
              this,
              m -> (long) m.counted("steps", step, "latency_ms", "count"),
              m -> m.latencySum(step),
              TimeUnit.MILLISECONDS)
          .description("latency of the successful runs of a scenario step")
          .tags("step", step)
          .register(registry);
    }
    for (String check : checks) {
      counter(
          registry,
          "wsmon.scenario.checks",
          "scenario checks by result",
          m -> m.counted("checks", "by_check", check, "passes"),
          "check",
          check,
          "result",
          "pass");
      counter(
          registry,
          "wsmon.scenario.checks",
          "scenario checks by result",
          m -> m.counted("checks", "by_check", check, "fails"),
          "check",
          check,
          "result",
          "fail");
    }
    Gauge.builder("wsmon.scenario.checks.rate", this, m -> m.at("checks", "rate"))
        .description("passed checks over all checks (0-1)")
        .register(registry);
  }

  private void counter(
      MeterRegistry registry,
      String name,
      String description,
      ToDoubleFunction<ScenarioMeters> value,
      String... tags) {
    FunctionCounter.builder(name, this, m -> zeroIfNaN(value.applyAsDouble(m)))
        .description(description)
        .tags(tags)
        .register(registry);
  }

  private synchronized double latencySum(String step) {
    return sumMillis(total(), step) + carried.getOrDefault(latencySumKey(step), 0.0);
  }

  private static double zeroIfNaN(double v) {
    return Double.isNaN(v) ? 0 : v;
  }
}
