package dev.wsmon.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table at the top of {@code docs/benchmarks.md}: one row per goal (goal, measured, met, date,
 * load), read from the result files in {@code bench/results/} that carry goals ({@code e2e.json},
 * {@code process-flood.json}, {@code process-hold.json}, {@code process-startup.json}, {@code
 * cluster-scale-50000.json}); a file that is missing gives no row.
 */
final class GoalSummary {

  /** One row of the table. */
  record Row(String goal, String measured, String met, String date, String load) {
    List<String> cells() {
      return List.of(goal, measured, met, date, load);
    }
  }

  private GoalSummary() {}

  static List<Row> rows(Path results) throws IOException {
    List<Row> rows = new ArrayList<>();
    JsonObject e2e = read(results.resolve("e2e.json"));
    if (e2e != null) {
      String date = day(e2e.getString("started_at"));
      JsonObject m = e2e.getJsonObject("machine");
      List<String> loads = new ArrayList<>(strings(m.getJsonArray("load_average_per_round")));
      String load = range(loads);
      for (Object o : e2e.getJsonArray("goals", new JsonArray())) {
        JsonObject g = (JsonObject) o;
        String value =
            g.getString("name").equals("echo_delay")
                ? String.format(Locale.ROOT, "%+.2f ms", g.getDouble("value"))
                : String.format(Locale.ROOT, "%.2f×", g.getDouble("value"));
        rows.add(
            new Row(
                "`bench/run.sh`: " + OverheadGoal.target(g),
                value,
                OverheadGoal.verdict(g),
                date,
                load));
      }
    }
    JsonObject flood = read(results.resolve("process-flood.json"));
    if (flood != null) {
      JsonObject median = flood.getJsonObject("median");
      JsonObject goals = flood.getJsonObject("goals");
      String date = day(flood.getString("generated_at"));
      List<String> loads = new ArrayList<>();
      for (Object o : flood.getJsonArray("runs", new JsonArray())) {
        loads.add(((JsonObject) o).getString("load_before", ""));
      }
      String load = range(loads);
      double tput = median.getDouble("paired_throughput_ratio");
      double least = goals.getDouble("throughput_ratio_at_least");
      rows.add(
          new Row(
              String.format(
                  Locale.ROOT, "whole process flood: msgs/s >= %.2f× raw (paired median)", least),
              String.format(Locale.ROOT, "%.2f×", tput),
              met(tput >= least),
              date,
              load));
      double cpu = median.getDouble("paired_cpu_per_message_ratio");
      double most = goals.getDouble("cpu_per_message_ratio_at_most");
      rows.add(
          new Row(
              String.format(
                  Locale.ROOT,
                  "whole process flood: CPU/msg <= %.2f× raw (paired median, start-up included)",
                  most),
              String.format(Locale.ROOT, "%.2f×", cpu),
              met(cpu <= most),
              date,
              load));
    }
    JsonObject hold = read(results.resolve("process-hold.json"));
    if (hold != null) {
      double kb = hold.getDouble("wsmon_minus_raw_heap_per_connection_kb");
      double most = hold.getDouble("goal_kb_per_connection_at_most");
      rows.add(
          new Row(
              String.format(
                  Locale.ROOT,
                  "heap per held connection above the raw client <= %s KB (%,d held)",
                  trim(most),
                  Long.parseLong(
                      String.valueOf(hold.getJsonObject("settings").getValue("connections")))),
              String.format(Locale.ROOT, "%.2f KB", kb),
              met(kb <= most),
              day(hold.getString("generated_at")),
              range(
                  List.of(
                      loadOf(hold.getJsonObject("raw").getString("load", "")),
                      loadOf(hold.getJsonObject("wsmon").getString("load", ""))))));
    }
    JsonObject startup = read(results.resolve("process-startup.json"));
    if (startup != null) {
      JsonObject cds = startup.getJsonObject("median").getJsonObject("with_cds");
      rows.add(
          new Row(
              "start-up: `./wsmon run` to the first attempt, and CPU of a 2 s run (reported)",
              String.format(
                  Locale.ROOT,
                  "%.2f s; %.2f s CPU",
                  cds.getDouble("to_first_attempt_seconds"),
                  cds.getDouble("run_2s_cpu_seconds")),
              "reported",
              day(startup.getString("generated_at")),
              "–"));
    }
    JsonObject scale = read(results.resolve("cluster-scale-50000.json"));
    if (scale != null) {
      JsonObject connected = scale.getJsonObject("connected");
      JsonObject totals = scale.getJsonObject("totals");
      int wanted = scale.getJsonObject("settings").getInteger("connections");
      boolean all = connected.getBoolean("all_connected", false);
      rows.add(
          new Row(
              String.format(
                  Locale.ROOT,
                  "%,d connections on one host (%d agents), held a minute, stats exact",
                  wanted,
                  scale.getJsonObject("settings").getInteger("agents")),
              String.format(
                  Locale.ROOT,
                  "%,d established, %,d attempts, %,d sent = %,d received",
                  connected.getInteger("peak_established"),
                  totals.getLong("connection_attempts"),
                  totals.getLong("messages_sent"),
                  totals.getLong("messages_received")),
              met(all),
              day(scale.getString("generated_at")),
              loadOf(scale.getJsonObject("machine").getString("load_average_while_holding", ""))));
    }
    return rows;
  }

  private static String met(boolean met) {
    return met ? "**yes**" : "**no**";
  }

  private static String day(String timestamp) {
    return timestamp == null || timestamp.length() < 10 ? "–" : timestamp.substring(0, 10);
  }

  /** The first number of "... load average: 1.0, 2.0, 3.0" or of "1.0 2.0 3.0". */
  private static String loadOf(String text) {
    String s = text.contains("load average:") ? text.split("load average:")[1] : text;
    String[] parts = s.trim().split("[ ,]+");
    return parts.length == 0 || parts[0].isEmpty() ? "–" : parts[0];
  }

  /** The range of the 1-minute loads, "1.2–3.4" (or the one value). */
  private static String range(List<String> loads) {
    double min = Double.MAX_VALUE;
    double max = -1;
    for (String l : loads) {
      String first = loadOf(l);
      if (first.equals("–")) {
        continue;
      }
      double v = Double.parseDouble(first);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (max < 0) {
      return "–";
    }
    return min == max
        ? String.format(Locale.ROOT, "%.1f", max)
        : String.format(Locale.ROOT, "%.1f–%.1f", min, max);
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  private static List<String> strings(JsonArray array) {
    List<String> list = new ArrayList<>();
    if (array != null) {
      array.forEach(o -> list.add(String.valueOf(o)));
    }
    return list;
  }

  private static JsonObject read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new IOException(file + " is not a JSON object: " + e.getMessage(), e);
    }
  }
}
