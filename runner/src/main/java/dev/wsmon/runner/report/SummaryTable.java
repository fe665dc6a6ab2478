package dev.wsmon.runner.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a snapshot document (the JSON export shape) as a human summary table. */
public final class SummaryTable {

  private static final String[] LATENCY_FIELDS = {
    "count", "min", "mean", "p50", "p90", "p99", "p999", "max"
  };

  private SummaryTable() {}

  /** The summary of {@code snapshot}: totals, latency percentiles, groups and scheduled calls. */
  public static String render(JsonObject snapshot) {
    return render(snapshot, null);
  }

  /**
   * The summary of a run's snapshot, whose per-second message figures divide by the time it was
   * sending (not by {@code elapsed_seconds}, which includes the grace and the close).
   *
   * @param snapshot the snapshot document
   * @param sendingSeconds from the ramp's origin (the instant the first counted attempt may start,
   *     after the deployments) to the end of sending, or {@code null} to show the snapshot's {@code
   *     avg_*} rates (since {@code started_at})
   * @return the text
   */
  public static String render(JsonObject snapshot, Double sendingSeconds) {
    JsonObject total = obj(snapshot, "total");
    StringBuilder out = new StringBuilder(2048);
    out.append(
        String.format(
            Locale.ROOT,
            "wsmon summary: %s s, %s connections%n",
            num(snapshot.getValue("elapsed_seconds"), 1),
            num(total.getValue("connections"), 0)));
    out.append(rule());
    row(out, "connected", connectedText(total));
    row(
        out,
        "health",
        num(total.getValue("health_score"), 0) + " (" + text(total.getValue("health")) + ")");
    row(
        out,
        "attempts",
        count(total, "connection_attempts")
            + "   successes "
            + count(total, "successful_connections")
            + "   failures "
            + count(total, "failed_connections")
            + "   abandoned "
            + count(total, "attempts_abandoned")
            + "   success rate "
            + percent(total.getValue("success_rate")));
    row(
        out,
        "disconnections",
        count(total, "disconnections")
            + "   reconnections "
            + count(total, "reconnections")
            + "   close codes "
            + closeCodes(obj(total, "close_codes")));
    row(out, "messages", messages(total, sendingSeconds));
    row(
        out,
        "bytes",
        "sent " + count(total, "bytes_sent") + "   received " + count(total, "bytes_received"));
    row(
        out,
        "errors",
        "send failures "
            + count(total, "send_failures")
            + "   request timeouts "
            + count(total, "request_timeouts")
            + "   abandoned "
            + count(total, "requests_abandoned")
            + "   protocol errors "
            + count(total, "protocol_errors"));
    if (total.getValue("protocol") instanceof JsonObject protocol) {
      row(out, "protocol", ProtocolSummary.line(protocol));
    }
    JsonObject feed = total.getJsonObject("feed");
    if (feed != null) {
      row(
          out,
          "feed",
          "gaps "
              + count(feed, "gaps")
              + "   missing "
              + count(feed, "missing")
              + "   duplicates "
              + count(feed, "duplicates")
              + "   out of order "
              + count(feed, "out_of_order")
              + "   resets "
              + count(feed, "resets")
              + (Boolean.TRUE.equals(feed.getBoolean("stale")) ? "   STALE" : ""));
    }
    row(
        out,
        "uptime",
        "total "
            + num(total.getValue("total_uptime_seconds"), 1)
            + " s   current "
            + num(total.getValue("current_uptime_seconds"), 1)
            + " s");
    out.append(rule());
    latencyTable(out, total);
    JsonObject groups = obj(snapshot, "groups");
    if (groups.size() > 1) {
      out.append(rule());
      out.append(
          String.format(
              Locale.ROOT,
              "%-34s %6s %9s %9s %9s %9s %9s%n",
              "group",
              "conns",
              "attempts",
              "discon.",
              "sent",
              "received",
              "rtt p99"));
      for (Map.Entry<String, Object> e : groups) {
        JsonObject g = e.getValue() instanceof JsonObject j ? j : new JsonObject();
        out.append(
            String.format(
                Locale.ROOT,
                "%-34s %6s %9s %9s %9s %9s %9s%n",
                clip(e.getKey(), 34),
                num(g.getValue("connections"), 0),
                count(g, "connection_attempts"),
                count(g, "disconnections"),
                count(g, "messages_sent"),
                count(g, "messages_received"),
                num(obj(g, "rtt_ms").getValue("p99"), 3)));
      }
    }
    JsonObject calls = snapshot.getJsonObject("scheduled_calls");
    if (calls == null) {
      calls = total.getJsonObject("scheduled_calls");
    }
    if (calls != null && !calls.isEmpty()) {
      out.append(rule());
      out.append(
          String.format(
              Locale.ROOT,
              "%-24s %7s %7s %7s %9s %9s %9s%n",
              "scheduled call",
              "runs",
              "ok",
              "failed",
              "timed out",
              "p50 ms",
              "p99 ms"));
      for (Map.Entry<String, Object> e : calls) {
        JsonObject c = e.getValue() instanceof JsonObject j ? j : new JsonObject();
        JsonObject lat = obj(c, "latency_ms");
        out.append(
            String.format(
                Locale.ROOT,
                "%-24s %7s %7s %7s %9s %9s %9s%n",
                clip(e.getKey(), 24),
                count(c, "runs"),
                count(c, "ok"),
                count(c, "failed"),
                count(c, "timed_out"),
                num(lat.getValue("p50"), 3),
                num(lat.getValue("p99"), 3)));
      }
    }
    JsonObject scenario = total.getJsonObject("scenario");
    if (scenario != null) {
      out.append(ScenarioLine.summary(scenario, rule()));
    }
    JsonArray connections = snapshot.getJsonArray("connections");
    if (connections != null && !connections.isEmpty()) {
      List<String> notUp = new ArrayList<>();
      for (Object o : connections) {
        if (o instanceof JsonObject c && !Boolean.TRUE.equals(c.getValue("is_connected"))) {
          notUp.add(c.getString("connection_id") + " " + text(c.getValue("state")));
        }
      }
      if (!notUp.isEmpty()) {
        out.append(rule());
        row(out, "not connected", clip(String.join(", ", notUp), 200));
      }
    }
    return out.toString();
  }

  private static String messages(JsonObject total, Double sendingSeconds) {
    if (sendingSeconds == null || sendingSeconds <= 0) {
      return "sent "
          + count(total, "messages_sent")
          + " ("
          + num(total.getValue("avg_messages_sent_per_second"), 1)
          + "/s)   received "
          + count(total, "messages_received")
          + " ("
          + num(total.getValue("avg_messages_received_per_second"), 1)
          + "/s)";
    }
    return "sent "
        + count(total, "messages_sent")
        + " ("
        + perSecond(total.getValue("messages_sent"), sendingSeconds)
        + "/s)   received "
        + count(total, "messages_received")
        + " ("
        + perSecond(total.getValue("messages_received"), sendingSeconds)
        + "/s)   per second of the "
        + num(sendingSeconds, 1)
        + " s of sending";
  }

  private static String perSecond(Object count, double seconds) {
    return count instanceof Number n ? num(n.doubleValue() / seconds, 1) : "-";
  }

  private static void latencyTable(StringBuilder out, JsonObject total) {
    out.append(String.format(Locale.ROOT, "%-18s", "latency (ms)"));
    for (String f : LATENCY_FIELDS) {
      out.append(String.format(Locale.ROOT, "%10s", f));
    }
    out.append(System.lineSeparator());
    latencyRow(out, "connect", obj(total, "connection_latency_ms"));
    latencyRow(out, "round trip", obj(total, "rtt_ms"));
    if (total.getValue("rtt_actual_ms") instanceof JsonObject actual) {
      latencyRow(out, "  from actual send", actual);
      latencyRow(out, "  send lag", obj(total, "send_lag_ms"));
    }
    latencyRow(out, "ping", obj(total, "ping_rtt_ms"));
    if (total.getValue("protocol") instanceof JsonObject protocol) {
      latencyRow(out, "protocol handshake", obj(protocol, "handshake_latency_ms"));
    }
  }

  private static void latencyRow(StringBuilder out, String name, JsonObject stats) {
    out.append(String.format(Locale.ROOT, "%-18s", name));
    for (String f : LATENCY_FIELDS) {
      out.append(
          String.format(Locale.ROOT, "%10s", num(stats.getValue(f), f.equals("count") ? 0 : 3)));
    }
    out.append(System.lineSeparator());
  }

  private static String connectedText(JsonObject total) {
    return num(total.getValue("connected"), 0)
        + " of "
        + num(total.getValue("connections"), 0)
        + (Boolean.TRUE.equals(total.getValue("is_connected")) ? "" : "   (not all connected)");
  }

  static String closeCodes(JsonObject codes) {
    if (codes.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Object> e : codes) {
      parts.add(e.getKey() + " x" + e.getValue());
    }
    return String.join(", ", parts);
  }

  private static void row(StringBuilder out, String name, String value) {
    out.append(String.format(Locale.ROOT, "%-18s%s%n", name, value));
  }

  private static String rule() {
    return "-".repeat(98) + System.lineSeparator();
  }

  private static JsonObject obj(JsonObject parent, String key) {
    Object v = parent == null ? null : parent.getValue(key);
    return v instanceof JsonObject j ? j : new JsonObject();
  }

  private static String count(JsonObject o, String key) {
    return num(o.getValue(key), 0);
  }

  static String percent(Object value) {
    return value instanceof Number ? num(value, 2) + " %" : "n/a";
  }

  static String text(Object value) {
    return value == null ? "n/a" : value.toString();
  }

  /** A number with {@code decimals} places, or {@code -} for null. */
  public static String num(Object value, int decimals) {
    if (!(value instanceof Number n)) {
      return value == null ? "-" : value.toString();
    }
    if (decimals == 0) {
      return Long.toString(Math.round(n.doubleValue()));
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", n.doubleValue());
  }

  static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "~";
  }
}
