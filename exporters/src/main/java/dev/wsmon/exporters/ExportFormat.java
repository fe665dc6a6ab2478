package dev.wsmon.exporters;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The export formats, named as in the {@code format} field of an export request. */
public enum ExportFormat {
  /** The snapshot document as JSON: {@code json}. */
  JSON("json", "application/json; charset=utf-8"),
  /** Total, group and connection rows as CSV: {@code csv}. */
  CSV("csv", "text/csv; charset=utf-8; header=present"),
  /** One CSV row per time-series point: {@code csv-series}. */
  CSV_SERIES("csv-series", "text/csv; charset=utf-8; header=present"),
  /** The wsmon meters in the Prometheus text exposition format 0.0.4: {@code prometheus}. */
  PROMETHEUS("prometheus", "text/plain; version=0.0.4; charset=utf-8"),
  /** A self-contained HTML report: {@code html}. */
  HTML("html", "text/html; charset=utf-8");

  private final String id;
  private final String contentType;

  ExportFormat(String id, String contentType) {
    this.id = id;
    this.contentType = contentType;
  }

  /** The name used in export requests, e.g. {@code csv-series}. */
  public String id() {
    return id;
  }

  /** The HTTP {@code Content-Type} of this format. */
  public String contentType() {
    return contentType;
  }

  /**
   * The format named {@code id}.
   *
   * @param id a format name such as {@code json}; case-sensitive
   * @return the format
   * @throws IllegalArgumentException naming the value and the known formats when {@code id} is not
   *     one
   */
  public static ExportFormat fromId(String id) {
    for (ExportFormat format : values()) {
      if (format.id.equals(id)) {
        return format;
      }
    }
    throw new IllegalArgumentException("unknown format '" + id + "'; expected one of " + ids());
  }

  /** The known format names, comma separated. */
  static String ids() {
    return Arrays.stream(values()).map(ExportFormat::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }
}
