package dev.wsmon.runner.cli;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Vertx;
import java.util.List;

/** A testkit echo server with fault specs, for the CLI tests that run against one. */
final class FaultServers {

  private FaultServers() {}

  /** Deploys an echo server with {@code faults} (e.g. {@code "no-upgrade"}) and waits for it. */
  static EchoServer serve(Vertx vertx, String... faults) {
    return EchoServer.deploy(
            vertx, new EchoServerOptions().setFaults(new FaultSpec(List.of(faults))))
        .await();
  }
}
