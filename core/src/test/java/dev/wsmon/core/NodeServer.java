package dev.wsmon.core;

import static org.junit.jupiter.api.Assertions.fail;

import dev.wsmon.testkit.NodeProtocolServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Node.js protocol server ({@link NodeProtocolServer}: npm {@code socket.io} 4, {@code
 * graphql-ws} 6) installed into {@code target/node}; where npm or node is unavailable the test is
 * skipped with the reason, except under {@code CI=true}, where it fails.
 */
final class NodeServer implements AutoCloseable {

  private final NodeProtocolServer server;
  final int port;

  private NodeServer(NodeProtocolServer server) {
    this.server = server;
    this.port = server.port();
  }

  /** Starts {@code script} with {@code env}. */
  static NodeServer start(String script, Map<String, String> env) {
    try {
      return new NodeServer(NodeProtocolServer.start(Path.of("target", "node"), script, env));
    } catch (NodeProtocolServer.Unavailable e) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true: the protocol test servers need node and npm: " + e.getMessage());
      }
      Assumptions.abort("skipped: the protocol test servers need node and npm: " + e.getMessage());
      throw new IllegalStateException(e);
    }
  }

  /** What the server saw ({@code GET /stats}). */
  JsonObject stats() {
    return server.stats();
  }

  @Override
  public void close() {
    server.close();
  }
}
