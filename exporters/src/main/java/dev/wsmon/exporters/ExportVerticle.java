package dev.wsmon.exporters;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.Durations;
import dev.wsmon.exporters.impl.ExportDirectory;
import dev.wsmon.exporters.impl.ExportFailure;
import dev.wsmon.exporters.impl.ExportRequest;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;

/**
 * Answers export requests on {@code <ns>.export}. The body is {@code {"format": "json" | "csv" |
 * "csv-series" | "prometheus" | "html", "path"?: "file", "pretty"?: true}}. The verticle fetches
 * the snapshot ({@code <ns>.stats}) or the time series ({@code <ns>.series}) from the tracker,
 * renders it on a worker thread, and replies with the text, or, when {@code path} is given, writes
 * the file atomically and replies {@code {"path": "<absolute path>", "bytes": n}}.
 *
 * <p>Paths are confined to {@link ExportOptions#getExportDirectory()}: relative paths resolve
 * against it; {@code ..} escapes, absolute paths outside it and symbolic links leading out of it
 * are rejected. Failures ({@code Message.fail}):
 *
 * <ul>
 *   <li>400: bad body, unknown format, bad or unwritable path (the message names the problem);
 *   <li>501: {@code prometheus} without a registry, {@code html} when the renderer was set to
 *       {@code null} (by default {@link HtmlReportRenderer} renders it);
 *   <li>503: the tracker did not answer, failed or replied with something unexpected.
 * </ul>
 *
 * <p>Options come from the constructor, or from the deployment {@code config()} (see {@link
 * ExportOptions#ExportOptions(JsonObject)}) when the no-argument constructor is used.
 */
public class ExportVerticle extends VerticleBase {

  private ExportOptions options;
  private Addresses addresses;
  private ExportDirectory directory;
  private MessageConsumer<Object> consumer;

  /** A verticle configured from its deployment {@code config()}. */
  public ExportVerticle() {}

  /**
   * A verticle with {@code options} (copied).
   *
   * @param options the options
   */
  public ExportVerticle(ExportOptions options) {
    this.options = new ExportOptions(options);
  }

  @Override
  public Future<?> start() {
    try {
      if (options == null) {
        options = new ExportOptions(config());
      }
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    addresses = Addresses.of(options.getNamespace());
    directory = new ExportDirectory(options.getExportDirectory());
    consumer = vertx.eventBus().consumer(addresses.export(), this::handle);
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  private void handle(Message<Object> message) {
    ExportRequest request;
    try {
      request = ExportRequest.parse(message.body());
      checkAvailable(request.format());
    } catch (ExportFailure failure) {
      message.fail(failure.code(), failure.getMessage());
      return;
    }
    fetchAndRender(request)
        .compose(text -> deliver(request, text))
        .onSuccess(message::reply)
        .onFailure(error -> fail(message, error));
  }

  private void checkAvailable(ExportFormat format) {
    if (format == ExportFormat.PROMETHEUS && options.getPrometheusRegistry() == null) {
      throw new ExportFailure(
          ExportFailure.NOT_AVAILABLE,
          "prometheus export is not available: no PrometheusMeterRegistry was set in"
              + " ExportOptions");
    }
    if (format == ExportFormat.HTML && options.getHtmlRenderer() == null) {
      throw new ExportFailure(
          ExportFailure.NOT_AVAILABLE,
          "html export is not available: the HtmlRenderer in ExportOptions was set to null");
    }
  }

  private Future<String> fetchAndRender(ExportRequest request) {
    return switch (request.format()) {
      case JSON -> snapshot().compose(s -> blocking(() -> Exporters.json(s, request.pretty())));
      case CSV -> snapshot().compose(s -> blocking(() -> Exporters.csv(s)));
      case CSV_SERIES -> points().compose(p -> blocking(() -> Exporters.csvSeries(p)));
      case PROMETHEUS -> blocking(() -> Exporters.prometheus(options.getPrometheusRegistry()));
      case HTML ->
          snapshot()
              .compose(
                  s ->
                      points()
                          .compose(p -> blocking(() -> options.getHtmlRenderer().render(s, p))));
    };
  }

  private Future<Object> deliver(ExportRequest request, String text) {
    if (request.path() == null) {
      return Future.succeededFuture(text);
    }
    return blocking(
        () -> {
          ExportDirectory.Written written = directory.write(request.path(), text);
          return new JsonObject()
              .put("path", written.path().toString())
              .put("bytes", written.bytes());
        });
  }

  private Future<JsonObject> snapshot() {
    return query(addresses.stats());
  }

  private Future<JsonArray> points() {
    return query(addresses.series())
        .map(
            reply -> {
              Object points = reply.getValue("points");
              if (points instanceof JsonArray array) {
                return array;
              }
              throw new ExportFailure(
                  ExportFailure.TRACKER_UNAVAILABLE,
                  "tracker reply on " + addresses.series() + " has no \"points\" array");
            });
  }

  private Future<JsonObject> query(String address) {
    DeliveryOptions delivery =
        new DeliveryOptions().setSendTimeout(options.getTrackerTimeout().toMillis());
    return vertx
        .eventBus()
        .request(address, new JsonObject(), delivery)
        .recover(error -> Future.failedFuture(trackerFailure(address, error)))
        .map(
            reply -> {
              if (reply.body() instanceof JsonObject json) {
                return json;
              }
              throw new ExportFailure(
                  ExportFailure.TRACKER_UNAVAILABLE,
                  "tracker replied on "
                      + address
                      + " with "
                      + reply.body()
                      + ", not a JSON object");
            });
  }

  private ExportFailure trackerFailure(String address, Throwable error) {
    String reason;
    if (error instanceof ReplyException reply) {
      reason =
          switch (reply.failureType()) {
            case NO_HANDLERS -> "no tracker is listening on " + address;
            case TIMEOUT ->
                "the tracker did not answer on "
                    + address
                    + " within "
                    + Durations.format(options.getTrackerTimeout());
            default -> "the tracker failed on " + address + ": " + reply.getMessage();
          };
    } else {
      reason = "the tracker failed on " + address + ": " + error.getMessage();
    }
    return new ExportFailure(ExportFailure.TRACKER_UNAVAILABLE, reason);
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }

  private static void fail(Message<Object> message, Throwable error) {
    if (error instanceof ExportFailure failure) {
      message.fail(failure.code(), failure.getMessage());
    } else if (error instanceof IllegalArgumentException) {
      message.fail(ExportFailure.TRACKER_UNAVAILABLE, "cannot export: " + error.getMessage());
    } else {
      message.fail(500, "export failed: " + error);
    }
  }
}
