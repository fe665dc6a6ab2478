package dev.wsmon.wrapper.monitor;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.EventType;
import dev.wsmon.core.WsmonCodecs;
import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared setup of the monitor tests: an echo server and a monitor on a free port. */
final class MonitorFixture {

  static final String NS = "mon";

  private MonitorFixture() {}

  /** Options for {@code connections} connections to {@code server}, fast reconnects, port 0. */
  static MonitorOptions options(EchoServer server, int connections) {
    return new MonitorOptions(
        new JsonObject()
            .put("namespace", NS)
            .put("httpPort", 0)
            .put("logStats", false)
            .put("sampleInterval", "100ms")
            .put(
                "endpoints",
                new io.vertx.core.json.JsonArray()
                    .add(
                        new JsonObject()
                            .put("uri", server.uri("/feed"))
                            .put("connections", connections)
                            .put("reconnectDelay", "50ms")
                            .put("maxReconnectDelay", "200ms")
                            .put("jitter", 0)
                            .put("maxReconnectAttempts", -1))));
  }

  /** Completes once {@code count} events of {@code type} were published (register first). */
  static Future<Void> events(Vertx vertx, EventType type, int count) {
    WsmonCodecs.register(vertx);
    Promise<Void> done = Promise.promise();
    AtomicInteger seen = new AtomicInteger();
    MessageConsumer<ConnectionEvent> consumer =
        vertx.eventBus().consumer(Addresses.of(NS).events());
    consumer.handler(
        m -> {
          if (m.body().type() == type && seen.incrementAndGet() == count) {
            consumer.unregister();
            done.complete();
          }
        });
    return consumer.completion().compose(v -> done.future());
  }
}
