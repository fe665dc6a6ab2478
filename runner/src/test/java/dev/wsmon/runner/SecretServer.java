package dev.wsmon.runner;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebSocket echo server for the secret-redaction tests: it records every handshake (URI and
 * headers) so a test can prove the server received the real credentials, and it closes the first
 * connection after two messages with a close reason that itself carries a secret.
 */
public final class SecretServer {

  /** The close reason of the first connection. */
  public static final String CLOSE_REASON = "session expired token=SECRET-MARKER-8";

  /** One recorded handshake. */
  public record Handshake(String uri, Map<String, String> headers) {}

  private final HttpServer server;
  private final List<Handshake> handshakes = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();

  private SecretServer(Vertx vertx) {
    server =
        vertx
            .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
            .webSocketHandler(
                ws -> {
                  Map<String, String> headers =
                      new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                  ws.headers().forEach(e -> headers.put(e.getKey(), e.getValue()));
                  handshakes.add(new Handshake(ws.uri(), headers));
                  boolean first = connections.incrementAndGet() == 1;
                  AtomicInteger received = new AtomicInteger();
                  ws.textMessageHandler(
                      text -> {
                        ws.writeTextMessage(text);
                        if (first && received.incrementAndGet() == 2) {
                          ws.close((short) 4001, CLOSE_REASON);
                        }
                      });
                });
  }

  /**
   * Starts a server on 127.0.0.1 and a free port.
   *
   * @param vertx the Vert.x instance
   * @return the listening server
   */
  public static SecretServer start(Vertx vertx) {
    SecretServer s = new SecretServer(vertx);
    s.server.listen().await();
    return s;
  }

  /** The port. */
  public int port() {
    return server.actualPort();
  }

  /** The handshakes so far. */
  public List<Handshake> handshakes() {
    return List.copyOf(handshakes);
  }

  /** Stops listening. */
  public void close() {
    server.close().await();
  }
}
