package dev.wsmon.wrapper.monitor;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** A local HTTP server that records the notifications POSTed to it; tests wait on them. */
final class NotifyReceiver {

  /** One received request. */
  record Received(
      String method, String path, String contentLength, String authorization, JsonObject body) {}

  private final List<Received> received = new ArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private final HttpServer server;

  private record Waiter(Predicate<List<Received>> condition, Promise<Void> promise) {}

  NotifyReceiver(Vertx vertx) {
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            body -> {
                              add(
                                  new Received(
                                      req.method().name(),
                                      req.path(),
                                      req.getHeader("Content-Length"),
                                      req.getHeader("Authorization"),
                                      body.toJsonObject()));
                              req.response().setStatusCode(204).end();
                            }));
    server.listen(0, "127.0.0.1").await();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  private void add(Received r) {
    List<Promise<Void>> done = new ArrayList<>();
    synchronized (this) {
      received.add(r);
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter w = it.next();
        if (w.condition.test(received)) {
          it.remove();
          done.add(w.promise);
        }
      }
    }
    done.forEach(Promise::tryComplete);
  }

  void await(Predicate<List<Received>> condition) {
    Promise<Void> promise = Promise.promise();
    synchronized (this) {
      if (condition.test(received)) {
        return;
      }
      waiters.add(new Waiter(condition, promise));
    }
    try {
      promise.future().await(20, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("notifications not received in time: " + received());
    }
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  synchronized List<String> states() {
    return received.stream().map(r -> r.body().getString("state")).toList();
  }

  void close() {
    server.close();
  }
}
