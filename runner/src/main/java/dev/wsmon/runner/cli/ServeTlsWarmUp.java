package dev.wsmon.runner.cli;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.time.Duration;
import java.util.List;

/**
 * Warms a {@code wsmon serve --fault tls} server before it announces its URL, so that its first
 * clients do not pay for the server's own TLS start (half a second to a second in a fresh JVM),
 * which they would measure as connect latency: {@value #HANDSHAKES} {@code wss} handshakes, each
 * with one echo, against a throw-away server of its own with the same certificate (the server's
 * code path, whatever faults the real server has), then one bare TLS handshake with the real server
 * (its own SSL context; no HTTP request, so none of its faults applies). The real server's counts
 * are reset afterwards. It never fails.
 */
final class ServeTlsWarmUp {

  /** Handshakes against the throw-away server: {@value}. */
  static final int HANDSHAKES = 20;

  private ServeTlsWarmUp() {}

  /**
   * Completes once the warm-up has ended, whatever its outcome; each step within {@code timeout}.
   */
  static Future<Void> run(Vertx vertx, EchoServer server, Duration timeout) {
    return throwAwayServer(vertx, timeout)
        .transform(ar -> bareHandshake(vertx, server, timeout))
        .transform(
            ar -> {
              server.resetStats();
              return Future.succeededFuture();
            });
  }

  private static Future<Void> throwAwayServer(Vertx vertx, Duration timeout) {
    return EchoServer.deploy(
            vertx,
            new EchoServerOptions()
                .setHost("127.0.0.1")
                .setPort(0)
                .setFaults(new FaultSpec(List.of("tls"))))
        .compose(
            echo -> {
              WebSocketClient client =
                  vertx.createWebSocketClient(
                      new WebSocketClientOptions()
                          .setSsl(true)
                          .setTrustAll(true)
                          .setVerifyHost(false)
                          .setConnectTimeout((int) timeout.toMillis()));
              Future<Void> done = Future.succeededFuture();
              for (int i = 0; i < HANDSHAKES; i++) {
                done =
                    done.compose(
                        v ->
                            client
                                .connect(echo.port(), "127.0.0.1", "/")
                                .compose(
                                    ws -> {
                                      Future<Void> echoed =
                                          Future.future(
                                              p -> ws.textMessageHandler(m -> p.tryComplete()));
                                      return ws.writeTextMessage("warm-up")
                                          .compose(w -> echoed)
                                          .eventually(() -> ws.close());
                                    }));
              }
              return done.eventually(() -> client.close()).eventually(() -> echo.close());
            });
  }

  private static Future<Void> bareHandshake(Vertx vertx, EchoServer server, Duration timeout) {
    NetClient client =
        vertx.createNetClient(
            new NetClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setSsl(true)
                .setTrustAll(true)
                .setHostnameVerificationAlgorithm(""));
    return client
        .connect(server.port(), loopbackFor(server.host()))
        .compose(socket -> socket.close())
        .eventually(() -> client.close());
  }

  /** Where a client reaches a server bound to {@code host}: 127.0.0.1 for a wildcard address. */
  static String loopbackFor(String host) {
    return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
  }
}
