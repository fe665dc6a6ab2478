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
      out.append("<div class=\"scroll\"><table class=\"sortable\" id=\"protocol-channels\">")
          .append("<thead><tr><th>Channel</th><th class=\"n\">Messages received</th>")
          .append("<th class=\"n\">Bytes received</th></tr></thead>\n<tbody>\n");
      for (Map.Entry<String, Object> e : channels) {
        JsonObject c = e.getValue() instanceof JsonObject j ? j : new JsonObject();
        out.append("<tr><td><code>")
            .append(html(e.getKey()))
            .append("</code></td><td class=\"n\">")
            .append(html(ReportFormat.format(c.getValue("messages_received"), "int")))
            .append("</td><td class=\"n\">")
            .append(html(ReportFormat.format(c.getValue("bytes_received"), "int")))
            .append("</td></tr>\n");
      }
      out.append("</tbody></table></div>\n");
    }
    out.append("</section>\n");
  }

  private static String ms(JsonObject summary, String key) {
    return ReportFormat.format(summary.getValue(key), "ms");
  }

  private static String item(String label, String value) {
    return "<li>" + html(label) + ": <b>" + html(value) + "</b></li>";
  }
}
