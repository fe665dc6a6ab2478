package dev.wsmon.wrapper.internal.scenario;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** The one-line text of scenario results for the live line and the summary. */
public final class ScenarioProgress {

  private ScenarioProgress() {}

  /**
   * {@code scenario feed: iterations 10 (8 completed, 1 failed), steps 120 ok / 2 failed / 1 timed
   * out, checks 98.5% (197/200)}.
   */
  public static String line(JsonObject scenario) {
    long ok = 0;
    long failed = 0;
    long timedOut = 0;
    JsonObject steps = scenario.getJsonObject("steps", new JsonObject());
    for (String name : steps.fieldNames()) {
      JsonObject s = steps.getJsonObject(name);
      ok += s.getLong("ok", 0L);
      failed += s.getLong("failed", 0L);
      timedOut += s.getLong("timed_out", 0L);
    }
    JsonObject checks = scenario.getJsonObject("checks", new JsonObject());
    long passes = checks.getLong("passes", 0L);
    long fails = checks.getLong("fails", 0L);
    Double rate = checks.getDouble("rate");
    return String.format(
        Locale.ROOT,
        "scenario %s: iterations %d (%d completed, %d failed), steps %d ok / %d failed / %d timed"
            + " out, checks %s (%d/%d)",
        scenario.getString("name"),
        scenario.getLong("iterations", 0L),
        scenario.getLong("completed", 0L),
        scenario.getLong("failed", 0L),
        ok,
        failed,
        timedOut,
        rate == null ? "-" : String.format(Locale.ROOT, "%.1f%%", rate * 100),
        passes,
        passes + fails);
  }
}
