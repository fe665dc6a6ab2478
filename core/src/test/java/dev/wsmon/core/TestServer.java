package dev.wsmon.core;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal WebSocket server for the core tests, with the few handshake faults they need that the
 * testkit echo server does not offer: it counts upgrade requests and records the close codes the
 * client sends.
 */
final class TestServer {

  final Vertx vertx;
  final String host;
  volatile int port;
  volatile int rejectStatus;
  volatile String retryAfter;
  volatile boolean noUpgrade;
  volatile long handshakeDelayMs;
  volatile Integer closeCode;
  volatile String closeReason;
  volatile long echoDelayMs;
  volatile boolean noEcho;
  volatile String banner;
  volatile String pushBeforeEcho;
  final AtomicInteger upgrades = new AtomicInteger();
  final AtomicLong messagesReceived = new AtomicLong();
  final AtomicLong bytesReceived = new AtomicLong();
  final AtomicLong messagesSent = new AtomicLong();
  final AtomicLong bytesSent = new AtomicLong();
  final AtomicInteger open = new AtomicInteger();
  private final List<Short> clientCloseCodes = new ArrayList<>();
  private final List<String> clientCloseReasons = new ArrayList<>();
  private final List<java.util.function.Predicate<List<Short>>> closeWaiters = new ArrayList<>();
  private HttpServer server;

  TestServer(Vertx vertx, String host) {
    this.vertx = vertx;
    this.host = host;
  }

  TestServer(Vertx vertx) {
    this(vertx, "127.0.0.1");
  }

  TestServer start() {
    server =
        vertx
            .createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
            .requestHandler(this::request);
    server.listen().await();
    port = server.actualPort();
    return this;
  }

  Future<Void> stop() {
    return server.close();
  }

  String uri() {
    return "ws://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/ws";
  }

  synchronized List<Short> clientCloseCodes() {
    return List.copyOf(clientCloseCodes);
  }

  /** Waits (off the event loop) until the server has seen {@code n} close frames from clients. */
  List<Short> awaitClientCloseCodes(int n) {
    java.util.concurrent.CompletableFuture<List<Short>> seen =
        new java.util.concurrent.CompletableFuture<>();
    synchronized (this) {
      if (clientCloseCodes.size() >= n) {
        return List.copyOf(clientCloseCodes);
      }
      closeWaiters.add(codes -> codes.size() >= n && seen.complete(codes));
    }
    try {
      return seen.get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("fewer than " + n + " client close frames: " + clientCloseCodes());
    }
  }

  synchronized List<String> clientCloseReasons() {
    return List.copyOf(clientCloseReasons);
  }

  private void request(HttpServerRequest request) {
    upgrades.incrementAndGet();
    if (noUpgrade) {
      return;
    }
    if (rejectStatus > 0) {
      if (retryAfter != null) {
        request.response().putHeader("Retry-After", retryAfter);
      }
      request.response().setStatusCode(rejectStatus).end();
      return;
    }
    if (handshakeDelayMs > 0) {
      request.pause();
      vertx.setTimer(handshakeDelayMs, t -> request.toWebSocket().onSuccess(this::connected));
    } else {
      request.toWebSocket().onSuccess(this::connected);
    }
  }

  private void connected(ServerWebSocket ws) {
    open.incrementAndGet();
    ws.closeHandler(
        v -> {
          open.decrementAndGet();
          synchronized (this) {
            if (ws.closeStatusCode() != null) {
              clientCloseCodes.add(ws.closeStatusCode());
              clientCloseReasons.add(ws.closeReason());
              List<Short> codes = List.copyOf(clientCloseCodes);
              closeWaiters.removeIf(w -> w.test(codes));
            }
          }
        });
    Integer code = closeCode;
    if (code != null) {
      ws.close(code.shortValue(), closeReason);
      return;
    }
    if (banner != null) {
      send(ws, banner);
    }
    ws.textMessageHandler(
        text -> {
          messagesReceived.incrementAndGet();
          bytesReceived.addAndGet(text.getBytes(StandardCharsets.UTF_8).length);
          if (text.startsWith("big:")) {
            send(ws, "x".repeat(Integer.parseInt(text.substring(4))));
          } else if (!noEcho) {
            later(
                () -> {
                  if (pushBeforeEcho != null) {
                    send(ws, pushBeforeEcho);
                  }
                  send(ws, text);
                });
          }
        });
    ws.binaryMessageHandler(
        data -> {
          messagesReceived.incrementAndGet();
          bytesReceived.addAndGet(data.length());
          if (!noEcho) {
            later(
                () -> {
                  messagesSent.incrementAndGet();
                  bytesSent.addAndGet(data.length());
                  ws.writeBinaryMessage(data);
                });
          }
        });
  }

  private void later(Runnable task) {
    if (echoDelayMs > 0) {
      vertx.setTimer(echoDelayMs, t -> task.run());
    } else {
      task.run();
    }
  }

  private void send(ServerWebSocket ws, String text) {
    messagesSent.incrementAndGet();
    bytesSent.addAndGet(text.getBytes(StandardCharsets.UTF_8).length);
    ws.writeTextMessage(text);
  }
}
