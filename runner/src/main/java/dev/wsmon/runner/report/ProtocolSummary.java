package dev.wsmon.runner.report;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The summary's {@code protocol} row: the protocol layer's errors (most frequent reasons first) and
 * heartbeats, which {@code protocol_errors} (WebSocket-level errors) does not include.
 */
final class ProtocolSummary {

  private static final int REASONS = 3;
  private static final int REASON_WIDTH = 60;

  private ProtocolSummary() {}

  /** The row's text for {@code total.protocol}. */
  static String line(JsonObject protocol) {
    return SummaryTable.text(protocol.getValue("name"))
        + "   errors "
        + SummaryTable.num(protocol.getValue("errors"), 0)
        + reasons(protocol.getJsonObject("error_reasons"))
        + "   heartbeats sent "
        + SummaryTable.num(protocol.getValue("heartbeats_sent"), 0)
        + "   received "
        + SummaryTable.num(protocol.getValue("heartbeats_received"), 0);
  }

  private static String reasons(JsonObject reasons) {
    if (reasons == null || reasons.isEmpty()) {
      return "";
    }
    List<Map.Entry<String, Object>> sorted = new ArrayList<>();
    reasons.forEach(sorted::add);
    sorted.sort(
        (a, b) ->
            Long.compare(((Number) b.getValue()).longValue(), ((Number) a.getValue()).longValue()));
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Object> e : sorted.subList(0, Math.min(REASONS, sorted.size()))) {
      parts.add(SummaryTable.clip(e.getKey(), REASON_WIDTH) + " x" + e.getValue());
    }
    if (sorted.size() > REASONS) {
      parts.add("…");
    }
    return " (" + String.join(", ", parts) + ")";
  }
}
