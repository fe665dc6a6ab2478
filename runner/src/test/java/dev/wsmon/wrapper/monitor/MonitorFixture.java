package dev.wsmon.wrapper.monitor;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.EventType;
import dev.wsmon.core.WsmonCodecs;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.wrapper.monitor.impl.StatusBoard;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

  /** A web client for {@code monitor}'s HTTP server on 127.0.0.1. */
  static WebClient client(Vertx vertx, MonitorVerticle monitor) {
    return WebClient.create(
        vertx,
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(monitor.actualPort()));
  }

  /** Completes once {@code count} events of {@code type} were published (register first). */
  static Future<Void> events(Vertx vertx, EventType type, int count) {
    return seen(vertx, type, count).mapEmpty();
  }

  /** Completes with the first {@code count} events of {@code type} published (register first). */
  static Future<List<ConnectionEvent>> seen(Vertx vertx, EventType type, int count) {
    WsmonCodecs.register(vertx);
    Promise<List<ConnectionEvent>> done = Promise.promise();
    List<ConnectionEvent> seen = new ArrayList<>();
    MessageConsumer<ConnectionEvent> consumer =
        vertx.eventBus().consumer(Addresses.of(NS).events());
    consumer.handler(
        m -> {
          if (m.body().type() == type && seen.size() < count) {
            seen.add(m.body());
            if (seen.size() == count) {
              consumer.unregister();
              done.complete(List.copyOf(seen));
            }
          }
        });
    return consumer.completion().compose(v -> done.future());
  }

  /**
   * Waits (off the event loop) until the monitor's status board, which {@code /health} reads, has
   * applied {@code events}, each of which changes its connection's status: the board's entry
   * changed status at or after the event. The board consumes events on the monitor's loop,
   * independently of a test's own consumer, so a test that saw an event waits here before asking
   * {@code /health}.
   */
  static void awaitBoard(MonitorVerticle monitor, List<ConnectionEvent> events) {
    StatusBoard board = monitor.statusBoard();
    Promise<Void> applied = Promise.promise();
    board.transitionHandler(
        e -> {
          if (applied(board, events)) {
            applied.tryComplete();
          }
        });
    if (applied(board, events)) {
      applied.tryComplete();
    }
    try {
      applied.future().await(20, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(
          "the status board did not apply " + events + " within 20 s; down: " + board.down(10));
    }
  }

  private static boolean applied(StatusBoard board, List<ConnectionEvent> events) {
    for (ConnectionEvent e : events) {
      StatusBoard.Entry entry = board.entry(e.connectionId());
      if (entry == null || entry.since().isBefore(e.timestamp())) {
        return false;
      }
    }
    return true;
  }
}
