package dev.wsmon.runner.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.Addresses;
import dev.wsmon.runner.config.ConfigSource;
import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("wsmon run: wsmon.stats.reset clears the scenario results")
class RunStatsResetTest {

  @Test
  @DisplayName("a reset during the run leaves the final scenario block at zero, names kept")
  void resetClearsScenario(Vertx vertx) throws Exception {
    EchoServer server = EchoServer.deploy(vertx).await();
    JsonObject scenario =
        new JsonObject(
            """
            {"name": "echo", "steps": [
              {"repeat": {"count": 3, "steps": [
                {"send": "hi-{seq}", "name": "hi"},
                {"expect": {"name": "echoed", "regex": "hi-{seq}", "timeout": "2s"}}]}}]}
            """);
    ThreadedRun run =
        ThreadedRun.start(
            new ConfigSource()
                .put("uri", server.uri("/"), "<ws-uri>")
                .put("duration", "30s", "-d")
                .put("scenario", scenario, "test"));
    try (run) {
      Vertx runVertx = run.vertx(Duration.ofSeconds(20));
      Addresses addresses = Addresses.defaults();
      // the tracker has the 3 echoes once their batch was flushed: the scenario matched them before
      run.awaitTotal(vertx, "messages_received", 3);
      JsonObject reply =
          runVertx
              .eventBus()
              .<JsonObject>request(addresses.statsReset(), new JsonObject())
              .await()
              .body();
      assertThat(reply.getBoolean("reset")).isTrue();
      assertThat(run.stop(Duration.ofSeconds(30)))
          .as("the connection succeeded before the reset: not 'could not run'")
          .isZero();
    }
    JsonObject sc = run.finalSnapshot().getJsonObject("total").getJsonObject("scenario");
    assertThat(sc.getLong("iterations")).isZero();
    assertThat(sc.getLong("completed")).isZero();
    JsonObject steps = sc.getJsonObject("steps");
    assertThat(steps.fieldNames()).containsExactly("hi", "echoed");
    assertThat(steps.getJsonObject("echoed").getLong("ok")).isZero();
    assertThat(steps.getJsonObject("hi").getLong("runs")).isZero();
    JsonArray connections = run.finalSnapshot().getJsonArray("connections");
    assertThat(connections.getJsonObject(0).getJsonObject("scenario").getLong("iterations"))
        .isZero();
    server.close().await();
  }
}
