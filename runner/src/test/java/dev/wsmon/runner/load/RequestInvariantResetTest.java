package dev.wsmon.runner.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.Addresses;
import dev.wsmon.runner.config.ConfigSource;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("wsmon run: a stats.reset with requests in flight keeps the request invariant")
class RequestInvariantResetTest {

  @Test
  @DisplayName(
      "requests sent before the reset and settled after it are not counted after it:"
          + " rtt_ms.count + request_timeouts + requests_abandoned == messages_sent at the end")
  void resetWithRequestsInFlight(Vertx vertx) throws Exception {
    EchoServer server =
        EchoServer.deploy(
                vertx, new EchoServerOptions().setFaults(new FaultSpec(List.of("no-echo"))))
            .await();
    ThreadedRun run =
        ThreadedRun.start(
            new ConfigSource()
                .put("uri", server.uri("/"), "<ws-uri>")
                .put("connections", 2, "-c")
                .put("duration", "30s", "-d")
                .put("send", "q{seq}", "--send")
                .put("rate", 100, "--rate"));
    try (run) {
      Vertx runVertx = run.vertx(Duration.ofSeconds(20));
      Addresses addresses = Addresses.defaults();
      // unanswered requests pile up, then the reset clears the counters while they wait
      long beforeReset = run.awaitTotal(vertx, "messages_sent", 40);
      runVertx.eventBus().request(addresses.statsReset(), new JsonObject()).await();
      // the requests waiting at the reset are still counted as sent; 40 more go out after it
      carried = run.awaitTotal(vertx, "messages_sent", 0);
      run.awaitTotal(vertx, "messages_sent", carried + 40);
      assertThat(carried).isGreaterThanOrEqualTo(Math.min(beforeReset, 40));
      run.stop(Duration.ofSeconds(30));
    } finally {
      server.close().await();
    }
    JsonObject total = run.finalSnapshot().getJsonObject("total");
    assertThat(
            total.getJsonObject("rtt_ms").getLong("count")
                + total.getLong("request_timeouts")
                + total.getLong("requests_abandoned"))
        .as("answered + timed out + abandoned == sent after the reset, in %s", total)
        .isEqualTo(total.getLong("messages_sent"));
    // the requests that were waiting at the reset count as sent after it, and are abandoned
    assertThat(total.getLong("requests_abandoned") + total.getLong("request_timeouts"))
        .isGreaterThanOrEqualTo(carried + 40);
  }

  private long carried;
}
