package dev.wsmon.core.impl;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.LatencyHistograms;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.JksOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The handshakes of the client warm-up, against echo servers of its own on 127.0.0.1, through a
 * client of its own that connects, echoes one message and closes: {@link #plain} ({@code ws}: a few
 * rounds, then bursts of {@value #PARALLEL} over all event loops until the burst time has
 * converged) and {@link #tls} ({@code wss}, with a bundled throw-away certificate in a JKS store: a
 * PKCS12 or PEM key would cost 10 000 PBKDF2 rounds and a second of C2 compilation). Everything is
 * closed afterwards.
 */
public final class WarmUpHandshakes {

  /** Where the warm-up's servers listen. */
  static final String HOST = "127.0.0.1";

  /** The timeout of one warm-up handshake: {@value} ms. */
  private static final long HANDSHAKE_TIMEOUT_MS = 5_000;

  private static final int ROUNDS = 2;

  /** Handshakes in flight together in a burst: {@value}. */
  public static final int PARALLEL = 10;

  private static final String STORE_PASSWORD = "warm-up";

  private WarmUpHandshakes() {}

  /** What the plain warm-up did. */
  public record Plain(int handshakes, int bursts) {}

  /**
   * The plain warm-up: {@value #ROUNDS} rounds, then bursts until converged ({@link
   * WarmUpConvergence}), then {@code alsoPlain} with the server's port; fails when a handshake
   * failed (the caller ignores it).
   */
  public static Future<Plain> plain(Vertx vertx, Function<Integer, Future<Void>> alsoPlain) {
    return plain(vertx, echoServer(vertx, new HttpServerOptions()), alsoPlain);
  }

  /** The plain warm-up against {@code server}; it is closed once every handshake has ended. */
  static Future<Plain> plain(
      Vertx vertx, HttpServer server, Function<Integer, Future<Void>> alsoPlain) {
    WebSocketClient client = vertx.createWebSocketClient();
    WarmUpConvergence convergence = new WarmUpConvergence();
    List<Context> loops = LoopContexts.of(vertx);
    Future<Plain> done =
        server
            .listen(0, HOST)
            .compose(s -> rounds(client, s.actualPort(), false, ROUNDS))
            .compose(v -> bursts(client, server.actualPort(), loops, convergence))
            .compose(v -> alsoPlain.apply(server.actualPort()))
            .map(v -> new Plain(ROUNDS + convergence.bursts() * PARALLEL, convergence.bursts()));
    return done.eventually(() -> Future.join(client.close(), server.close()).mapEmpty());
  }

  /** The number of event loops of {@code vertx} (1 when unknown). */
  public static int eventLoops(Vertx vertx) {
    return LoopContexts.of(vertx).size();
  }

  /** The TLS warm-up: {@value #ROUNDS} {@code wss} handshakes and echoes. */
  public static Future<Void> tls(Vertx vertx) {
    return tls(vertx, List.of());
  }

  /**
   * The TLS warm-up: {@value #ROUNDS} {@code wss} handshakes and echoes through a client of its
   * own, then one handshake through a client with each of {@code endpoints} (an endpoint's own
   * trust store, client certificate and host verification), to 127.0.0.1, never to the endpoint's
   * host: its trust material is loaded and its SSL context built even when it cannot verify the
   * warm-up's certificate, which is expected and ignored. Fails only when the warm-up's own
   * handshakes fail.
   *
   * @param endpoints the client options of the run's {@code wss://} endpoints, each with its host
   */
  public static Future<Void> tls(Vertx vertx, List<TlsEndpoint> endpoints) {
    HttpServer server;
    try {
      server = tlsEchoServer(vertx);
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setTrustAll(true).setVerifyHost(true));
    Future<Void> done =
        server
            .listen(0, HOST)
            .compose(s -> rounds(client, s.actualPort(), true, ROUNDS))
            .compose(v -> endpoints(vertx, server.actualPort(), endpoints, 0));
    return done.eventually(() -> Future.join(client.close(), server.close()).mapEmpty());
  }

  /**
   * A {@code wss://} endpoint's client options and the host name it connects to in a run (the
   * warm-up's own handshake with these options goes to 127.0.0.1, never through the endpoint's
   * proxy).
   */
  public record TlsEndpoint(WebSocketClientOptions options, String host) {

    /**
     * The {@code wss://} endpoints among {@code endpoints}, one per distinct client setting, with
     * the client options a run would use (without a source address); an endpoint whose settings
     * cannot make a client is left out (the run reports it).
     */
    public static List<TlsEndpoint> of(Collection<ConnectionOptions> endpoints) {
      List<TlsEndpoint> secure = new ArrayList<>();
      Set<ClientKey> seen = new HashSet<>();
      for (ConnectionOptions e : endpoints) {
        try {
          ClientKey key = ClientKey.of(e, null);
          String host = URI.create(e.getUri()).getHost();
          if (key.secure() && host != null && seen.add(key)) {
            // the endpoint's TLS material, never its proxy: the warm-up's server is local, and a
            // proxy would receive a CONNECT to it with the user's credentials
            WebSocketClientOptions options =
                key.clientOptions(1, e.getConnectTimeout().toMillis()).setProxyOptions(null);
            secure.add(new TlsEndpoint(options, host));
          }
        } catch (IllegalArgumentException ignored) {
          // not warmed up
        }
      }
      return secure;
    }
  }

  private static Future<Void> endpoints(
      Vertx vertx, int port, List<TlsEndpoint> endpoints, int next) {
    if (next == endpoints.size()) {
      return Future.succeededFuture();
    }
    TlsEndpoint e = endpoints.get(next);
    WebSocketClient client = vertx.createWebSocketClient(e.options());
    return client
        .connect(loopback(port, true, HANDSHAKE_TIMEOUT_MS))
        .compose(ws -> ws.close((short) 1000))
        .transform(ar -> client.close())
        .transform(ar -> endpoints(vertx, port, endpoints, next + 1));
  }

  private static Future<Void> rounds(WebSocketClient client, int port, boolean ssl, int left) {
    if (left == 0) {
      return Future.succeededFuture();
    }
    return echo(client, port, ssl).compose(v -> rounds(client, port, ssl, left - 1));
  }

  /** Bursts of {@value #PARALLEL} handshakes spread over the event loops, as a run's are. */
  private static Future<Void> bursts(
      WebSocketClient client, int port, List<Context> loops, WarmUpConvergence convergence) {
    long start = System.nanoTime();
    List<Future<Void>> burst = new ArrayList<>();
    for (int i = 0; i < PARALLEL; i++) {
      Promise<Void> echoed = Promise.promise();
      loops.get(i % loops.size()).runOnContext(v -> echo(client, port, false).onComplete(echoed));
      burst.add(echoed.future());
    }
    // join, not all: the server must not close under handshakes still in flight
    return Future.join(burst)
        .compose(
            v ->
                convergence.another(System.nanoTime() - start)
                    ? bursts(client, port, loops, convergence)
                    : Future.succeededFuture());
  }

  private static Future<Void> echo(WebSocketClient client, int port, boolean ssl) {
    return client
        .connect(loopback(port, ssl, HANDSHAKE_TIMEOUT_MS))
        .compose(
            ws -> {
              Promise<Void> echoed = Promise.promise();
              ws.textMessageHandler(
                  text -> {
                    // JSON and histograms are on the path of the first events and latencies too
                    new JsonObject(text).getLong("t");
                    LatencyHistograms.create().recordValue(1);
                    echoed.tryComplete();
                  });
              ws.exceptionHandler(echoed::tryFail);
              ws.closeHandler(v -> echoed.tryFail("closed before the echo"));
              ws.writeTextMessage(
                  new JsonObject().put("warm-up", true).put("t", System.nanoTime()).encode());
              return echoed.future().eventually(() -> ws.close((short) 1000));
            });
  }

  /**
   * An echo server (not listening yet) for {@code wss} with the bundled throw-away certificate; a
   * client that rejects the certificate is expected and logs nothing.
   */
  static HttpServer tlsEchoServer(Vertx vertx) throws IOException {
    HttpServer server =
        echoServer(
            vertx,
            new HttpServerOptions()
                .setSsl(true)
                .setKeyCertOptions(
                    new JksOptions()
                        .setValue(resource("warm-up.jks"))
                        .setPassword(STORE_PASSWORD)));
    return server.exceptionHandler(e -> {});
  }

  /**
   * A handshake with a warm-up server on 127.0.0.1 at {@code port}. The address goes in as the
   * host: Vert.x 5.0's {@code WebSocketClient} dials the host and ignores {@code setServer}, so an
   * endpoint's host there would reach the user's target.
   */
  static WebSocketConnectOptions loopback(int port, boolean ssl, long timeoutMs) {
    return new WebSocketConnectOptions()
        .setHost(HOST)
        .setPort(port)
        .setURI("/")
        .setSsl(ssl)
        .setTimeout(timeoutMs);
  }

  static HttpServer echoServer(Vertx vertx, HttpServerOptions options) {
    return vertx
        .createHttpServer(options)
        .webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage));
  }

  private static Buffer resource(String name) throws IOException {
    try (InputStream in =
        WarmUpHandshakes.class.getResourceAsStream("/dev/wsmon/core/warmup/" + name)) {
      if (in == null) {
        throw new IOException("missing resource " + name);
      }
      return Buffer.buffer(in.readAllBytes());
    }
  }
}
