package dev.wsmon.core.impl;

import dev.wsmon.core.LatencyHistograms;
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
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The handshakes of the client warm-up: an echo server on 127.0.0.1 (plain and TLS, the TLS one
 * with a bundled throw-away certificate), and a client of its own that connects, echoes one message
 * and closes, over {@code ws} and then {@code wss}, then {@value #PLAIN_HANDSHAKES} more plain
 * handshakes. Everything is closed afterwards.
 */
public final class WarmUpHandshakes {

  private static final String HOST = "127.0.0.1";
  private static final int ROUNDS = 2;

  /**
   * Plain handshakes after the rounds, {@value #PARALLEL} at a time, so that the JIT compiles the
   * handshake path: after a handful it is still interpreted, and ten first connects at once then
   * cost 5-10 times a later reconnect (docs/reliability.md).
   */
  static final int PLAIN_HANDSHAKES = 200;

  private static final int PARALLEL = 10;

  private WarmUpHandshakes() {}

  /**
   * Runs the handshakes, then {@code alsoPlain} with the plain server's port; fails when one failed
   * (the caller ignores it).
   */
  public static Future<Void> run(Vertx vertx, Function<Integer, Future<Void>> alsoPlain) {
    HttpServer plain = echoServer(vertx, new HttpServerOptions());
    HttpServer tls;
    try {
      tls =
          echoServer(
              vertx,
              new HttpServerOptions()
                  .setSsl(true)
                  .setKeyCertOptions(
                      new PemKeyCertOptions()
                          .setCertValue(resource("warm-up-cert.pem"))
                          .setKeyValue(resource("warm-up-key.pem"))));
    } catch (IOException e) {
      plain.close();
      return Future.failedFuture(e);
    }
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setTrustAll(true).setVerifyHost(false));
    Future<Void> rounds =
        Future.all(plain.listen(0, HOST), tls.listen(0, HOST))
            .compose(v -> rounds(client, plain.actualPort(), tls.actualPort(), ROUNDS))
            .compose(v -> plainBursts(client, plain.actualPort(), PLAIN_HANDSHAKES))
            .compose(v -> alsoPlain.apply(plain.actualPort()));
    return rounds.eventually(
        () -> Future.join(client.close(), plain.close(), tls.close()).mapEmpty());
  }

  private static Future<Void> rounds(WebSocketClient client, int plain, int tls, int left) {
    if (left == 0) {
      return Future.succeededFuture();
    }
    return echo(client, plain, false)
        .compose(v -> echo(client, tls, true))
        .compose(v -> rounds(client, plain, tls, left - 1));
  }

  private static Future<Void> plainBursts(WebSocketClient client, int port, int left) {
    if (left <= 0) {
      return Future.succeededFuture();
    }
    List<Future<Void>> burst = new ArrayList<>();
    for (int i = 0; i < Math.min(PARALLEL, left); i++) {
      burst.add(echo(client, port, false));
    }
    return Future.all(burst).compose(v -> plainBursts(client, port, left - PARALLEL));
  }

  private static Future<Void> echo(WebSocketClient client, int port, boolean ssl) {
    return client
        .connect(
            new WebSocketConnectOptions()
                .setHost(HOST)
                .setPort(port)
                .setURI("/")
                .setSsl(ssl)
                .setTimeout(5_000))
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

  private static HttpServer echoServer(Vertx vertx, HttpServerOptions options) {
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
