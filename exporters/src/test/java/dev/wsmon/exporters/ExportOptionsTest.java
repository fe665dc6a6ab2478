package dev.wsmon.exporters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ExportOptions and ExportFormat")
class ExportOptionsTest {

  @Test
  @DisplayName("defaults")
  void defaults() {
    ExportOptions options = new ExportOptions();

    assertThat(options.getNamespace())
        .isEqualTo("wsmon")
        .isEqualTo(ExportOptions.DEFAULT_NAMESPACE);
    assertThat(options.getExportDirectory()).isEqualTo(".");
    assertThat(options.getTrackerTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.getPrometheusRegistry()).isNull();
    assertThat(options.getHtmlRenderer())
        .isSameAs(ExportOptions.DEFAULT_HTML_RENDERER)
        .isInstanceOf(HtmlReportRenderer.class);
    assertThat(new ExportOptions(options).getHtmlRenderer()).isSameAs(options.getHtmlRenderer());
    assertThat(new ExportOptions().setHtmlRenderer(null).getHtmlRenderer()).isNull();
  }

  @Test
  @DisplayName("round-trips through JSON and copies")
  void jsonRoundTrip() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HtmlRenderer renderer = (s, p) -> "";
    ExportOptions options =
        new ExportOptions()
            .setNamespace("ns-1")
            .setExportDirectory("/tmp/exports")
            .setTrackerTimeout(Duration.ofMillis(1500))
            .setPrometheusRegistry(registry)
            .setHtmlRenderer(renderer);

    JsonObject json = options.toJson();
    ExportOptions back = new ExportOptions(json);
    ExportOptions copy = new ExportOptions(options);

    assertThat(json)
        .isEqualTo(
            new JsonObject()
                .put("namespace", "ns-1")
                .put("exportDirectory", "/tmp/exports")
                .put("trackerTimeout", "1500ms"));
    assertThat(back.toJson()).isEqualTo(json);
    assertThat(copy.toJson()).isEqualTo(json);
    assertThat(copy.getPrometheusRegistry()).isSameAs(registry);
    assertThat(copy.getHtmlRenderer()).isSameAs(renderer);
    assertThat(new ExportOptions(new JsonObject().put("trackerTimeout", 250)).getTrackerTimeout())
        .isEqualTo(Duration.ofMillis(250));
    assertThat(new ExportOptions(new JsonObject()).toJson())
        .isEqualTo(new ExportOptions().toJson());
    assertThat(options.toString()).contains("\"namespace\":\"ns-1\"");
  }

  @Test
  @DisplayName("setters and the JSON constructor name the bad field and value")
  void validation() {
    assertThatThrownBy(() -> new ExportOptions().setNamespace("a b"))
        .hasMessageContaining("namespace")
        .hasMessageContaining("'a b'");
    assertThatThrownBy(() -> new ExportOptions().setExportDirectory(" "))
        .hasMessage("exportDirectory must be a non-empty path, got ' '");
    assertThatThrownBy(() -> new ExportOptions().setTrackerTimeout(Duration.ZERO))
        .hasMessage("trackerTimeout must be at least 1ms, got 0ms");
    assertThatThrownBy(() -> new ExportOptions(new JsonObject().put("exportDirectory", 5)))
        .hasMessage("exportDirectory must be a string, got 5");
    assertThatThrownBy(() -> new ExportOptions(new JsonObject().put("namespace", true)))
        .hasMessage("namespace must be a string, got true");
    assertThatThrownBy(() -> new ExportOptions(new JsonObject().put("trackerTimeout", "soon")))
        .hasMessageContaining("trackerTimeout")
        .hasMessageContaining("'soon'");
  }

  @Test
  @DisplayName("formats are named as in requests and carry their content type")
  void formats() {
    assertThat(ExportFormat.fromId("csv-series")).isEqualTo(ExportFormat.CSV_SERIES);
    assertThat(ExportFormat.CSV_SERIES).hasToString("csv-series");
    assertThat(ExportFormat.JSON.contentType()).startsWith("application/json");
    assertThat(ExportFormat.PROMETHEUS.contentType()).contains("version=0.0.4");
    assertThatThrownBy(() -> ExportFormat.fromId("JSON"))
        .hasMessage(
            "unknown format 'JSON'; expected one of json, csv, csv-series, prometheus, html");
  }

  @Test
  @DisplayName("Exporters.write replaces a file atomically and creates parents")
  void write(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("a/b/c.txt");

    long first = Exporters.write(file, "héllo");
    long second = Exporters.write(file, "x");

    assertThat(first).isEqualTo(6);
    assertThat(second).isEqualTo(1);
    assertThat(java.nio.file.Files.readString(file)).isEqualTo("x");
    assertThatThrownBy(() -> Exporters.write(dir, "x"))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("it is a directory");
    try (var files = java.nio.file.Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }
}
