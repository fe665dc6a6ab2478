package dev.wsmon.bench;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The testkit echo server as a process of its own, so that the benchmark's CPU time is the client's
 * alone. Arguments are fault specs ({@code delay=20ms}); prints {@code port N} once listening and
 * exits when its standard input closes (the benchmark ends or dies).
 */
public final class EchoServerMain {

  private EchoServerMain() {}

  /** Runs the server; see the class comment. */
  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    EchoServer server =
        EchoServer.deploy(vertx, new EchoServerOptions().setFaults(new FaultSpec(List.of(args))))
            .await();
    System.out.println("port " + server.port());
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the parent to close our input
    }
    vertx.close().await();
    System.exit(0);
  }
}
