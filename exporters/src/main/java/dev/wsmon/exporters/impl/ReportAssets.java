package dev.wsmon.exporters.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The static parts of the HTML report, read once from the classpath: uPlot (from the {@code
 * org.webjars.npm:uplot} webjar) and the report's own stylesheet and script ({@code
 * dev/wsmon/exporters/report/}). Inlined into every report so that viewing it fetches nothing.
 */
public final class ReportAssets {

  /** uPlot version of the webjar. */
  public static final String UPLOT_VERSION = "1.6.30";

  private static final String UPLOT =
      "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";
  private static final String REPORT = "dev/wsmon/exporters/report/";

  private ReportAssets() {}

  /** uPlot's minified script. */
  public static String uplotJs() {
    return Holder.UPLOT_JS;
  }

  /** uPlot's minified stylesheet. */
  public static String uplotCss() {
    return Holder.UPLOT_CSS;
  }

  /** The report script: charts, sortable tables, optional live source. */
  public static String reportJs() {
    return Holder.REPORT_JS;
  }

  /** The report stylesheet. */
  public static String reportCss() {
    return Holder.REPORT_CSS;
  }

  private static final class Holder {
    static final String UPLOT_JS = load(UPLOT + "uPlot.iife.min.js", "</script");
    static final String UPLOT_CSS = load(UPLOT + "uPlot.min.css", "</style");
    static final String REPORT_JS = load(REPORT + "report.js", "</script");
    static final String REPORT_CSS = load(REPORT + "report.css", "</style");
  }

  static String load(String resource, String forbidden) {
    ClassLoader loader = ReportAssets.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("report asset " + resource + " is not on the classpath");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (text.toLowerCase(Locale.ROOT).contains(forbidden)) {
        throw new IllegalStateException(
            "report asset " + resource + " contains " + forbidden + " and cannot be inlined");
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read report asset " + resource, e);
    }
  }
}
