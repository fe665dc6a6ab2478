package dev.wsmon.core.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocketClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first use of a connection verticle's own {@code wss://} clients, before its first counted
 * attempt: one handshake through each of them against an in-process echo server on 127.0.0.1 with
 * the warm-up's throw-away certificate, closed at once. A {@code wss://} client loads its trust
 * store and key (on a worker) and builds its SSL context on its first connect, once per client: the
 * JVM-wide warm-up, with clients of its own, cannot do it for it (measured in a warm JVM, a new
 * client's first {@code wss} connect with a PEM trust store took 16.1 ms where its second took
 * 12.0; docs/reliability.md). A client that rejects the warm-up's certificate has built them all
 * the same. A {@code ws://} client builds nothing of its own (1.18 ms against 1.17) and is left
 * out, as is a client behind a proxy (the proxy would see the handshake). Counted nowhere (no
 * connection exists yet) and never towards the target. Never fails: a handshake that fails is
 * ignored, and it completes after {@link #TIMEOUT_MS} ms at most.
 */
public final class ClientPriming {

  /** The longest the priming of one pool may take: {@value} ms. */
  public static final long TIMEOUT_MS = 5_000;

  /** The timeout of one priming handshake: {@value} ms. */
  static final int HANDSHAKE_TIMEOUT_MS = 2_000;

  private static final Logger LOG = LoggerFactory.getLogger(ClientPriming.class);

  private ClientPriming() {}

  /**
   * What the priming did.
   *
   * @param clients the clients a handshake was tried through
   * @param opened the handshakes that opened (a client rejecting the certificate did not)
   */
  public record Primed(int clients, int opened) {}

  /**
   * Makes one handshake through each {@code wss://} client of {@code pool}, from the calling
   * context.
   *
   * @return completes (never fails) once every handshake has ended and the server is closed, or
   *     after {@link #TIMEOUT_MS} ms
   */
  public static Future<Primed> prime(Vertx vertx, ClientPool pool) {
    long start = System.nanoTime();
    List<WebSocketClient> secure = new ArrayList<>();
    for (Map.Entry<ClientKey, WebSocketClient> e : pool.clients().entrySet()) {
      if (e.getKey().secure() && e.getKey().proxy() == null) {
        secure.add(e.getValue());
      }
    }
    AtomicInteger opened = new AtomicInteger();
    Promise<Primed> done = Promise.promise();
    int clients = secure.size();
    if (clients == 0) {
      return Future.succeededFuture(new Primed(0, 0));
    }
    // a timer outside Vert.x: it must fire even when the Vert.x instance is closed meanwhile
    CompletableFuture.delayedExecutor(TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .execute(() -> done.tryComplete(new Primed(clients, opened.get())));
    try {
      through(WarmUpHandshakes.tlsEchoServer(vertx), secure, opened)
          .onComplete(
              ar -> {
                LOG.debug(
                    "client priming: {} of {} wss clients opened in {} ms",
                    opened.get(),
                    clients,
                    (System.nanoTime() - start) / 1_000_000);
                done.tryComplete(new Primed(clients, opened.get()));
              });
    } catch (IOException | RuntimeException e) {
      LOG.debug("client priming failed; the wss clients start cold: {}", e.toString());
      done.tryComplete(new Primed(clients, opened.get()));
    }
    return done.future();
  }

  private static Future<Void> through(
      HttpServer server, List<WebSocketClient> clients, AtomicInteger opened) {
    return server
        .listen(0, WarmUpHandshakes.HOST)
        .compose(
            s -> {
              List<Future<Void>> handshakes = new ArrayList<>();
              for (WebSocketClient client : clients) {
                handshakes.add(
                    client
                        .connect(
                            WarmUpHandshakes.loopback(s.actualPort(), true, HANDSHAKE_TIMEOUT_MS))
                        .compose(
                            ws -> {
                              opened.incrementAndGet();
                              return ws.close((short) 1000);
                            }));
              }
              // join: the server must not close under a handshake still in flight; a client
              // rejecting the certificate is expected
              return Future.join(handshakes).<Void>mapEmpty().otherwiseEmpty();
            })
        .eventually(server::close);
  }
}
