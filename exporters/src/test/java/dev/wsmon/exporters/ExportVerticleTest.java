package dev.wsmon.exporters;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("ExportVerticle")
class ExportVerticleTest {

  private static final String NS = "exp";

  @TempDir Path exportDir;
  @TempDir Path outside;

  private final JsonObject snapshot = new SnapshotFixture().build();
  private final JsonArray points = SnapshotFixture.series(4);

  private Vertx deploy(Vertx vertx, ExportOptions options) {
    StubTracker.deploy(vertx, options.getNamespace(), () -> snapshot, points).await();
    vertx.deployVerticle(new ExportVerticle(options)).await();
    return vertx;
  }

  private ExportOptions options() {
    return new ExportOptions().setNamespace(NS).setExportDirectory(exportDir.toString());
  }

  static Future<Object> export(Vertx vertx, String ns, Object body) {
    return vertx.eventBus().request(ns + ".export", body).map(m -> m.body());
  }

  static ReplyException failure(Future<?> future) {
    Throwable error = future.map(ok -> (Throwable) null).otherwise(t -> t).await();
    assertThat(error).as("request should fail").isInstanceOf(ReplyException.class);
    return (ReplyException) error;
  }

  @Nested
  @DisplayName("replies with the text")
  class Text {

    @Test
    @DisplayName("json compact and pretty, csv and csv-series")
    void formats(Vertx vertx) {
      deploy(vertx, options());

      assertThat(export(vertx, NS, new JsonObject().put("format", "json")).await())
          .isEqualTo(Exporters.json(snapshot, false));
      assertThat(
              export(vertx, NS, new JsonObject().put("format", "json").put("pretty", true)).await())
          .isEqualTo(Exporters.json(snapshot, true));
      assertThat(export(vertx, NS, new JsonObject().put("format", "csv")).await())
          .isEqualTo(Exporters.csv(snapshot));
      assertThat(export(vertx, NS, "{\"format\": \"csv-series\"}").await())
          .isEqualTo(Exporters.csvSeries(points));
    }

    @Test
    @DisplayName("prometheus scrapes the configured registry")
    void prometheus(Vertx vertx) {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      registry.counter("wsmon.connection.attempts", "group", "g").increment(3);
      deploy(vertx, options().setPrometheusRegistry(registry));

      Object text = export(vertx, NS, new JsonObject().put("format", "prometheus")).await();

      assertThat((String) text).contains("wsmon_connection_attempts_total{group=\"g\"} 3.0");
    }

    @Test
    @DisplayName("html goes to the configured renderer with the snapshot and the series")
    void html(Vertx vertx) {
      deploy(
          vertx,
          options()
              .setHtmlRenderer(
                  (s, p) ->
                      "<p>"
                          + s.getJsonObject("total").getInteger("connections")
                          + "/"
                          + p.size()
                          + "</p>"));

      assertThat(export(vertx, NS, new JsonObject().put("format", "html")).await())
          .isEqualTo("<p>3/4</p>");
    }

    @Test
    @DisplayName("html by default renders the report, as text or to a file")
    void defaultHtml(Vertx vertx) throws IOException {
      deploy(vertx, options());

      Object text = export(vertx, NS, new JsonObject().put("format", "html")).await();
      JsonObject written =
          (JsonObject)
              export(vertx, NS, new JsonObject().put("format", "html").put("path", "r.html"))
                  .await();

      assertThat(text).isEqualTo(Exporters.html(snapshot, points));
      assertThat((String) text)
          .startsWith("<!DOCTYPE html>")
          .contains("id=\"chart-connections\" data-points=\"4\"");
      assertThat(Files.readString(exportDir.resolve("r.html"), StandardCharsets.UTF_8))
          .isEqualTo(text);
      assertThat(written.getLong("bytes"))
          .isEqualTo(((String) text).getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    @DisplayName("options can come from the deployment config")
    void fromConfig(Vertx vertx) {
      StubTracker.deploy(vertx, "cfg", () -> snapshot, points).await();
      vertx
          .deployVerticle(
              new ExportVerticle(),
              new DeploymentOptions()
                  .setConfig(
                      new JsonObject()
                          .put("namespace", "cfg")
                          .put("exportDirectory", exportDir.toString())))
          .await();

      Object reply =
          export(vertx, "cfg", new JsonObject().put("format", "json").put("path", "a.json"))
              .await();

      assertThat(reply)
          .isEqualTo(
              new JsonObject()
                  .put("path", exportDir.resolve("a.json").toAbsolutePath().toString())
                  .put("bytes", Exporters.json(snapshot, false).length()));
      Throwable bad =
          vertx
              .deployVerticle(
                  new ExportVerticle(),
                  new DeploymentOptions().setConfig(new JsonObject().put("namespace", "a b")))
              .map(id -> (Throwable) null)
              .otherwise(t -> t)
              .await();
      assertThat(bad).hasMessageContaining("namespace must be").hasMessageContaining("'a b'");
    }

    @Test
    @DisplayName("stops answering after undeploy")
    void undeploy(Vertx vertx) {
      deploy(vertx, options());
      String id = vertx.deploymentIDs().stream().findFirst().orElseThrow();
      vertx.undeploy(id).await();

      ReplyException error = failure(export(vertx, NS, new JsonObject().put("format", "json")));

      assertThat(error.failureType()).hasToString("NO_HANDLERS");
    }
  }

  @Nested
  @DisplayName("writes files")
  class Files_ {

    @Test
    @DisplayName("creates parent directories and replies with the absolute path and byte count")
    void writes(Vertx vertx) throws IOException {
      deploy(vertx, options());

      JsonObject reply =
          (JsonObject)
              export(
                      vertx,
                      NS,
                      new JsonObject().put("format", "csv").put("path", "runs/1/stats.csv"))
                  .await();

      Path file = exportDir.resolve("runs/1/stats.csv");
      assertThat(reply.getString("path")).isEqualTo(file.toAbsolutePath().toString());
      assertThat(reply.getLong("bytes")).isEqualTo(Files.size(file));
      assertThat(Files.readString(file)).isEqualTo(Exporters.csv(snapshot));
      assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    @DisplayName("accepts an absolute path inside the export directory and replaces the file")
    void absoluteInside(Vertx vertx) throws IOException {
      deploy(vertx, options());
      Path file = exportDir.resolve("x.json").toAbsolutePath();
      Files.writeString(file, "old content that is longer than nothing");

      export(vertx, NS, new JsonObject().put("format", "json").put("path", file.toString()))
          .await();

      assertThat(new JsonObject(Files.readString(file))).isEqualTo(snapshot);
    }

    @Test
    @DisplayName("rejects .. escapes, absolute paths outside and symbolic links leading out")
    void escapes(Vertx vertx) throws IOException {
      deploy(vertx, options());
      Files.createSymbolicLink(exportDir.resolve("link-dir"), outside);
      Files.createSymbolicLink(exportDir.resolve("link-file.json"), outside.resolve("t.json"));
      Map<String, String> cases = new LinkedHashMap<>();
      cases.put("../escape.json", "is outside the export directory");
      cases.put("a/../../escape.json", "is outside the export directory");
      cases.put(outside.resolve("abs.json").toString(), "is outside the export directory");
      cases.put(".", "is outside the export directory");
      cases.put("link-dir/inside-link.json", "through a symbolic link");
      cases.put("link-dir/new/deeper.json", "through a symbolic link");
      cases.put("link-file.json", "through a symbolic link");
      cases.put("bad\u0000name", "invalid path");

      for (Map.Entry<String, String> c : cases.entrySet()) {
        ReplyException error =
            failure(
                export(vertx, NS, new JsonObject().put("format", "json").put("path", c.getKey())));
        assertThat(error.failureCode()).as(c.getKey()).isEqualTo(400);
        assertThat(error.getMessage()).as(c.getKey()).contains(c.getValue());
      }
      try (var leftovers = Files.list(outside)) {
        assertThat(leftovers).isEmpty();
      }
    }

    @Test
    @DisplayName("reports unwritable paths with 400 and the reason")
    void unwritable(Vertx vertx) throws IOException {
      deploy(vertx, options());
      Files.writeString(exportDir.resolve("plain-file"), "x");
      Files.createDirectories(exportDir.resolve("a-dir"));

      ReplyException underFile =
          failure(
              export(
                  vertx,
                  NS,
                  new JsonObject().put("format", "json").put("path", "plain-file/out.json")));
      ReplyException ontoDir =
          failure(export(vertx, NS, new JsonObject().put("format", "json").put("path", "a-dir")));

      assertThat(underFile.failureCode()).isEqualTo(400);
      assertThat(underFile.getMessage())
          .startsWith("cannot write 'plain-file/out.json': ")
          .contains("not a directory");
      assertThat(ontoDir.failureCode()).isEqualTo(400);
      assertThat(ontoDir.getMessage()).contains("it is a directory");
    }

    @Test
    @DisplayName("reports an export directory that cannot be created")
    void unusableExportDirectory(Vertx vertx) throws IOException {
      Path file = exportDir.resolve("not-a-dir");
      Files.writeString(file, "x");
      deploy(vertx, options().setExportDirectory(file.resolve("sub").toString()));

      ReplyException error =
          failure(export(vertx, NS, new JsonObject().put("format", "json").put("path", "a.json")));

      assertThat(error.failureCode()).isEqualTo(400);
      assertThat(error.getMessage()).contains("export directory").contains("is not usable");
    }

    @Test
    @DisplayName("a reader never sees a half-written file while the verticle rewrites it")
    void atomicRewrites(Vertx vertx) throws Exception {
      AtomicInteger size = new AtomicInteger(1);
      StubTracker.deploy(
              vertx,
              NS,
              () -> new SnapshotFixture().connections(1 + size.getAndIncrement() % 7 * 40).build(),
              points)
          .await();
      vertx.deployVerticle(new ExportVerticle(options())).await();
      JsonObject request = new JsonObject().put("format", "json").put("path", "live/stats.json");
      export(vertx, NS, request).await();
      Path file = exportDir.resolve("live/stats.json");

      AtomicInteger reads = new AtomicInteger();
      AtomicInteger torn = new AtomicInteger();
      java.util.concurrent.atomic.AtomicBoolean done =
          new java.util.concurrent.atomic.AtomicBoolean();
      Thread reader =
          new Thread(
              () -> {
                while (!done.get()) {
                  try {
                    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                    new JsonObject(text).getJsonObject("total").getInteger("connections");
                    reads.incrementAndGet();
                  } catch (Exception e) {
                    torn.incrementAndGet();
                  }
                }
              },
              "export-reader");
      reader.start();
      try {
        Future<?> chain = Future.succeededFuture();
        for (int i = 0; i < 60; i++) {
          chain = chain.compose(x -> export(vertx, NS, request));
        }
        chain.await();
      } finally {
        done.set(true);
        reader.join();
      }

      assertThat(torn.get()).as("torn reads").isZero();
      assertThat(reads.get()).isPositive();
      try (var files = Files.list(file.getParent())) {
        assertThat(files).containsExactly(file);
      }
    }
  }

  @Nested
  @DisplayName("rejects")
  class Rejects {

    @Test
    @DisplayName("bad bodies with 400 and a message naming the problem")
    void badBodies(Vertx vertx) {
      deploy(vertx, options());
      Map<Object, String> cases = new LinkedHashMap<>();
      cases.put(
          "not json",
          "export request body is not a JSON object such as {\"format\": \"json\"}: not json");
      cases.put("[1]", "is not a JSON object");
      cases.put(
          42,
          "export request body must be a JSON object such as {\"format\": \"json\"}, got Integer");
      cases.put(
          new JsonObject(),
          "export request needs a \"format\": one of json, csv, csv-series, prometheus, html");
      cases.put(
          new JsonObject().put("format", "xml"),
          "unknown format 'xml'; expected one of json, csv, csv-series, prometheus, html");
      cases.put(
          new JsonObject().put("format", 5),
          "format must be a string, one of json, csv, csv-series, prometheus, html; got 5");
      cases.put(
          new JsonObject().put("format", "json").put("pretty", "yes"),
          "pretty must be true or false, got \"yes\"");
      cases.put(
          new JsonObject().put("format", "json").put("path", 7), "path must be a string, got 7");
      cases.put(new JsonObject().put("format", "json").put("path", " "), "path must not be empty");
      cases.put(
          new JsonObject().put("format", "json").put("fmt", "csv"),
          "unknown key 'fmt' in export request; expected format, path, pretty");
      cases.put(
          io.vertx.core.buffer.Buffer.buffer("{\"format\":\"yaml\"}"), "unknown format 'yaml'");

      for (Map.Entry<Object, String> c : cases.entrySet()) {
        ReplyException error = failure(export(vertx, NS, c.getKey()));
        assertThat(error.failureCode()).as(String.valueOf(c.getKey())).isEqualTo(400);
        assertThat(error.getMessage()).as(String.valueOf(c.getKey())).contains(c.getValue());
      }
    }

    @Test
    @DisplayName("prometheus without a registry and html with the renderer removed with 501")
    void notAvailable(Vertx vertx) {
      deploy(vertx, options().setHtmlRenderer(null));

      ReplyException prometheus =
          failure(export(vertx, NS, new JsonObject().put("format", "prometheus")));
      ReplyException html = failure(export(vertx, NS, new JsonObject().put("format", "html")));

      assertThat(prometheus.failureCode()).isEqualTo(501);
      assertThat(prometheus.getMessage()).contains("no PrometheusMeterRegistry");
      assertThat(html.failureCode()).isEqualTo(501);
      assertThat(html.getMessage())
          .isEqualTo(
              "html export is not available: the HtmlRenderer in ExportOptions was set to null");
    }
  }

  @Nested
  @DisplayName("reports tracker trouble with 503")
  class Tracker {

    @Test
    @DisplayName("no tracker, a silent tracker, a failing tracker, unexpected replies")
    void trouble(Vertx vertx) {
      vertx.deployVerticle(new ExportVerticle(options().setNamespace("none"))).await();
      ReplyException none = failure(export(vertx, "none", new JsonObject().put("format", "csv")));
      assertThat(none.failureCode()).isEqualTo(503);
      assertThat(none.getMessage()).isEqualTo("no tracker is listening on none.stats");

      vertx.eventBus().consumer("silent.stats", m -> {}).completion().await();
      vertx
          .deployVerticle(
              new ExportVerticle(
                  options()
                      .setNamespace("silent")
                      .setTrackerTimeout(java.time.Duration.ofMillis(300))))
          .await();
      ReplyException silent =
          failure(export(vertx, "silent", new JsonObject().put("format", "json")));
      assertThat(silent.failureCode()).isEqualTo(503);
      assertThat(silent.getMessage())
          .isEqualTo("the tracker did not answer on silent.stats within 300ms");

      vertx.eventBus().consumer("bad.stats", m -> m.fail(7, "boom")).completion().await();
      vertx.eventBus().consumer("bad.series", m -> m.reply("text")).completion().await();
      vertx.deployVerticle(new ExportVerticle(options().setNamespace("bad"))).await();
      ReplyException failing =
          failure(export(vertx, "bad", new JsonObject().put("format", "json")));
      assertThat(failing.getMessage()).isEqualTo("the tracker failed on bad.stats: boom");
      ReplyException text =
          failure(export(vertx, "bad", new JsonObject().put("format", "csv-series")));
      assertThat(text.failureCode()).isEqualTo(503);
      assertThat(text.getMessage()).contains("not a JSON object");

      StubTracker.deploy(vertx, "odd", JsonObject::new, points).await();
      vertx.eventBus().consumer("odd2.series", m -> m.reply(new JsonObject())).completion().await();
      vertx.deployVerticle(new ExportVerticle(options().setNamespace("odd"))).await();
      vertx.deployVerticle(new ExportVerticle(options().setNamespace("odd2"))).await();
      ReplyException noTotal = failure(export(vertx, "odd", new JsonObject().put("format", "csv")));
      assertThat(noTotal.failureCode()).isEqualTo(503);
      assertThat(noTotal.getMessage()).isEqualTo("cannot export: snapshot has no \"total\" object");
      ReplyException noPoints =
          failure(export(vertx, "odd2", new JsonObject().put("format", "csv-series")));
      assertThat(noPoints.getMessage())
          .isEqualTo("tracker reply on odd2.series has no \"points\" array");
    }
  }
}
