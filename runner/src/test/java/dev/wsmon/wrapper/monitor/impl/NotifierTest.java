package dev.wsmon.wrapper.monitor.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionState;
import dev.wsmon.wrapper.monitor.NotifyTarget;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(30)
@DisplayName("Notifier delivery: retries with backoff, gives up once, Basic auth from user-info")
class NotifierTest {

  private static StatusBoard.Entry down() {
    return new StatusBoard.Entry(
        "c-1",
        "g",
        "ws://h/x",
        StatusBoard.Status.DOWN,
        ConnectionState.RECONNECTING,
        Instant.parse("2026-01-01T00:00:00Z"),
        "connection refused; token=abc",
        1006);
  }

  @Test
  @DisplayName("500 twice then 204: three requests, one delivery; reason redacted")
  void retried(Vertx vertx) throws Exception {
    AtomicInteger requests = new AtomicInteger();
    List<String> bodies = new CopyOnWriteArrayList<>();
    List<String> auth = new CopyOnWriteArrayList<>();
    Promise<Void> delivered = Promise.promise();
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            b -> {
                              auth.add(String.valueOf(req.getHeader("Authorization")));
                              if (requests.incrementAndGet() < 3) {
                                req.response().setStatusCode(500).end();
                              } else {
                                bodies.add(b.toString());
                                req.response().setStatusCode(204).end();
                                delivered.tryComplete();
                              }
                            }));
    int port = server.listen(0, "127.0.0.1").await().actualPort();
    Notifier notifier =
        vertx
            .executeBlocking(
                () ->
                    new Notifier(
                        vertx,
                        List.of(new NotifyTarget("http://bot:pw@127.0.0.1:" + port + "/h")),
                        Duration.ZERO,
                        5,
                        Duration.ofMillis(20)))
            .await();
    vertx.runOnContext(v -> notifier.onTransition(down()));
    delivered.future().await(10, TimeUnit.SECONDS);
    assertThat(requests.get()).isEqualTo(3);
    assertThat(bodies.get(0)).contains("\"state\":\"DOWN\"").doesNotContain("abc");
    assertThat(auth).allMatch(a -> a.equals("Basic Ym90OnB3"));
  }

  @Test
  @DisplayName("a target that refuses: the attempts are made, then it is given up (counted once)")
  void givenUp(Vertx vertx) throws Exception {
    var s = vertx.createNetServer().connectHandler(c -> {});
    int port = s.listen(0, "127.0.0.1").await().actualPort();
    s.close().await();
    Notifier notifier =
        new Notifier(
            vertx,
            List.of(new NotifyTarget("http://127.0.0.1:" + port + "/h")),
            Duration.ZERO,
            3,
            Duration.ofMillis(10));
    vertx.runOnContext(v -> notifier.onTransition(down()));
    Promise<Void> done = Promise.promise();
    long timer =
        vertx.setPeriodic(
            10,
            t -> {
              if (notifier.failed() == 1) {
                done.tryComplete();
              }
            });
    done.future().await(10, TimeUnit.SECONDS);
    vertx.cancelTimer(timer);
    assertThat(notifier.sent()).isZero();
    assertThat(notifier.timers()).isZero();
    notifier.close();
  }
}
