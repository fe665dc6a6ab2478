package dev.wsmon.examples;

import dev.wsmon.core.EventType;
import dev.wsmon.tracker.StatsSnapshot;
import dev.wsmon.wrapper.ScheduledCall;
import dev.wsmon.wrapper.TestingWrapper;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Scheduled calls: a greeting on every {@code CONNECTED} event, a heartbeat every interval that
 * expects its echo, and a one-off status call at a time after start; the results per call are
 * printed from {@code total.scheduled_calls}.
 */
public final class ScheduledCallsExample {

  private ScheduledCallsExample() {}

  /**
   * Runs the example for 5 seconds.
   *
   * @param args the echo server URI (default {@code ws://127.0.0.1:8080/})
   */
  public static void main(String[] args) {
    String uri = args.length > 0 ? args[0] : "ws://127.0.0.1:8080/";
    run(uri, Duration.ofSeconds(1), Duration.ofSeconds(5), System.out);
  }

  /**
   * The example's body.
   *
   * @param uri the echo server
   * @param every the heartbeat interval
   * @param runFor how long to run
   * @param out where to print
   * @return the {@code scheduled_calls} object of the final stats
   */
  public static JsonObject run(String uri, Duration every, Duration runFor, PrintStream out) {
    TestingWrapper wrapper =
        TestingWrapper.builder()
            .uri(uri)
            .logStats(false)
            .scheduledCall(
                new ScheduledCall("greeting")
                    .setOn(EventType.CONNECTED)
                    .setPayload("{\"op\":\"hello\"}")
                    .setExpect(".*hello.*"))
            .scheduledCall(
                new ScheduledCall("heartbeat")
                    .setEvery(every)
                    .setPayload("heartbeat")
                    .setExpect("heartbeat")
                    .setTimeout(Duration.ofSeconds(2)))
            .scheduledCall(
                new ScheduledCall("status")
                    .setAt(runFor.dividedBy(2))
                    .setAction(c -> c.request("status?", Duration.ofSeconds(2))))
            .build();
    wrapper.start().await();
    try {
      wrapper.awaitConnected(Duration.ofSeconds(10)).await();
      Thread.sleep(runFor.toMillis());
    } catch (RuntimeException e) {
      out.println("not connected: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    StatsSnapshot stats = wrapper.stopAndShutdown().await();
    JsonObject calls = stats.total().getJsonObject("scheduled_calls");
    calls.forEach(
        e -> {
          JsonObject c = (JsonObject) e.getValue();
          out.printf(
              "%-10s runs %d, ok %d, failed %d, timed out %d, latency p50 %s ms%n",
              e.getKey(),
              c.getLong("runs"),
              c.getLong("ok"),
              c.getLong("failed"),
              c.getLong("timed_out"),
              c.getJsonObject("latency_ms").getValue("p50"));
        });
    return calls;
  }
}
