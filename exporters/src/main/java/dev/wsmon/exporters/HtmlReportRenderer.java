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
 * {@code {"snapshot"?: {...}, "points"?: [...], "point"?: {...}, "sections"?: {...}}}: {@code
 * points} replaces the series, {@code point} appends one point (or replaces the last one with the
 * same timestamp), {@code snapshot} (or {@code total}) refreshes the headline figures and {@code
 * sections} (see {@link #liveSections}) replaces the header, figures, connection table, close
 * codes, scenario section and timeline with server-rendered, escaped HTML, keeping the reader's
 * sort order. A live page shows at most {@value #LIVE_MAX_ROWS} connection rows and the newest
 * {@value #LIVE_MAX_EVENTS} events. The page's script also exposes {@code
 * window.WsmonReport.update(message)} for other sources.
 */
public final class HtmlReportRenderer implements HtmlRenderer {

  /** The most connection rows a live page shows (the first ones): {@value}. */
  public static final int LIVE_MAX_ROWS = HtmlReport.LIVE_MAX_ROWS;

  /** The most timeline events a live page shows (the newest ones): {@value}. */
  public static final int LIVE_MAX_EVENTS = HtmlReport.LIVE_MAX_EVENTS;

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
   * <p>For a live renderer: the page elements {@code report-head}, {@code figures}, {@code
   * connections}, {@code close-codes} and {@code timeline}, and {@code scenario} when the snapshot
   * has {@code total.scenario}; {@code null} for a static one.
   *
   * @throws IllegalArgumentException when the snapshot has no {@code total} object
   */
  @Override
  public JsonObject liveSections(JsonObject snapshot) {
    return liveSource == null ? null : HtmlReport.sections(Objects.requireNonNull(snapshot));
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
