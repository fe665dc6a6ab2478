package dev.wsmon.exporters.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The charts of the HTML report: which series-point keys each one plots. Shared by the page
 * (rendered server-side) and its script (which gets the list as JSON).
 */
public final class ReportCharts {

  /** One line of a chart: a series-point key and its legend label. */
  public record Line(String key, String label) {}

  /**
   * A chart.
   *
   * @param id element id
   * @param title caption
   * @param lines the plotted keys
   * @param optional shown only when some point has one of the keys
   */
  public record Chart(String id, String title, List<Line> lines, boolean optional) {

    /** Points with a number for at least one of the lines: what the chart plots. */
    public int count(JsonArray points) {
      int count = 0;
      for (Object p : points) {
        if (p instanceof JsonObject point && lines.stream().anyMatch(l -> isNumber(point, l))) {
          count++;
        }
      }
      return count;
    }

    boolean present(JsonArray points) {
      if (!optional) {
        return true;
      }
      for (Object p : points) {
        if (p instanceof JsonObject point
            && lines.stream().anyMatch(l -> point.containsKey(l.key()))) {
          return true;
        }
      }
      return false;
    }

    JsonObject toJson() {
      JsonArray series = new JsonArray();
      lines.forEach(l -> series.add(new JsonObject().put("key", l.key()).put("label", l.label())));
      return new JsonObject().put("id", id).put("title", title).put("series", series);
    }

    private static boolean isNumber(JsonObject point, Line line) {
      return point.getValue(line.key()) instanceof Number n && Double.isFinite(n.doubleValue());
    }
  }

  /** Every chart, in page order. */
  public static final List<Chart> ALL =
      List.of(
          new Chart(
              "chart-connections",
              "Connections",
              List.of(new Line("connected", "connected"), new Line("connections", "total")),
              false),
          new Chart(
              "chart-messages",
              "Messages per second",
              List.of(
                  new Line("messages_sent_per_second", "sent"),
                  new Line("messages_received_per_second", "received")),
              false),
          new Chart(
              "chart-rtt",
              "Round-trip time (ms)",
              List.of(
                  new Line("rtt_p50_ms", "p50"),
                  new Line("rtt_p90_ms", "p90"),
                  new Line("rtt_p99_ms", "p99"),
                  new Line("rtt_max_ms", "max")),
              false),
          new Chart(
              "chart-connect-latency",
              "Connect latency (ms)",
              List.of(
                  new Line("connection_latency_p50_ms", "p50"),
                  new Line("connection_latency_p99_ms", "p99")),
              false),
          new Chart("chart-feed-gaps", "Feed gaps", List.of(new Line("feed_gaps", "gaps")), true));

  private ReportCharts() {}

  /** The charts shown for {@code points}: all but the optional ones without data keys. */
  public static List<Chart> shown(JsonArray points) {
    List<Chart> shown = new ArrayList<>();
    for (Chart chart : ALL) {
      if (chart.present(points)) {
        shown.add(chart);
      }
    }
    return shown;
  }
}
