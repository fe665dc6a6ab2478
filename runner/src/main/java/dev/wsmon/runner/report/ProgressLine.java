package dev.wsmon.runner.report;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** Formats the one-line live progress of a run from a snapshot document. */
public final class ProgressLine {

  private ProgressLine() {}

  /**
   * The progress line: elapsed time (of the planned duration, when there is one), connected/total,
   * attempts, failures, disconnections, reconnections, message rates each way and RTT p50/p99.
   *
   * @param snapshot the snapshot document
   * @param elapsed time since the run started
   * @param planned the planned duration, or {@code null} when the run lasts until Ctrl-C
   */
  public static String format(JsonObject snapshot, Duration elapsed, Duration planned) {
    JsonObject total = snapshot.getJsonObject("total", new JsonObject());
    JsonObject rtt = total.getJsonObject("rtt_ms", new JsonObject());
    StringBuilder line = new StringBuilder(160);
    line.append('[').append(seconds(elapsed));
    if (planned != null) {
      line.append('/').append(seconds(planned));
    }
    line.append("] connected ")
        .append(SummaryTable.num(total.getValue("connected"), 0))
        .append('/')
        .append(SummaryTable.num(total.getValue("connections"), 0))
        .append("  attempts ")
        .append(SummaryTable.num(total.getValue("connection_attempts"), 0))
        .append("  failures ")
        .append(SummaryTable.num(total.getValue("failed_connections"), 0))
        .append("  disconnects ")
        .append(SummaryTable.num(total.getValue("disconnections"), 0))
        .append("  reconnects ")
        .append(SummaryTable.num(total.getValue("reconnections"), 0))
        .append("  msgs/s out ")
        .append(SummaryTable.num(total.getValue("current_messages_sent_per_second"), 0))
        .append(" in ")
        .append(SummaryTable.num(total.getValue("current_messages_received_per_second"), 0))
        .append("  rtt p50 ")
        .append(ms(rtt.getValue("p50")))
        .append(" p99 ")
        .append(ms(rtt.getValue("p99")));
    JsonObject scenario = total.getJsonObject("scenario");
    if (scenario != null) {
      line.append("  ").append(ScenarioLine.compact(scenario));
    }
    JsonObject feed = total.getJsonObject("feed");
    if (feed != null) {
      line.append("  feed gaps ")
          .append(SummaryTable.num(feed.getValue("gaps"), 0))
          .append(" dup ")
          .append(SummaryTable.num(feed.getValue("duplicates"), 0))
          .append(" ooo ")
          .append(SummaryTable.num(feed.getValue("out_of_order"), 0))
          .append(Boolean.TRUE.equals(feed.getBoolean("stale")) ? " STALE" : "");
    }
    return line.toString();
  }

  private static String ms(Object value) {
    return value instanceof Number ? SummaryTable.num(value, 2) + "ms" : "-";
  }

  private static String seconds(Duration d) {
    long s = d.toSeconds();
    return s >= 3600
        ? String.format("%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60)
        : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
