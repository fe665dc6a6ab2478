package dev.wsmon.exporters.impl;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/** The HTML report's scenario section: iterations, a row per step and per check. */
final class ReportScenario {

  private ReportScenario() {}

  /** The section for {@code total.scenario}, or an empty string without one. */
  static String section(JsonObject total) {
    if (!(total.getValue("scenario") instanceof JsonObject sc)) {
      return "";
    }
    StringBuilder out = new StringBuilder(2048);
    out.append("<section id=\"scenario\">\n<h2>Scenario ")
        .append(HtmlEscape.html(String.valueOf(sc.getValue("name"))))
        .append("</h2>\n<p>iterations ")
        .append(num(sc.getValue("iterations")))
        .append(" &middot; completed ")
        .append(num(sc.getValue("completed")))
        .append(" &middot; failed ")
        .append(num(sc.getValue("failed")))
        .append(" &middot; interrupted ")
        .append(num(sc.getValue("interrupted")))
        .append("</p>\n<table>\n<thead><tr><th>step</th><th>kind</th><th>runs</th><th>ok</th>")
        .append("<th>failed</th><th>timed out</th><th>p50</th><th>p99</th></tr></thead>\n")
        .append("<tbody>\n");
    if (sc.getValue("steps") instanceof JsonObject steps) {
      for (Map.Entry<String, Object> e : steps) {
        JsonObject s = e.getValue() instanceof JsonObject j ? j : new JsonObject();
        JsonObject lat = s.getValue("latency_ms") instanceof JsonObject l ? l : new JsonObject();
        out.append("<tr><td>")
            .append(HtmlEscape.html(e.getKey()))
            .append("</td><td>")
            .append(HtmlEscape.html(String.valueOf(s.getValue("kind"))))
            .append("</td><td>")
            .append(num(s.getValue("runs")))
            .append("</td><td>")
            .append(num(s.getValue("ok")))
            .append("</td><td>")
            .append(num(s.getValue("failed")))
            .append("</td><td>")
            .append(num(s.getValue("timed_out")))
            .append("</td><td>")
            .append(HtmlEscape.html(ReportFormat.format(lat.getValue("p50"), "ms")))
            .append("</td><td>")
            .append(HtmlEscape.html(ReportFormat.format(lat.getValue("p99"), "ms")))
            .append("</td></tr>\n");
      }
    }
    out.append("</tbody>\n</table>\n");
    if (sc.getValue("checks") instanceof JsonObject checks) {
      out.append("<p>checks ")
          .append(rate(checks.getValue("rate")))
          .append(" (")
          .append(num(checks.getValue("passes")))
          .append(" passed, ")
          .append(num(checks.getValue("fails")))
          .append(" failed)</p>\n");
      if (checks.getValue("by_check") instanceof JsonObject byCheck && !byCheck.isEmpty()) {
        out.append("<ul class=\"checks\">\n");
        for (Map.Entry<String, Object> e : byCheck) {
          JsonObject c = e.getValue() instanceof JsonObject j ? j : new JsonObject();
          out.append("<li><code>")
              .append(HtmlEscape.html(e.getKey()))
              .append("</code> ")
              .append(rate(c.getValue("rate")))
              .append(" (")
              .append(num(c.getValue("passes")))
              .append("/")
              .append(
                  num(
                      (c.getValue("passes") instanceof Number p ? p.longValue() : 0)
                          + (c.getValue("fails") instanceof Number f ? f.longValue() : 0)))
              .append(")</li>\n");
        }
        out.append("</ul>\n");
      }
    }
    return out.append("</section>\n").toString();
  }

  private static String num(Object value) {
    return HtmlEscape.html(ReportFormat.format(value, "int"));
  }

  private static String rate(Object value) {
    return value instanceof Number n
        ? HtmlEscape.html(String.format(java.util.Locale.ROOT, "%.1f%%", n.doubleValue() * 100))
        : "&ndash;";
  }
}
