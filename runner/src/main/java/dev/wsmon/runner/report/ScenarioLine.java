package dev.wsmon.runner.report;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;

/** The scenario parts of the live line and of the summary. */
final class ScenarioLine {

  private ScenarioLine() {}

  /** Adds {@code scenario it 12 ok 10 fail 1 steps ok 340 fail 2 checks 99.4%} to the line. */
  static void compact(JsonObject scenario, LiveLine line) {
    long ok = 0;
    long failed = 0;
    JsonObject steps = scenario.getJsonObject("steps", new JsonObject());
    for (String name : steps.fieldNames()) {
      JsonObject s = steps.getJsonObject(name);
      ok += s.getLong("ok", 0L);
      failed += s.getLong("failed", 0L) + s.getLong("timed_out", 0L);
    }
    line.group("scenario")
        .field("it")
        .count(scenario.getLong("iterations", 0L))
        .field("ok")
        .count(scenario.getLong("completed", 0L))
        .field("fail")
        .count(scenario.getLong("failed", 0L))
        .group("steps")
        .field("ok")
        .count(ok)
        .field("fail")
        .count(failed)
        .group("checks")
        .share(scenario.getJsonObject("checks", new JsonObject()).getDouble("rate"));
  }

  /** The summary block: one line of iterations, a row per step and per check. */
  static String summary(JsonObject scenario, String rule) {
    StringBuilder out = new StringBuilder(rule);
    out.append(
        String.format(
            Locale.ROOT,
            "scenario %s: iterations %d, completed %d, failed %d, interrupted %d%n",
            scenario.getString("name"),
            scenario.getLong("iterations", 0L),
            scenario.getLong("completed", 0L),
            scenario.getLong("failed", 0L),
            scenario.getLong("interrupted", 0L)));
    JsonObject lost = scenario.getJsonObject("lost_agents");
    if (lost != null && !lost.isEmpty()) {
      out.append("  with the last live figures of lost agent(s) ")
          .append(String.join(", ", lost.fieldNames()))
          .append(" (counts only: no latencies)")
          .append(System.lineSeparator());
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%-24s %-7s %8s %8s %8s %9s %9s %9s%n",
            "step",
            "kind",
            "runs",
            "ok",
            "failed",
            "timed out",
            "p50 ms",
            "p99 ms"));
    for (Map.Entry<String, Object> e : scenario.getJsonObject("steps", new JsonObject())) {
      JsonObject s = (JsonObject) e.getValue();
      JsonObject lat = s.getJsonObject("latency_ms", new JsonObject());
      out.append(
          String.format(
              Locale.ROOT,
              "%-24s %-7s %8d %8d %8d %9d %9s %9s%n",
              SummaryTable.clip(e.getKey(), 24),
              s.getString("kind", ""),
              s.getLong("runs", 0L),
              s.getLong("ok", 0L),
              s.getLong("failed", 0L),
              s.getLong("timed_out", 0L),
              SummaryTable.num(lat.getValue("p50"), 3),
              SummaryTable.num(lat.getValue("p99"), 3)));
    }
    JsonObject checks = scenario.getJsonObject("checks", new JsonObject());
    out.append(
        String.format(
            Locale.ROOT,
            "checks %s (%d passed, %d failed)%n",
            LiveLine.shareText(checks.getDouble("rate")),
            checks.getLong("passes", 0L),
            checks.getLong("fails", 0L)));
    for (Map.Entry<String, Object> e : checks.getJsonObject("by_check", new JsonObject())) {
      JsonObject c = (JsonObject) e.getValue();
      out.append(
          String.format(
              Locale.ROOT,
              "  %-22s %s (%d/%d)%n",
              SummaryTable.clip(e.getKey(), 22),
              LiveLine.shareText(c.getDouble("rate")),
              c.getLong("passes", 0L),
              c.getLong("passes", 0L) + c.getLong("fails", 0L)));
    }
    return out.toString();
  }
}
