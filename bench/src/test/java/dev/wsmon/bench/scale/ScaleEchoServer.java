package dev.wsmon.bench.scale;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The echo server of the scale test, run in its own JVM: {@code instances} Vert.x WebSocket echo
 * verticles (one per event loop) on one port of 127.0.0.1. Prints {@code PORT <n>} when listening
 * and exits when its standard input closes.
 */
public final class ScaleEchoServer extends VerticleBase {

  private final int port;

  private ScaleEchoServer(int port) {
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return vertx
        .createHttpServer(
            new HttpServerOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setReuseAddress(true)
                .setReusePort(true)
                .setAcceptBacklog(4096))
        .webSocketHandler(ws -> ws.handler(ws::write))
        .listen();
  }

  public static void main(String[] args) throws Exception {
    int instances = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(instances));
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    vertx
        .deployVerticle(
            () -> new ScaleEchoServer(port), new DeploymentOptions().setInstances(instances))
        .await();
    System.out.println("PORT " + port);
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the parent to close our stdin (or die)
    }
    vertx.close().await();
    System.exit(0);
  }
}
