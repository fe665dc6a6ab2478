package dev.wsmon.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import dev.wsmon.testkit.support.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code stopAndShutdown()} ends connection attempts before the scenario stops, as the CLI does.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("TestingWrapper: no connection attempt after stopAndShutdown begins")
class ScenarioEndOfRunTest {

  // c-1 waits for an echo it never gets (it keeps the grace open); c-2 is closed by the server
  // after its second message and reconnects
  static final String SCENARIO =
      """
      {"name": "grace", "onReconnect": "restart", "steps": [
        {"send": "a{conn}"},
        {"expect": {"name": "mine", "regex": "^a2$", "timeout": "10s"}},
        {"send": "b"},
        {"expect": {"name": "cut", "regex": "^never$", "timeout": "10s"}}]}
      """;

  @Test
  @DisplayName("a reconnect due in the grace is not made: iterations == successful_connections")
  void reconnectDueInTheGraceIsNotMade(Vertx vertx) {
    EchoServer server =
        EchoServer.deploy(
                vertx, new EchoServerOptions().setFaults(FaultSpec.parse("close-after=2:4000")))
            .await();
    TestingWrapper wrapper =
        TestingWrapper.builder()
            .uri(server.uri("/"))
            .connections(2)
            .logStats(false)
            .maxReconnectAttempts(-1)
            .reconnectDelay(Duration.ofMillis(300))
            .scenario(new Scenario(new JsonObject(SCENARIO)))
            .build();
    wrapper.start().await();
    Waits.until(
            vertx,
            wrapper::stats,
            s -> s.total().getLong("successful_connections") >= 3,
            Duration.ofSeconds(10))
        .await();

    long started = System.nanoTime();
    JsonObject snapshot = wrapper.stopAndShutdown().await().toJson();
    server.close().await();

    assertThat((System.nanoTime() - started) / 1e9)
        .as("c-1's pending expect kept the 2 s grace open: room for c-2's next reconnect")
        .isGreaterThanOrEqualTo(1.9);
    JsonObject total = snapshot.getJsonObject("total");
    // before the fix, the reconnect due in the grace was made: a session with no iteration
    assertThat(total.getJsonObject("scenario").getLong("iterations"))
        .isEqualTo(total.getLong("successful_connections"));
  }
}
