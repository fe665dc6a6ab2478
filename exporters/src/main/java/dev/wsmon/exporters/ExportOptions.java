package dev.wsmon.exporters;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.Durations;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of the {@link ExportVerticle}. A Vert.x data object: JSON keys are the property names
 * ({@code namespace}, {@code exportDirectory}, {@code trackerTimeout}). The Prometheus registry and
 * the HTML renderer are objects, not configuration: they are copied by the copy constructor but not
 * written by {@link #toJson()}.
 */
public class ExportOptions {

  /** Default namespace of the event-bus addresses: {@value}. */
  public static final String DEFAULT_NAMESPACE = Addresses.DEFAULT_NAMESPACE;

  /**
   * Default export directory: {@value}, the current working directory. Files requested over the
   * event bus are confined to it.
   */
  public static final String DEFAULT_EXPORT_DIRECTORY = ".";

  /** Default time to wait for the tracker's reply to a stats or series query: 10 s. */
  public static final Duration DEFAULT_TRACKER_TIMEOUT = Duration.ofSeconds(10);

  /** Default renderer of {@code html} exports: a static {@link HtmlReportRenderer}. */
  public static final HtmlRenderer DEFAULT_HTML_RENDERER = new HtmlReportRenderer();

  private String namespace;
  private String exportDirectory;
  private Duration trackerTimeout;
  private PrometheusMeterRegistry prometheusRegistry;
  private HtmlRenderer htmlRenderer;

  /** Options with the defaults. */
  public ExportOptions() {
    namespace = DEFAULT_NAMESPACE;
    exportDirectory = DEFAULT_EXPORT_DIRECTORY;
    trackerTimeout = DEFAULT_TRACKER_TIMEOUT;
    htmlRenderer = DEFAULT_HTML_RENDERER;
  }

  /**
   * A copy of {@code other}.
   *
   * @param other the options to copy
   */
  public ExportOptions(ExportOptions other) {
    namespace = other.namespace;
    exportDirectory = other.exportDirectory;
    trackerTimeout = other.trackerTimeout;
    prometheusRegistry = other.prometheusRegistry;
    htmlRenderer = other.htmlRenderer;
  }

  /**
   * Options read from {@code json}; missing keys keep their defaults.
   *
   * @param json {@code namespace} (string), {@code exportDirectory} (string), {@code
   *     trackerTimeout} (duration string such as {@code 10s}, or milliseconds)
   * @throws IllegalArgumentException naming the key and value when a value is invalid
   */
  public ExportOptions(JsonObject json) {
    this();
    Object ns = json.getValue("namespace");
    if (ns != null) {
      setNamespace(string("namespace", ns));
    }
    Object dir = json.getValue("exportDirectory");
    if (dir != null) {
      setExportDirectory(string("exportDirectory", dir));
    }
    Object timeout = json.getValue("trackerTimeout");
    if (timeout != null) {
      setTrackerTimeout(Durations.fromConfig("trackerTimeout", timeout));
    }
  }

  private static String string(String key, Object value) {
    if (value instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(key + " must be a string, got " + value);
  }

  /** The options as JSON (without the registry and renderer). */
  public JsonObject toJson() {
    return new JsonObject()
        .put("namespace", namespace)
        .put("exportDirectory", exportDirectory)
        .put("trackerTimeout", Durations.format(trackerTimeout));
  }

  /** The namespace of the addresses (default {@value #DEFAULT_NAMESPACE}). */
  public String getNamespace() {
    return namespace;
  }

  /**
   * Sets the namespace: the verticle answers {@code <namespace>.export} and queries {@code
   * <namespace>.stats} and {@code <namespace>.series}.
   *
   * @param namespace letters, digits, {@code _ - . :}
   * @return this
   * @throws IllegalArgumentException naming the value when it is not a valid namespace
   */
  public ExportOptions setNamespace(String namespace) {
    this.namespace = Addresses.of(namespace).namespace();
    return this;
  }

  /** The export directory (default {@value #DEFAULT_EXPORT_DIRECTORY}). */
  public String getExportDirectory() {
    return exportDirectory;
  }

  /**
   * Sets the directory that files requested over the event bus are confined to; relative paths in
   * requests resolve against it. Created on the first write when missing.
   *
   * @param exportDirectory a directory path, not empty
   * @return this
   * @throws IllegalArgumentException when the path is empty or contains a NUL character
   */
  public ExportOptions setExportDirectory(String exportDirectory) {
    Objects.requireNonNull(exportDirectory, "exportDirectory");
    if (exportDirectory.isBlank() || exportDirectory.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "exportDirectory must be a non-empty path, got '" + exportDirectory + "'");
    }
    this.exportDirectory = exportDirectory;
    return this;
  }

  /** How long to wait for the tracker (default 10 s). */
  public Duration getTrackerTimeout() {
    return trackerTimeout;
  }

  /**
   * Sets how long to wait for the tracker's reply to a stats or series query.
   *
   * @param trackerTimeout a positive duration of at least 1 ms
   * @return this
   * @throws IllegalArgumentException naming the value when it is shorter than 1 ms
   */
  public ExportOptions setTrackerTimeout(Duration trackerTimeout) {
    Objects.requireNonNull(trackerTimeout, "trackerTimeout");
    if (trackerTimeout.toMillis() < 1) {
      throw new IllegalArgumentException(
          "trackerTimeout must be at least 1ms, got " + Durations.format(trackerTimeout));
    }
    this.trackerTimeout = trackerTimeout;
    return this;
  }

  /** The registry scraped for {@code prometheus} exports, or {@code null} (the default). */
  public PrometheusMeterRegistry getPrometheusRegistry() {
    return prometheusRegistry;
  }

  /**
   * Sets the registry scraped for {@code prometheus} exports; bind the tracker's meters to it.
   * Without one a {@code prometheus} request fails with code 501.
   *
   * @param prometheusRegistry the registry, or {@code null}
   * @return this
   */
  public ExportOptions setPrometheusRegistry(PrometheusMeterRegistry prometheusRegistry) {
    this.prometheusRegistry = prometheusRegistry;
    return this;
  }

  /**
   * The renderer of {@code html} exports (default {@link #DEFAULT_HTML_RENDERER}), or {@code null}
   * when html exports were switched off.
   */
  public HtmlRenderer getHtmlRenderer() {
    return htmlRenderer;
  }

  /**
   * Sets the renderer of {@code html} exports. With {@code null} an {@code html} request fails with
   * code 501.
   *
   * @param htmlRenderer the renderer, or {@code null} to switch html exports off
   * @return this
   */
  public ExportOptions setHtmlRenderer(HtmlRenderer htmlRenderer) {
    this.htmlRenderer = htmlRenderer;
    return this;
  }

  @Override
  public String toString() {
    return "ExportOptions" + toJson().encode();
  }
}
