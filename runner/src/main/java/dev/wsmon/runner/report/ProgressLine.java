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
   * @param elapsed time on the run clock (since the ramp's origin, as {@code -d} counts)
   * @param planned the planned duration, or {@code null} when the run lasts until Ctrl-C
   */
  public static String format(JsonObject snapshot, Duration elapsed, Duration planned) {
    JsonObject total = snapshot.getJsonObject("total", new JsonObject());
    JsonObject rtt = total.getJsonObject("rtt_ms", new JsonObject());
    LiveLine line =
        new LiveLine()
            .text("[" + seconds(elapsed) + (planned == null ? "" : "/" + seconds(planned)) + "]")
            .field("connected")
            .ratio(total.getValue("connected"), total.getValue("connections"))
            .group("attempts")
            .count(total.getValue("connection_attempts"))
            .group("failures")
            .count(total.getValue("failed_connections"))
            .group("disconnects")
            .count(total.getValue("disconnections"))
            .group("reconnects")
            .count(total.getValue("reconnections"))
            .group("msgs/s")
            .field("out")
            .count(total.getValue("current_messages_sent_per_second"))
            .field("in")
            .count(total.getValue("current_messages_received_per_second"))
            .group("rtt")
            .field("p50")
            .ms(rtt.getValue("p50"))
            .field("p99")
            .ms(rtt.getValue("p99"));
    JsonObject scenario = total.getJsonObject("scenario");
    if (scenario != null) {
      ScenarioLine.compact(scenario, line);
    }
    JsonObject feed = total.getJsonObject("feed");
    if (feed != null) {
      line.group("feed")
          .field("gaps")
          .count(feed.getValue("gaps"))
          .field("dup")
          .count(feed.getValue("duplicates"))
          .field("ooo")
          .count(feed.getValue("out_of_order"))
          .text(Boolean.TRUE.equals(feed.getBoolean("stale")) ? " STALE" : "");
    }
    return line.toString();
  }

  private static String seconds(Duration d) {
    long s = d.toSeconds();
    return s >= 3600
        ? String.format("%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60)
        : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
