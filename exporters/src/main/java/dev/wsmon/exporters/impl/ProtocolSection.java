package dev.wsmon.exporters.impl;

import static dev.wsmon.exporters.impl.HtmlEscape.html;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/** The report's protocol section (Socket.IO, STOMP, graphql-ws): present only with a protocol. */
final class ProtocolSection {

  private ProtocolSection() {}

  static void render(JsonObject total, StringBuilder out) {
    if (!(total.getValue("protocol") instanceof JsonObject p)) {
      return;
    }
    JsonObject handshake =
        p.getValue("handshake_latency_ms") instanceof JsonObject h ? h : new JsonObject();
    out.append("<section id=\"protocol\">\n<h2>Protocol <span class=\"muted\">")
        .append(html(String.valueOf(p.getValue("name"))))
        .append("</span></h2>\n<ul class=\"thresholds\">")
        .append(item("handshake p50 / p99", ms(handshake, "p50") + " / " + ms(handshake, "p99")))
        .append(
            item(
                "heartbeats sent / received",
                p.getValue("heartbeats_sent") + " / " + p.getValue("heartbeats_received")))
        .append(item("errors", ReportFormat.format(p.getValue("errors"), "int")));
    if (p.getValue("error_reasons") instanceof JsonObject reasons) {
      for (Map.Entry<String, Object> e : reasons) {
        out.append(item("error: " + e.getKey(), ReportFormat.format(e.getValue(), "int")));
      }
    }
    out.append("</ul>\n");
    if (p.getValue("channels") instanceof JsonObject channels && !channels.isEmpty()) {
      boolean feeds = false;
      for (Map.Entry<String, Object> e : channels) {
        feeds |= e.getValue() instanceof JsonObject j && j.getValue("feed") instanceof JsonObject;
      }
      out.append("<div class=\"scroll\"><table class=\"sortable\" id=\"protocol-channels\">")
          .append("<thead><tr><th>Channel</th><th class=\"n\">Messages received</th>")
          .append("<th class=\"n\">Bytes received</th>");
      if (feeds) {
        for (String h : FEED_HEADERS) {
          out.append("<th class=\"n\">").append(html(h)).append("</th>");
        }
      }
      out.append("</tr></thead>\n<tbody>\n");
      for (Map.Entry<String, Object> e : channels) {
        JsonObject c = e.getValue() instanceof JsonObject j ? j : new JsonObject();
        out.append("<tr><td><code>")
            .append(html(e.getKey()))
            .append("</code></td>")
            .append(cell(ReportFormat.format(c.getValue("messages_received"), "int")))
            .append(cell(ReportFormat.format(c.getValue("bytes_received"), "int")));
        if (feeds) {
          feedCells(out, c.getValue("feed") instanceof JsonObject f ? f : null);
        }
        out.append("</tr>\n");
      }
      out.append("</tbody></table></div>\n");
    }
    out.append("</section>\n");
  }

  private static final String[] FEED_HEADERS = {
    "Gaps", "Missing", "Duplicates", "Out of order", "E2E p50", "E2E p99"
  };

  /** The channel's feed metrics (per channel with --seq-field/--ts-field), or dashes. */
  private static void feedCells(StringBuilder out, JsonObject feed) {
    if (feed == null) {
      for (int i = 0; i < FEED_HEADERS.length; i++) {
        out.append(cell("-"));
      }
      return;
    }
    for (String key : new String[] {"gaps", "missing", "duplicates", "out_of_order"}) {
      out.append(cell(ReportFormat.format(feed.getValue(key), "int")));
    }
    JsonObject e2e = feed.getValue("e2e_latency_ms") instanceof JsonObject j ? j : new JsonObject();
    out.append(cell(ms(e2e, "p50"))).append(cell(ms(e2e, "p99")));
  }

  private static String cell(String text) {
    return "<td class=\"n\">" + html(text) + "</td>";
  }

  private static String ms(JsonObject summary, String key) {
    return ReportFormat.format(summary.getValue(key), "ms");
  }

  private static String item(String label, String value) {
    return "<li>" + html(label) + ": <b>" + html(value) + "</b></li>";
  }
}
