package dev.wsmon.runner.cli;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.EchoServerStats;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A testkit echo server for each test, on a free port and a Vert.x of its own, closed after the
 * test: {@code @RegisterExtension final EchoServerExtension server =
 * EchoServerExtension.withFaults("close-after=2:4000");}.
 */
final class EchoServerExtension implements BeforeEachCallback, AfterEachCallback {

  private final EchoServerOptions options;
  private Vertx vertx;
  private EchoServer server;

  EchoServerExtension(EchoServerOptions options) {
    this.options = new EchoServerOptions(options);
  }

  /** A plain echo server. */
  EchoServerExtension() {
    this(new EchoServerOptions());
  }

  /** An echo server with the faults of {@code spec} ({@link FaultSpec#parse}). */
  static EchoServerExtension withFaults(String spec) {
    return new EchoServerExtension(new EchoServerOptions().setFaults(FaultSpec.parse(spec)));
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    vertx = Vertx.vertx();
    server = EchoServer.deploy(vertx, options).await(10, TimeUnit.SECONDS);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      if (server != null) {
        server.close().await(10, TimeUnit.SECONDS);
      }
    } finally {
      server = null;
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** The server of the running test. */
  EchoServer server() {
    if (server == null) {
      throw new IllegalStateException("no echo server outside a test");
    }
    return server;
  }

  /**
   * Replaces the running test's server faults ({@link EchoServer#faults(FaultSpec)}): the
   * connections and handshakes after this see them.
   */
  EchoServerExtension faults(String... specs) {
    server().faults(new FaultSpec(List.of(specs)));
    return this;
  }

  /** {@link EchoServer#uri} of the running test's server. */
  String uri(String path) {
    return server().uri(path);
  }

  /** {@link EchoServer#stats} of the running test's server. */
  EchoServerStats stats() {
    return server().stats();
  }
}
