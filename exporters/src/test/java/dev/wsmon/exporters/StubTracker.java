package dev.wsmon.exporters;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/**
 * Answers {@code <ns>.stats} and {@code <ns>.series} on the real event bus with fixed documents,
 * for verticle tests that exercise the export side only (real-tracker tests are in
 * TrackerExportTest).
 */
final class StubTracker {

  private StubTracker() {}

  static Future<Void> deploy(
      Vertx vertx, String namespace, Supplier<JsonObject> snapshot, JsonArray points) {
    MessageConsumer<Object> stats =
        vertx.eventBus().consumer(namespace + ".stats", m -> m.reply(snapshot.get()));
    MessageConsumer<Object> series =
        vertx
            .eventBus()
            .consumer(namespace + ".series", m -> m.reply(new JsonObject().put("points", points)));
    return Future.all(stats.completion(), series.completion()).mapEmpty();
  }
}
