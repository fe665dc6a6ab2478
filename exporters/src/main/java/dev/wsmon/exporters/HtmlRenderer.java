package dev.wsmon.exporters;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Renders the {@code html} export. The default is {@link HtmlReportRenderer}; set another with
 * {@link ExportOptions#setHtmlRenderer} (with {@code null} an {@code html} request fails with code
 * 501). Called on a worker thread with documents the caller owns.
 */
@FunctionalInterface
public interface HtmlRenderer {

  /**
   * Renders a report.
   *
   * @param snapshot the snapshot document (see {@code docs/export-format.md})
   * @param points the time-series points, oldest first
   * @return the HTML page
   */
  String render(JsonObject snapshot, JsonArray points);

  /**
   * Renders, for a live page this renderer made, the replacements of its elements that follow the
   * snapshot (the {@code sections} of a live update: element id to the element's HTML). A live
   * dashboard sends them with every update so its tables and figures stay current. The default has
   * none.
   *
   * @param snapshot the snapshot document
   * @return element id to HTML, or {@code null} when the page has no replaceable sections
   */
  default JsonObject liveSections(JsonObject snapshot) {
    return null;
  }
}
