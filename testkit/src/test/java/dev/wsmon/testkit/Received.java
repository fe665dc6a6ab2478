package dev.wsmon.testkit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a plain Vert.x client saw on one WebSocket: messages, pongs, the close and errors. */
final class Received {

  final WebSocket ws;
  final List<String> texts = new CopyOnWriteArrayList<>();
  final List<Buffer> binaries = new CopyOnWriteArrayList<>();
  final List<Buffer> pongs = new CopyOnWriteArrayList<>();
  final List<Throwable> errors = new CopyOnWriteArrayList<>();
  private final Promise<Void> closed = Promise.promise();
  private volatile Promise<Void> waiter;
  private volatile int wanted = Integer.MAX_VALUE;
  volatile long closedAtNanos;

  private Received(WebSocket ws) {
    this.ws = ws;
    ws.textMessageHandler(
        t -> {
          texts.add(t);
          check();
        });
    ws.binaryMessageHandler(
        b -> {
          binaries.add(b);
          check();
        });
    ws.pongHandler(pongs::add);
    ws.exceptionHandler(errors::add);
    ws.closeHandler(
        v -> {
          closedAtNanos = System.nanoTime();
          closed.tryComplete();
        });
  }

  static Received on(WebSocket ws) {
    return new Received(ws);
  }

  /** Completes when {@code n} messages (text and binary) have arrived. */
  synchronized Future<Void> messages(int n) {
    Promise<Void> p = Promise.promise();
    wanted = n;
    waiter = p;
    check();
    return p.future();
  }

  private synchronized void check() {
    Promise<Void> p = waiter;
    if (p != null && texts.size() + binaries.size() >= wanted) {
      waiter = null;
      p.tryComplete();
    }
  }

  Future<Void> closed() {
    return closed.future();
  }
}
