package dev.wsmon.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Vert.x 5 wraps every client from {@code vertx.createWebSocketClient()} in a {@code Cleaner}: once
 * nothing references it, a garbage collection closes it and its connections, a handshake in flight
 * too ("Connection closed while handshake in process"). A test that connects through {@code
 * vertx.createWebSocketClient().connect(..)} fails whenever a GC comes before its handshake ends:
 * rare, early in a JVM and under load. Tests keep their clients referenced until they close them.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("a WebSocketClient nothing references is closed by the GC, mid-handshake too")
@Timeout(20)
class ClientReachabilityTest {

  private WebSocketClient held;

  @AfterEach
  void closeServers() {
    if (held != null) {
      held.close().await();
    }
    Servers.closeAll();
  }

  /** A server that answers the upgrade 1 s late: a window for collections. */
  private static EchoServer slowHandshake(Vertx vertx) {
    return Servers.deploy(
            vertx, new EchoServerOptions().setFaults(new FaultSpec(List.of("handshake-delay=1s"))))
        .await();
  }

  /** Collects garbage every 50 ms until {@code connect} has an outcome. */
  private static Future<WebSocket> collectUntilDone(Future<WebSocket> connect) throws Exception {
    CompletableFuture<WebSocket> outcome = connect.toCompletionStage().toCompletableFuture();
    while (!outcome.isDone()) {
      System.gc();
      try {
        outcome.get(50, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // not done yet, or failed: the loop condition and the caller tell
      }
    }
    return connect;
  }

  @Test
  @DisplayName("unreferenced: the handshake in flight fails when the client is collected")
  void unreferencedClientIsClosed(Vertx vertx) throws Exception {
    EchoServer server = slowHandshake(vertx);
    Future<WebSocket> connect =
        vertx.createWebSocketClient().connect(server.port(), "127.0.0.1", "/");
    assertThat(collectUntilDone(connect).failed()).as("connect: %s", connect).isTrue();
    assertThat(connect.cause()).hasMessageContaining("closed");
  }

  @Test
  @DisplayName("referenced: the same handshake completes")
  void referencedClientSurvives(Vertx vertx) throws Exception {
    EchoServer server = slowHandshake(vertx);
    held = vertx.createWebSocketClient();
    Future<WebSocket> connect = held.connect(server.port(), "127.0.0.1", "/");
    assertThat(collectUntilDone(connect).succeeded()).as("connect: %s", connect).isTrue();
  }
}
