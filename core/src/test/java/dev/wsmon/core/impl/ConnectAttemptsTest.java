package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("ConnectAttempts: one attempt at a time, each with a generation and a deadline")
class ConnectAttemptsTest {

  private static final int TIMEOUT_MS = 500;

  @Test
  @DisplayName(
      "an attempt connects, is due at its start + connectTimeout, and a newer or abandoned"
          + " one supersedes it")
  void deadlineAndGenerations(Vertx vertx, VertxTestContext ctx) {
    EchoServer.deploy(vertx)
        .onComplete(
            ctx.succeeding(
                server -> {
                  WebSocketConnectOptions template =
                      new WebSocketConnectOptions()
                          .setHost(server.host())
                          .setPort(server.port())
                          .setURI("/echo");
                  ConnectAttempts attempts =
                      new ConnectAttempts(
                          vertx.createWebSocketClient(), template, "127.0.0.1", TIMEOUT_MS);
                  long gen = attempts.begin(3);
                  long before = System.nanoTime();
                  Future<WebSocket> connecting = attempts.connect();
                  long start = attempts.startedAt();
                  long deadline = start + TIMEOUT_MS * 1_000_000L;
                  connecting.onComplete(
                      ctx.succeeding(
                          socket ->
                              ctx.verify(
                                  () -> {
                                    // stamped by connect(), not by begin()
                                    assertThat(start).isGreaterThanOrEqualTo(before);
                                    assertThat(attempts.number()).isEqualTo(3);
                                    assertThat(attempts.hostName()).isEqualTo("127.0.0.1");
                                    assertThat(attempts.isCurrent(gen)).isTrue();
                                    assertThat(attempts.isPending()).isTrue();
                                    assertThat(attempts.isDue(deadline - 1)).isFalse();
                                    assertThat(attempts.isDue(deadline)).isTrue();

                                    attempts.settle();
                                    assertThat(attempts.isDue(deadline)).isFalse();
                                    assertThat(attempts.pastDeadline(deadline)).isTrue();
                                    attempts.awaitHandshake();
                                    assertThat(attempts.isDue(deadline)).isTrue();

                                    attempts.abandon();
                                    assertThat(attempts.isCurrent(gen)).isFalse();
                                    assertThat(attempts.isPending()).isFalse();
                                    long next = attempts.begin(4);
                                    assertThat(next).isEqualTo(attempts.current());
                                    assertThat(attempts.isCurrent(gen)).isFalse();
                                    socket.close().onComplete(ctx.succeedingThenComplete());
                                  })));
                }));
  }
}
