package dev.wsmon.exporters;

import dev.wsmon.exporters.impl.AtomicFiles;
import dev.wsmon.exporters.impl.CsvRenderer;
import dev.wsmon.exporters.impl.JsonRenderer;
import dev.wsmon.tracker.StatsSnapshot;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders stats documents in the export formats and writes export files. The one Java API shared by
 * the {@link ExportVerticle}, the {@code TestingWrapper} and the command line. Every method is
 * thread-safe and synchronous: on an event loop, call the renderers of large snapshots (thousands
 * of connections) through {@code executeBlocking}. The formats are specified in {@code
 * docs/export-format.md}.
 */
public final class Exporters {

  private Exporters() {}

  /**
   * The snapshot document as JSON, every key as given (snake_case), in document order.
   *
   * @param snapshot the snapshot document ({@code <ns>.stats} reply)
   * @param pretty {@code true} for two-space indented output with {@code \n} line ends, {@code
   *     false} for one line
   * @return the JSON text; non-finite numbers are written as {@code null}
   */
  public static String json(JsonObject snapshot, boolean pretty) {
    return JsonRenderer.render(Objects.requireNonNull(snapshot, "snapshot"), pretty);
  }

  /**
   * The snapshot as JSON; see {@link #json(JsonObject, boolean)}.
   *
   * @param snapshot the tracker's snapshot ({@code StatsTrackerVerticle.snapshot()})
   * @param pretty {@code true} for indented output
   * @return the JSON text
   */
  public static String json(StatsSnapshot snapshot, boolean pretty) {
    return json(Objects.requireNonNull(snapshot, "snapshot").toJson(), pretty);
  }

  /**
   * The snapshot as CSV; see {@link #csv(JsonObject)}.
   *
   * @param snapshot the tracker's snapshot ({@code StatsTrackerVerticle.snapshot()})
   * @return the CSV text
   */
  public static String csv(StatsSnapshot snapshot) {
    return csv(Objects.requireNonNull(snapshot, "snapshot").toJson());
  }

  /**
   * The time series as CSV; see {@link #csvSeries(JsonArray)}.
   *
   * @param points the points ({@code StatsTrackerVerticle.series()}), oldest first
   * @return the CSV text
   */
  public static String csvSeries(List<JsonObject> points) {
    return csvSeries(new JsonArray(new ArrayList<>(Objects.requireNonNull(points, "points"))));
  }

  /**
   * The snapshot as CSV ({@code csv}): a header row, one row {@code total}, one per group, one per
   * connection. The first columns are {@code scope} ({@code total}, {@code group} or {@code
   * connection}), {@code name} (group name or connection id) and {@code group}; then the metrics,
   * nested values flattened with {@code _} ({@code rtt_ms_p99}, {@code close_codes_1006};
   * close-code columns are the union over all rows, in numeric order). RFC 4180 quoting, CRLF line
   * ends, numbers with a {@code .} decimal separator and without exponent, empty cells for {@code
   * null}; text cells starting with {@code = + - @}, tab or CR get a leading {@code '}.
   *
   * @param snapshot the snapshot document
   * @return the CSV text
   * @throws IllegalArgumentException when the document has no {@code total} object or a key has the
   *     wrong type
   */
  public static String csv(JsonObject snapshot) {
    return CsvRenderer.snapshot(Objects.requireNonNull(snapshot, "snapshot"));
  }

  /**
   * The time series as CSV ({@code csv-series}): a header row of the point keys (the union over all
   * points, in first-appearance order), then one row per point, oldest first. Same escaping as
   * {@link #csv(JsonObject)}.
   *
   * @param points the {@code points} array of the {@code <ns>.series} reply
   * @return the CSV text (only a header line when there are no points)
   * @throws IllegalArgumentException when a point is not an object
   */
  public static String csvSeries(JsonArray points) {
    return CsvRenderer.series(Objects.requireNonNull(points, "points"));
  }

  /**
   * The HTML report of a snapshot and its time series: one self-contained page, rendered by {@link
   * HtmlReportRenderer} (see there and {@code docs/export-format.md}).
   *
   * @param snapshot the snapshot document
   * @param points the {@code points} array of the {@code <ns>.series} reply, oldest first
   * @return the HTML text
   * @throws IllegalArgumentException when the document has no {@code total} object
   */
  public static String html(JsonObject snapshot, JsonArray points) {
    return new HtmlReportRenderer().render(snapshot, points);
  }

  /**
   * The HTML report; see {@link #html(JsonObject, JsonArray)}.
   *
   * @param snapshot the tracker's snapshot ({@code StatsTrackerVerticle.snapshot()})
   * @param points the points ({@code StatsTrackerVerticle.series()}), oldest first
   * @return the HTML text
   */
  public static String html(StatsSnapshot snapshot, List<JsonObject> points) {
    return html(
        Objects.requireNonNull(snapshot, "snapshot").toJson(),
        new JsonArray(new ArrayList<>(Objects.requireNonNull(points, "points"))));
  }

  /**
   * The meters of {@code registry} in the Prometheus text exposition format 0.0.4 ({@link
   * PrometheusMeterRegistry#scrape()}); Prometheus names replace the dots of the wsmon meter names
   * with {@code _} and add unit suffixes ({@code wsmon_connection_attempts_total}).
   *
   * @param registry the registry the tracker's meters are bound to
   * @return the exposition text
   */
  public static String prometheus(PrometheusMeterRegistry registry) {
    return Objects.requireNonNull(registry, "registry").scrape();
  }

  /**
   * Writes {@code content} as UTF-8 to {@code path}, used as given (not confined to any directory),
   * atomically: parent directories are created, the bytes go to a temporary file in the same
   * directory and are moved over {@code path} with {@code ATOMIC_MOVE} and {@code
   * REPLACE_EXISTING}, so a reader sees the old or the new file, never a part. Blocking.
   *
   * @param path the file to write
   * @param content the text
   * @return the number of bytes written
   * @throws IOException when the file cannot be written (the temporary file is removed)
   */
  public static long write(Path path, String content) throws IOException {
    return AtomicFiles.write(
        Objects.requireNonNull(path, "path"), Objects.requireNonNull(content, "content"));
  }
}
