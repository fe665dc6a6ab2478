package dev.wsmon.exporters;

import dev.wsmon.exporters.impl.HtmlReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * The default {@link HtmlRenderer}: one self-contained HTML page (uPlot and the report's script and
 * stylesheet inlined, nothing fetched when viewing) with the run's header, threshold verdicts (when
 * the snapshot has a {@code thresholds} array of {@code {expression, passed, actual}}), headline
 * figures, charts of the time series, a sortable per-connection table, close-code totals and the
 * event timeline. Described in {@code docs/export-format.md}.
 *
 * <p>With a live source the same page becomes a dashboard: its script opens an {@code EventSource}
 * on that URL (with credentials, so a cookie token works) and applies each message, a JSON object
 * {@code {"snapshot"?: {...}, "points"?: [...], "point"?: {...}}}: {@code points} replaces the
 * series, {@code point} appends one point, {@code snapshot} refreshes the headline figures. The
 * page's script also exposes {@code window.WsmonReport.update(message)} for other sources.
 */
public final class HtmlReportRenderer implements HtmlRenderer {

  private final String liveSource;

  /** A renderer of static reports. */
  public HtmlReportRenderer() {
    this.liveSource = null;
  }

  /**
   * A renderer of live dashboards.
   *
   * @param liveSource the URL (absolute or relative to the page) of an event stream of updates
   */
  public HtmlReportRenderer(String liveSource) {
    this.liveSource = Objects.requireNonNull(liveSource, "liveSource");
  }

  /** The event-stream URL, or {@code null} for static reports. */
  public String liveSource() {
    return liveSource;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the snapshot has no {@code total} object
   */
  @Override
  public String render(JsonObject snapshot, JsonArray points) {
    return HtmlReport.render(
        Objects.requireNonNull(snapshot, "snapshot"),
        Objects.requireNonNull(points, "points"),
        liveSource);
  }
}
