package dev.wsmon.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.FaultSpec;
import dev.wsmon.tracker.StatsSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("TestingWrapper: the scenario is attached before the first connect")
class ScenarioGreetingTest {

  static final int CONNECTIONS = 100;

  static final String GREETED =
      """
      {"name": "greeted", "steps": [
        {"expect": {"name": "greeting", "regex": "^welcome$", "timeout": "5s"}},
        {"send": "hi {conn}"},
        {"expect": {"name": "echoed", "regex": "^hi {conn}$", "timeout": "5s"}}]}
      """;

  @Test
  @DisplayName("a greeting sent on open satisfies the first expect on every one of 100 connections")
  void greetingSeenByFirstExpect(Vertx vertx) {
    StatsSnapshot done;
    try (ScenarioRun run =
        ScenarioRun.start(vertx, FaultSpec.parse("banner=welcome"), CONNECTIONS, GREETED, b -> b)) {
      done =
          run.awaitScenario(
              vertx,
              sc -> sc.getLong("completed") + sc.getLong("failed") >= CONNECTIONS,
              Duration.ofSeconds(30));
    }
    JsonObject sc = done.total().getJsonObject("scenario");
    JsonObject greeting = sc.getJsonObject("steps").getJsonObject("greeting");
    assertThat(greeting.getLong("timed_out")).as(sc.encode()).isZero();
    assertThat(greeting.getLong("ok")).isEqualTo(CONNECTIONS);
    assertThat(sc.getLong("completed")).isEqualTo(CONNECTIONS);
  }
}
