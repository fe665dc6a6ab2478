package dev.wsmon.examples;

import dev.wsmon.exporters.Exporters;
import dev.wsmon.tracker.StatsSnapshot;
import dev.wsmon.wrapper.TestingWrapper;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The original testing framework's echo client, with wsmon: connect to an echo server, echo "Hello,
 * Testing World!", send ten timed messages one second apart, print a summary and the CSV export,
 * and stop. It never crashes on a failure: an unreachable server or a lost reply is reported and
 * shows in the stats.
 *
 * <pre>{@code
 * ./wsmon serve &
 * java -cp examples/target/classes:... dev.wsmon.examples.EchoClientExample ws://127.0.0.1:8080/
 * }</pre>
 */
public final class EchoClientExample {

  private EchoClientExample() {}

  /**
   * Runs the example.
   *
   * @param args the echo server URI (default {@code ws://127.0.0.1:8080/})
   */
  public static void main(String[] args) {
    String uri = args.length > 0 ? args[0] : "ws://127.0.0.1:8080/";
    System.exit(run(uri, 10, Duration.ofSeconds(1), System.out));
  }

  /**
   * The example's body.
   *
   * @param uri the echo server
   * @param messages how many timed messages
   * @param interval the time between them
   * @param out where to print
   * @return 0 when every message came back, 1 otherwise
   */
  public static int run(String uri, int messages, Duration interval, PrintStream out) {
    TestingWrapper wrapper =
        TestingWrapper.builder()
            .uri(uri)
            .statsInterval(Duration.ofSeconds(10))
            .logStats(true)
            .connectionTimeout(Duration.ofSeconds(5))
            .maxReconnectAttempts(3)
            .reconnectDelay(Duration.ofMillis(500))
            .build();
    int failures = 0;
    try {
      wrapper.start().await();
      wrapper.awaitConnected(Duration.ofSeconds(10)).await();
      String reply =
          wrapper.client().request("Hello, Testing World!", Duration.ofSeconds(5)).await();
      out.println("echo: " + reply);
      for (int i = 1; i <= messages; i++) {
        long t0 = System.nanoTime();
        try {
          wrapper.client().request("message " + i, Duration.ofSeconds(5)).await();
          out.printf(
              Locale.ROOT, "message %d echoed in %.3f ms%n", i, (System.nanoTime() - t0) / 1e6);
        } catch (RuntimeException e) {
          failures++;
          out.println("message " + i + " failed: " + e.getMessage());
        }
        if (i < messages) {
          pause(interval);
        }
      }
    } catch (RuntimeException e) {
      failures++;
      out.println("echo client failed: " + e.getMessage());
    }
    StatsSnapshot stats = wrapper.stopAndShutdown().await();
    JsonObject total = stats.total();
    out.printf(
        Locale.ROOT,
        "attempts %d, successes %d, failures %d, sent %d, received %d, rtt p50 %s ms, p99 %s ms%n",
        total.getLong("connection_attempts"),
        total.getLong("successful_connections"),
        total.getLong("failed_connections"),
        total.getLong("messages_sent"),
        total.getLong("messages_received"),
        total.getJsonObject("rtt_ms").getValue("p50"),
        total.getJsonObject("rtt_ms").getValue("p99"));
    out.println(Exporters.csv(stats.toJson()));
    return failures == 0 ? 0 : 1;
  }

  private static void pause(Duration interval) {
    try {
      Thread.sleep(interval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
