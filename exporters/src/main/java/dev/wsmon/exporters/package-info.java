/**
 * wsmon exporters: renders a stats snapshot as JSON, CSV, time-series CSV or Prometheus text
 * ({@link dev.wsmon.exporters.Exporters}), writes export files atomically, and answers export
 * requests on the event bus ({@link dev.wsmon.exporters.ExportVerticle}). The document formats are
 * described in {@code docs/export-format.md}.
 */
package dev.wsmon.exporters;
