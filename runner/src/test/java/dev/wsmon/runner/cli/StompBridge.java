package dev.wsmon.runner.cli;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.stomp.Command;
import io.vertx.ext.stomp.StompServer;
import io.vertx.ext.stomp.StompServerHandler;
import io.vertx.ext.stomp.StompServerOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A vertx-stomp broker over WebSocket ({@code ws://127.0.0.1:PORT/stomp}, sub-protocol {@code
 * v12.stomp}) that counts the frames it receives and writes, by command.
 */
final class StompBridge {

  private final Map<Command, AtomicLong> received = new ConcurrentHashMap<>();
  private final Map<Command, AtomicLong> written = new ConcurrentHashMap<>();
  private int port;

  private StompBridge() {}

  /** Starts a broker on a free port of 127.0.0.1. */
  static StompBridge start(Vertx vertx) {
    StompBridge bridge = new StompBridge();
    Promise<Integer> port = Promise.promise();
    vertx.runOnContext(
        v -> {
          StompServer stomp =
              StompServer.create(
                      vertx,
                      new StompServerOptions().setWebsocketBridge(true).setWebsocketPath("/stomp"))
                  .handler(
                      StompServerHandler.create(vertx)
                          .receivedFrameHandler(
                              f -> count(bridge.received, f.frame().getCommand())))
                  .writingFrameHandler(f -> count(bridge.written, f.frame().getCommand()));
          vertx
              .createHttpServer(
                  new HttpServerOptions().setWebSocketSubProtocols(List.of("v12.stomp")))
              .webSocketHandshakeHandler(stomp.webSocketHandshakeHandler())
              .webSocketHandler(stomp.webSocketHandler())
              .listen(0, "127.0.0.1")
              .map(HttpServer::actualPort)
              .onComplete(port);
        });
    bridge.port = port.future().await();
    return bridge;
  }

  /** The broker's WebSocket URI. */
  String uri() {
    return "ws://127.0.0.1:" + port + "/stomp";
  }

  /** Frames of {@code command} the broker received. */
  long received(Command command) {
    return n(received, command);
  }

  /** Frames of {@code command} the broker wrote. */
  long written(Command command) {
    return n(written, command);
  }

  private static void count(Map<Command, AtomicLong> counts, Command c) {
    counts.computeIfAbsent(c, k -> new AtomicLong()).incrementAndGet();
  }

  private static long n(Map<Command, AtomicLong> counts, Command c) {
    AtomicLong v = counts.get(c);
    return v == null ? 0 : v.get();
  }
}
