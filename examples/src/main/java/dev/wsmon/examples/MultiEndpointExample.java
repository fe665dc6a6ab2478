package dev.wsmon.examples;

import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.tracker.StatsSnapshot;
import dev.wsmon.wrapper.TestingWrapper;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two endpoints, one tracker: two connections to each URI, labelled as groups {@code primary} and
 * {@code backup}; every connection sends a few requests, then the stats of each group are printed.
 */
public final class MultiEndpointExample {

  private MultiEndpointExample() {}

  /**
   * Runs the example.
   *
   * @param args two echo server URIs (default: the same local server twice)
   */
  public static void main(String[] args) {
    String primary = args.length > 0 ? args[0] : "ws://127.0.0.1:8080/primary";
    String backup = args.length > 1 ? args[1] : "ws://127.0.0.1:8080/backup";
    run(primary, backup, 5, System.out);
  }

  /**
   * The example's body.
   *
   * @param primary the first URI
   * @param backup the second URI
   * @param requests requests per connection
   * @param out where to print
   * @return the stats of each group
   */
  public static Map<String, JsonObject> run(
      String primary, String backup, int requests, PrintStream out) {
    TestingWrapper wrapper =
        TestingWrapper.builder()
            .connectionOptions(new ConnectionOptions(primary).setGroup("primary").setConnections(2))
            .addEndpoint(new ConnectionOptions(backup).setGroup("backup").setConnections(2))
            .logStats(false)
            .build();
    wrapper.start().await();
    try {
      wrapper.awaitConnected(Duration.ofSeconds(10)).await();
      List<Future<String>> replies = new ArrayList<>();
      for (Connection c : wrapper.connections()) {
        for (int i = 0; i < requests; i++) {
          replies.add(c.request(c.id() + " #" + i, Duration.ofSeconds(5)));
        }
      }
      Future.join(replies).await();
    } catch (RuntimeException e) {
      out.println("not every request went through: " + e.getMessage());
    }
    StatsSnapshot stats = wrapper.stopAndShutdown().await();
    Map<String, JsonObject> groups = stats.groups();
    groups.forEach(
        (name, g) ->
            out.printf(
                "%-8s connections %d, sent %d, received %d, rtt p99 %s ms%n",
                name,
                g.getLong("connections"),
                g.getLong("messages_sent"),
                g.getLong("messages_received"),
                g.getJsonObject("rtt_ms").getValue("p99")));
    return groups;
  }
}
