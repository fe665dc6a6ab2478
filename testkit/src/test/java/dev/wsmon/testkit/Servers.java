package dev.wsmon.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * Deploys echo servers for a test and undeploys them after it, before the test's Vert.x closes
 * (closing a Vert.x holding both clients and a server was seen to take up to 30 s under load).
 */
final class Servers {

  private static final List<EchoServer> DEPLOYED = new ArrayList<>();

  private Servers() {}

  static synchronized Future<EchoServer> deploy(Vertx vertx, EchoServerOptions options) {
    return EchoServer.deploy(vertx, options).onSuccess(Servers::track);
  }

  static Future<EchoServer> deploy(Vertx vertx) {
    return deploy(vertx, new EchoServerOptions());
  }

  private static synchronized void track(EchoServer server) {
    DEPLOYED.add(server);
  }

  static void closeAll() {
    List<EchoServer> servers;
    synchronized (Servers.class) {
      servers = new ArrayList<>(DEPLOYED);
      DEPLOYED.clear();
    }
    for (EchoServer s : servers) {
      s.close().otherwiseEmpty().await();
    }
  }
}
