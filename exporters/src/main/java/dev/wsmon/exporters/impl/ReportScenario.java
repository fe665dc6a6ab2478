package dev.wsmon.exporters.impl;

import static dev.wsmon.exporters.impl.HtmlEscape.html;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The HTML report's scenario section: the iterations and checks of {@code total.scenario}, a row
 * per step (counts and latency percentiles) and per check, the same for each group when there are
 * several, and the first step failures of the event history. Every number cell carries its raw
 * value in {@code data-sort}.
 */
final class ReportScenario {

  /** Step table columns: heading, key under the step ({@code latency_ms.} for percentiles). */
  private static final String[][] STEP_COLUMNS = {
    {"Runs", "runs", "int"},
    {"OK", "ok", "int"},
    {"Failed", "failed", "int"},
    {"Timed out", "timed_out", "int"},
    {"p50", "latency_ms.p50", "ms"},
    {"p90", "latency_ms.p90", "ms"},
    {"p99", "latency_ms.p99", "ms"},
    {"Max", "latency_ms.max", "ms"},
  };

  private static final String[][] CHECK_COLUMNS = {
    {"Passes", "passes", "int"}, {"Fails", "fails", "int"}, {"Rate", "rate", "ratio"},
  };

  private static final String[][] GROUP_COLUMNS = {
    {"Iterations", "iterations", "int"},
    {"Completed", "completed", "int"},
    {"Failed", "failed", "int"},
    {"Interrupted", "interrupted", "int"},
    {"Check passes", "checks.passes", "int"},
    {"Check fails", "checks.fails", "int"},
    {"Check rate", "checks.rate", "ratio"},
  };

  private final StringBuilder out = new StringBuilder(4096);

  private ReportScenario() {}

  /**
   * The section for the snapshot's {@code total.scenario}, or an empty string without one.
   *
   * @param snapshot the snapshot document (its groups and events are read too)
   * @param total its {@code total} object
   */
  static String section(JsonObject snapshot, JsonObject total) {
    if (!(total.getValue("scenario") instanceof JsonObject sc)) {
      return "";
    }
    return new ReportScenario().render(snapshot, sc);
  }

  private String render(JsonObject snapshot, JsonObject sc) {
    JsonObject checks = sc.getValue("checks") instanceof JsonObject c ? c : new JsonObject();
    out.append("<section id=\"scenario\">\n<h2>Scenario ")
        .append(html(String.valueOf(sc.getValue("name"))))
        .append("</h2>\n<p class=\"scenario-summary\">iterations ")
        .append(cell(sc, "iterations", "int", "span"))
        .append(" &middot; completed ")
        .append(cell(sc, "completed", "int", "span"))
        .append(" &middot; failed ")
        .append(cell(sc, "failed", "int", "span"))
        .append(" &middot; interrupted ")
        .append(cell(sc, "interrupted", "int", "span"))
        .append(" &middot; checks ")
        .append(cell(sc, "checks.rate", "ratio", "span"))
        .append(" (")
        .append(cell(sc, "checks.passes", "int", "span"))
        .append(" passed, ")
        .append(cell(sc, "checks.fails", "int", "span"))
        .append(" failed)</p>\n");
    steps("scenario-steps", sc);
    checks(checks);
    groups(snapshot);
    failures(snapshot);
    return out.append("</section>\n").toString();
  }

  private void steps(String id, JsonObject sc) {
    out.append("<div class=\"scroll\"><table class=\"sortable\" id=\"")
        .append(id)
        .append("\"><thead><tr><th>Step</th><th>Kind</th>");
    headings(STEP_COLUMNS);
    out.append("</tr></thead>\n<tbody>\n");
    if (sc.getValue("steps") instanceof JsonObject steps) {
      for (Map.Entry<String, Object> e : steps) {
        JsonObject step = e.getValue() instanceof JsonObject j ? j : new JsonObject();
        out.append("<tr data-step=\"")
            .append(html(e.getKey()))
            .append("\"><td><code>")
            .append(html(e.getKey()))
            .append("</code></td><td>")
            .append(html(String.valueOf(step.getValue("kind"))))
            .append("</td>");
        cells(step, STEP_COLUMNS);
        out.append("</tr>\n");
      }
    }
    out.append("</tbody></table></div>\n");
  }

  private void checks(JsonObject checks) {
    if (!(checks.getValue("by_check") instanceof JsonObject byCheck) || byCheck.isEmpty()) {
      return;
    }
    out.append("<h3>Checks</h3>\n<div class=\"scroll\"><table class=\"sortable\"")
        .append(" id=\"scenario-checks\"><thead><tr><th>Check</th>");
    headings(CHECK_COLUMNS);
    out.append("</tr></thead>\n<tbody>\n");
    for (Map.Entry<String, Object> e : byCheck) {
      JsonObject check = e.getValue() instanceof JsonObject j ? j : new JsonObject();
      out.append("<tr data-check=\"")
          .append(html(e.getKey()))
          .append("\"><td><code>")
          .append(html(e.getKey()))
          .append("</code></td>");
      cells(check, CHECK_COLUMNS);
      out.append("</tr>\n");
    }
    out.append("</tbody></table></div>\n");
  }

  /** A row per group, and each group's steps; only with two groups or more. */
  private void groups(JsonObject snapshot) {
    if (!(snapshot.getValue("groups") instanceof JsonObject groups) || groups.size() < 2) {
      return;
    }
    out.append("<h3>By group</h3>\n<div class=\"scroll\"><table class=\"sortable\"")
        .append(" id=\"scenario-groups\"><thead><tr><th>Group</th>");
    headings(GROUP_COLUMNS);
    out.append("</tr></thead>\n<tbody>\n");
    for (Map.Entry<String, Object> e : groups) {
      if (e.getValue() instanceof JsonObject g && g.getValue("scenario") instanceof JsonObject sc) {
        out.append("<tr data-group=\"")
            .append(html(e.getKey()))
            .append("\"><td class=\"group\">")
            .append(html(e.getKey()))
            .append("</td>");
        cells(sc, GROUP_COLUMNS);
        out.append("</tr>\n");
      }
    }
    out.append("</tbody></table></div>\n");
    int n = 0;
    for (Map.Entry<String, Object> e : groups) {
      n++;
      if (e.getValue() instanceof JsonObject g && g.getValue("scenario") instanceof JsonObject sc) {
        out.append("<details class=\"scenario-group\" data-group=\"")
            .append(html(e.getKey()))
            .append("\"><summary>Steps of ")
            .append(html(e.getKey()))
            .append("</summary>\n");
        steps("scenario-steps-" + n, sc);
        out.append("</details>\n");
      }
    }
  }

  /** The {@code STEP_FAILED} events of the snapshot's history, oldest first. */
  private void failures(JsonObject snapshot) {
    JsonArray events = snapshot.getValue("events") instanceof JsonArray a ? a : new JsonArray();
    StringBuilder rows = new StringBuilder();
    int count = 0;
    for (Object o : events) {
      if (o instanceof JsonObject event && "STEP_FAILED".equals(event.getValue("type"))) {
        count++;
        String timestamp = String.valueOf(event.getValue("timestamp"));
        rows.append("<tr><td data-sort=\"")
            .append(html(timestamp))
            .append("\" title=\"")
            .append(html(timestamp))
            .append("\"><code>")
            .append(html(ReportFormat.time(timestamp)))
            .append("</code></td><td><code>")
            .append(html(String.valueOf(event.getValue("connection_id"))))
            .append("</code></td><td class=\"reason\">")
            .append(html(event.getValue("reason") == null ? "" : event.getValue("reason") + ""))
            .append("</td></tr>\n");
      }
    }
    if (count == 0) {
      return;
    }
    out.append("<h3>First failures <span class=\"muted\">(")
        .append(count)
        .append(")</span></h3>\n<div class=\"scroll\"><table class=\"sortable\"")
        .append(" id=\"scenario-failures\"><thead><tr><th>Time</th><th>Connection</th>")
        .append("<th>Reason</th></tr></thead>\n<tbody>\n")
        .append(rows)
        .append("</tbody></table></div>\n");
  }

  private void headings(String[][] columns) {
    for (String[] column : columns) {
      out.append("<th class=\"n\">").append(column[0]).append("</th>");
    }
  }

  private void cells(JsonObject row, String[][] columns) {
    for (String[] column : columns) {
      out.append(cell(row, column[1], column[2], "td"));
    }
  }

  /** One number: {@code <td class="n" data-key="KEY" data-sort="RAW">FORMATTED</td>}. */
  private static String cell(JsonObject row, String path, String kind, String element) {
    Object value = ReportFormat.at(row, path);
    return "<"
        + element
        + " class=\"n\" data-key=\""
        + path
        + "\" data-sort=\""
        + (value instanceof Number n ? html(n.toString()) : "")
        + "\">"
        + html(ReportFormat.format(value, kind))
        + "</"
        + element
        + ">";
  }
}
