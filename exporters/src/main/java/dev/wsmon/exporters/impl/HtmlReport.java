package dev.wsmon.exporters.impl;

import static dev.wsmon.exporters.impl.HtmlEscape.html;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the self-contained HTML report: header, headline figures, charts of the time series, the
 * per-connection table, close-code totals and the event timeline. Server-supplied text is
 * HTML-escaped; the data for the charts is embedded as JSON in a {@code <script
 * type="application/json">} element (see {@link HtmlEscape#scriptJson}).
 */
public final class HtmlReport {

  /** The page title. */
  public static final String TITLE = "wsmon report";

  /** The page title in live mode. */
  public static final String LIVE_TITLE = "wsmon dashboard";

  /** The most connection rows a live page shows (the first ones); a static report shows all. */
  public static final int LIVE_MAX_ROWS = 500;

  /** The most timeline events a live page shows (the newest ones); a static report shows all. */
  public static final int LIVE_MAX_EVENTS = 200;

  /** Ids of the elements {@link #sections} renders, in page order. */
  public static final List<String> SECTION_IDS =
      List.of("report-head", "figures", "connections", "close-codes", "timeline");

  /** Id of the scenario section, which {@link #sections} adds when the snapshot has a scenario. */
  public static final String SCENARIO_ID = "scenario";

  private static final Map<Integer, String> CLOSE_NAMES =
      Map.ofEntries(
          Map.entry(1000, "normal"),
          Map.entry(1001, "going away"),
          Map.entry(1002, "protocol error"),
          Map.entry(1003, "unsupported data"),
          Map.entry(1006, "abnormal (no close frame)"),
          Map.entry(1007, "invalid payload"),
          Map.entry(1008, "policy violation"),
          Map.entry(1009, "message too big"),
          Map.entry(1011, "internal error"),
          Map.entry(1012, "service restart"),
          Map.entry(1013, "try again later"));

  private final JsonObject snapshot;
  private final JsonArray points;
  private final String liveSource;
  private final JsonObject total;
  private final StringBuilder out = new StringBuilder(64 * 1024);

  private HtmlReport(JsonObject snapshot, JsonArray points, String liveSource) {
    this.snapshot = snapshot;
    this.points = points;
    this.liveSource = liveSource;
    Object t = snapshot.getValue("total");
    if (!(t instanceof JsonObject json)) {
      throw new IllegalArgumentException("snapshot has no \"total\" object");
    }
    this.total = json;
  }

  /**
   * Renders the page.
   *
   * @param snapshot the snapshot document
   * @param points the series points, oldest first
   * @param liveSource URL of an EventSource that streams updates, or {@code null} for a static
   *     report
   * @return the HTML text
   * @throws IllegalArgumentException when the snapshot has no {@code total} object
   */
  public static String render(JsonObject snapshot, JsonArray points, String liveSource) {
    return new HtmlReport(snapshot, points, liveSource).page();
  }

  /**
   * Renders the parts of a live page that follow the snapshot: the header, the headline figures,
   * the connection table, the close codes and the timeline, each the complete element whose id is
   * the key (see {@link #SECTION_IDS}), and the scenario section when the snapshot has one ({@link
   * #SCENARIO_ID}). A live page replaces its elements with these, so the dashboard shows exactly
   * what a report of the same snapshot shows, escaped the same way.
   *
   * @param snapshot the snapshot document
   * @return element id to its HTML, in page order
   * @throws IllegalArgumentException when the snapshot has no {@code total} object
   */
  public static JsonObject sections(JsonObject snapshot) {
    HtmlReport report = new HtmlReport(snapshot, new JsonArray(), "live");
    JsonObject sections = new JsonObject();
    for (String id : SECTION_IDS) {
      report.out.setLength(0);
      switch (id) {
        case "report-head" -> report.header();
        case "figures" -> report.figures();
        case "connections" -> report.connections();
        case "close-codes" -> report.closeCodes();
        default -> report.timeline();
      }
      sections.put(id, report.out.toString());
    }
    String scenario = ReportScenario.section(snapshot, report.total);
    if (!scenario.isEmpty()) {
      sections.put(SCENARIO_ID, scenario);
    }
    return sections;
  }

  private boolean live() {
    return liveSource != null;
  }

  private String page() {
    List<ReportCharts.Chart> charts = ReportCharts.shown(points);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"wsmon\">\n")
        .append("<title>")
        .append(live() ? LIVE_TITLE : TITLE)
        .append("</title>\n<style>\n")
        .append(ReportAssets.uplotCss())
        .append('\n')
        .append(ReportAssets.reportCss())
        .append("</style>\n</head>\n<body>\n<main>\n");
    header();
    thresholds();
    figures();
    charts(charts);
    ProtocolSection.render(total, out);
    connections();
    closeCodes();
    out.append(ReportScenario.section(snapshot, total));
    timeline();
    out.append("</main>\n<footer>Generated by wsmon at ")
        .append(html(text(snapshot.getValue("generated_at"))))
        .append(" &middot; charts by uPlot ")
        .append(ReportAssets.UPLOT_VERSION)
        .append("</footer>\n");
    out.append("<script type=\"application/json\" id=\"wsmon-data\">")
        .append(HtmlEscape.scriptJson(JsonRenderer.render(data(charts), false)))
        .append("</script>\n<script>\n")
        .append(ReportAssets.uplotJs())
        .append("\n</script>\n<script>\n")
        .append(ReportAssets.reportJs())
        .append("</script>\n</body>\n</html>\n");
    return out.toString();
  }

  private JsonObject data(List<ReportCharts.Chart> charts) {
    JsonArray chartJson = new JsonArray();
    charts.forEach(c -> chartJson.add(c.toJson()));
    JsonObject head =
        new JsonObject()
            .put("generated_at", snapshot.getValue("generated_at"))
            .put("started_at", snapshot.getValue("started_at"))
            .put("elapsed_seconds", snapshot.getValue("elapsed_seconds"))
            .put("total", total);
    return new JsonObject()
        .put("charts", chartJson)
        .put("points", points)
        .put("snapshot", head)
        .put("live", liveSource);
  }

  private void header() {
    out.append("<div id=\"report-head\">\n<header class=\"report\">\n<h1><span>wsmon</span> ")
        .append(
            live()
                ? "dashboard <span class=\"live\" title=\"updated every second\">live</span>"
                : "report")
        .append("</h1>\n<div class=\"meta\">")
        .append("<span>started <b>")
        .append(html(ReportFormat.dateTime(text(snapshot.getValue("started_at")))))
        .append("</b></span><span>duration <b>")
        .append(html(ReportFormat.duration(snapshot.getValue("elapsed_seconds"))))
        .append("</b></span><span>generated <b>")
        .append(html(ReportFormat.dateTime(text(snapshot.getValue("generated_at")))))
        .append("</b></span></div>\n</header>\n<ul class=\"groups\" title=\"target groups\">")
        .append("<li class=\"label\">target</li>");
    if (snapshot.getValue("groups") instanceof JsonObject groups) {
      for (String group : groups.fieldNames()) {
        out.append("<li>").append(html(group)).append("</li>");
      }
    }
    out.append("</ul>\n</div>\n");
  }

  private void thresholds() {
    if (!(snapshot.getValue("thresholds") instanceof JsonArray list) || list.isEmpty()) {
      return;
    }
    out.append("<section id=\"thresholds\">\n<h2>Thresholds</h2>\n<ul class=\"thresholds\">\n");
    for (Object t : list) {
      if (t instanceof JsonObject threshold) {
        boolean passed = Boolean.TRUE.equals(threshold.getValue("passed"));
        out.append("<li><span class=\"verdict ")
            .append(passed ? "pass\">PASS" : "fail\">FAIL")
            .append("</span><code>")
            .append(html(text(threshold.getValue("expression"))))
            .append("</code><span class=\"muted\">actual ")
            .append(html(ReportFormat.format(threshold.getValue("actual"), "num")))
            .append("</span></li>\n");
      }
    }
    out.append("</ul>\n</section>\n");
  }

  private void figures() {
    out.append("<section class=\"figures\" id=\"figures\">\n");
    figure(
        "Connections",
        metric("connected", "int") + " / " + metric("connections", "int"),
        "connected / total");
    figure(
        "Success rate",
        metric("success_rate", "pct"),
        metric("connection_attempts", "int")
            + " attempts, "
            + metric("failed_connections", "int")
            + " failed, "
            + metric("attempts_abandoned", "int")
            + " abandoned");
    figure(
        "Reconnections",
        metric("reconnections", "int"),
        metric("disconnections", "int") + " disconnections");
    figure(
        "Messages",
        metric("messages_sent", "int"),
        "sent, " + metric("messages_received", "int") + " received");
    figure(
        "Throughput",
        metric("avg_messages_sent_per_second", "dec"),
        "msg/s out, " + metric("avg_messages_received_per_second", "dec") + " in (avg)");
    figure("RTT p50", metric("rtt_ms.p50", "ms"), "p99 " + metric("rtt_ms.p99", "ms"));
    figure(
        "Connect latency",
        metric("connection_latency_ms.p50", "ms"),
        "p99 " + metric("connection_latency_ms.p99", "ms"));
    if (total.containsKey("degraded")) {
      figure("Degraded", metric("degraded", "int"), "open, failing a probe");
    }
    if (total.containsKey("uptime_ratio")) {
      figure(
          "Uptime",
          metric("uptime_ratio", "ratio"),
          "1 h "
              + metric("uptime_ratio_1h", "ratio")
              + ", 24 h "
              + metric("uptime_ratio_24h", "ratio"));
      figure(
          "Last outage",
          metric("last_outage.started_at", "text"),
          metric("last_outage.reason", "text"));
    }
    String band = text(total.getValue("health"));
    figure(
        "Health",
        "<span class=\"band\" data-band=\""
            + html(band.toLowerCase(java.util.Locale.ROOT))
            + "\" data-metric=\"health\" data-format=\"text\">"
            + html(band)
            + "</span>",
        "score " + metric("health_score", "dec") + " / 100");
    out.append("</section>\n");
  }

  private void figure(String label, String valueHtml, String subHtml) {
    out.append("<div class=\"figure\"><div class=\"label\">")
        .append(label)
        .append("</div><div class=\"value\">")
        .append(valueHtml)
        .append("</div><div class=\"sub\">")
        .append(subHtml)
        .append("</div></div>\n");
  }

  private String metric(String path, String kind) {
    Object value = ReportFormat.at(total, path);
    return "<span data-metric=\""
        + path
        + "\" data-format=\""
        + kind
        + "\">"
        + html(ReportFormat.format(value, kind))
        + "</span>";
  }

  private void charts(List<ReportCharts.Chart> charts) {
    out.append("<section class=\"charts\" id=\"charts\">\n");
    for (ReportCharts.Chart chart : charts) {
      int count = chart.count(points);
      out.append("<figure class=\"chart\" id=\"")
          .append(chart.id())
          .append("\" data-points=\"")
          .append(count)
          .append("\"><figcaption>")
          .append(html(chart.title()))
          .append("</figcaption><div class=\"chart-body")
          .append(count == 0 ? " empty\">no data" : "\">")
          .append("</div></figure>\n");
    }
    out.append("</section>\n");
  }

  private static final String[][] CONNECTION_COLUMNS = {
    {"Attempts", "connection_attempts", "int"},
    {"Successes", "successful_connections", "int"},
    {"Failures", "failed_connections", "int"},
    {"Abandoned", "attempts_abandoned", "int"},
    {"Disconn.", "disconnections", "int"},
    {"Reconn.", "reconnections", "int"},
    {"Success", "success_rate", "pct"},
    {"Connect mean", "avg_connection_latency_ms", "ms"},
    {"RTT p50", "rtt_ms.p50", "ms"},
    {"RTT p99", "rtt_ms.p99", "ms"},
    {"Sent", "messages_sent", "int"},
    {"Received", "messages_received", "int"},
    {"Uptime s", "total_uptime_seconds", "dec"},
    {"Health", "health_score", "dec"},
  };

  private void connections() {
    JsonArray connections =
        snapshot.getValue("connections") instanceof JsonArray a ? a : new JsonArray();
    boolean agents =
        connections.stream().anyMatch(c -> c instanceof JsonObject j && j.containsKey("agent"));
    int shown = live() ? Math.min(connections.size(), LIVE_MAX_ROWS) : connections.size();
    out.append("<section id=\"connections\">\n<h2>Connections <span class=\"muted\">(")
        .append(
            shown < connections.size()
                ? "first " + shown + " of " + connections.size()
                : String.valueOf(connections.size()))
        .append(
            ")</span></h2>\n<div class=\"scroll\"><table class=\"sortable\" id=\"connection-table\">")
        .append("<thead><tr><th>Connection</th><th>Group</th>");
    if (agents) {
      out.append("<th>Agent</th>");
    }
    out.append("<th>State</th>");
    for (String[] column : CONNECTION_COLUMNS) {
      out.append("<th class=\"n\">").append(column[0]).append("</th>");
    }
    out.append("<th>Close codes</th><th>Last close</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < shown; i++) {
      if (connections.getValue(i) instanceof JsonObject connection) {
        connectionRow(connection, agents);
      }
    }
    out.append("</tbody></table></div>\n</section>\n");
  }

  private void connectionRow(JsonObject c, boolean agents) {
    out.append("<tr><td><code>")
        .append(html(text(c.getValue("connection_id"))))
        .append("</code></td><td class=\"group\">")
        .append(html(text(c.getValue("group"))))
        .append("</td>");
    if (agents) {
      out.append("<td>").append(html(text(c.getValue("agent")))).append("</td>");
    }
    String state = text(c.getValue("state"));
    out.append("<td><span class=\"state ")
        .append(html(state))
        .append("\">")
        .append(html(state))
        .append("</span></td>");
    for (String[] column : CONNECTION_COLUMNS) {
      Object value = ReportFormat.at(c, column[1]);
      out.append("<td class=\"n\" data-sort=\"")
          .append(value instanceof Number n ? html(n.toString()) : "")
          .append("\">")
          .append(html(ReportFormat.format(value, column[2])))
          .append("</td>");
    }
    out.append("<td>")
        .append(html(codes(c.getValue("close_codes"))))
        .append("</td><td class=\"last-close\">");
    Object code = c.getValue("last_close_code");
    if (code != null) {
      out.append("<b>").append(html(code.toString())).append("</b> ");
    }
    out.append("<span class=\"reason\">")
        .append(html(text(c.getValue("last_close_reason"), "")))
        .append("</span></td></tr>\n");
  }

  private static String codes(Object closeCodes) {
    if (!(closeCodes instanceof JsonObject json) || json.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder();
    for (Map.Entry<String, Object> e : sortedCodes(json).entrySet()) {
      s.append(s.isEmpty() ? "" : " ").append(e.getKey()).append('\u00d7').append(e.getValue());
    }
    return s.toString();
  }

  private static Map<String, Object> sortedCodes(JsonObject json) {
    Map<String, Object> sorted =
        new TreeMap<>(
            (a, b) -> {
              try {
                return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
              } catch (NumberFormatException e) {
                return a.compareTo(b);
              }
            });
    json.forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  private void closeCodes() {
    out.append("<section id=\"close-codes\">\n<h2>Close codes</h2>\n");
    if (!(total.getValue("close_codes") instanceof JsonObject json) || json.isEmpty()) {
      out.append("<p class=\"muted\">No disconnections.</p>\n</section>\n");
      return;
    }
    out.append("<div class=\"codes\">");
    for (Map.Entry<String, Object> e : sortedCodes(json).entrySet()) {
      String name = null;
      try {
        name = CLOSE_NAMES.get(Integer.parseInt(e.getKey()));
      } catch (NumberFormatException ignored) {
        // a non-numeric key is shown as is
      }
      out.append("<div class=\"code\" data-code=\"")
          .append(html(e.getKey()))
          .append("\"><b>")
          .append(html(e.getKey()))
          .append("</b>")
          .append(html(ReportFormat.format(e.getValue(), "int")))
          .append(" &times;")
          .append(name == null ? "" : " <span class=\"muted\">" + html(name) + "</span>")
          .append("</div>");
    }
    out.append("</div>\n</section>\n");
  }

  private void timeline() {
    JsonArray events = snapshot.getValue("events") instanceof JsonArray a ? a : new JsonArray();
    int from = live() ? Math.max(0, events.size() - LIVE_MAX_EVENTS) : 0;
    out.append("<section id=\"timeline\">\n<h2>Event timeline <span class=\"muted\">(")
        .append(
            from > 0 ? "newest " + (events.size() - from) + " of " + events.size() : events.size())
        .append(")</span></h2>\n");
    if (events.isEmpty()) {
      out.append("<p class=\"muted\">No events recorded.</p>\n</section>\n");
      return;
    }
    out.append("<div class=\"scroll\"><table class=\"sortable\" id=\"event-table\"><thead><tr>")
        .append("<th>Time</th><th>Connection</th><th>Event</th><th class=\"n\">Attempt</th>")
        .append("<th class=\"n\">Duration</th><th class=\"n\">Close code</th><th>Reason</th>")
        .append("</tr></thead>\n<tbody>\n");
    for (int i = from; i < events.size(); i++) {
      if (events.getValue(i) instanceof JsonObject event) {
        String type = text(event.getValue("type"));
        Object duration = event.getValue("duration_ms");
        Object code = event.getValue("close_code");
        String timestamp = text(event.getValue("timestamp"));
        out.append("<tr><td data-sort=\"")
            .append(html(timestamp))
            .append("\" title=\"")
            .append(html(timestamp))
            .append("\"><code>")
            .append(html(ReportFormat.time(timestamp)))
            .append("</code></td><td><code>")
            .append(html(text(event.getValue("connection_id"))))
            .append("</code></td><td><span class=\"type ")
            .append(html(type))
            .append("\">")
            .append(html(type))
            .append("</span></td><td class=\"n\">")
            .append(html(text(event.getValue("attempt"), "")))
            .append("</td><td class=\"n\" data-sort=\"")
            .append(duration instanceof Number n ? html(n.toString()) : "")
            .append("\">")
            .append(duration == null ? "" : html(ReportFormat.format(duration, "ms")))
            .append("</td><td class=\"n\">")
            .append(html(text(code, "")))
            .append("</td><td class=\"reason\">")
            .append(html(text(event.getValue("reason"), "")))
            .append("</td></tr>\n");
      }
    }
    out.append("</tbody></table></div>\n</section>\n");
  }

  private static String text(Object value) {
    return text(value, ReportFormat.NONE);
  }

  private static String text(Object value, String whenNull) {
    return value == null ? whenNull : value.toString();
  }
}
