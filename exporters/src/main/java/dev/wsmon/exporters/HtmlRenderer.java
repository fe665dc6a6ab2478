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
}
