package dev.wsmon.wrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
@DisplayName(
    "TestingWrapper: a feeder's rows round-robin per connection; unknown columns fail build")
class TestingWrapperFeederTest {

  static final String FED =
      """
      {"name": "fed", "steps": [
        {"send": "u={feed.user}", "name": "hello"},
        {"expect": {"name": "echoed", "regex": "^u={feed.user}$", "timeout": "2s"}},
        {"close": {}}]}
      """;

  @Test
  @DisplayName("3 connections, 2 rows: c-1 and c-3 get the first row")
  void roundRobin(Vertx vertx) {
    Feeder users = Feeder.fromCsv("user\nann\nbob\n", "users.csv");
    try (ScenarioRun run =
        ScenarioRun.start(
            vertx,
            new FaultSpec(),
            3,
            FED,
            b -> b.feeder(users).messageCheck(MessageCheck.parse("ann=regex:^u=ann$")))) {
      StatsSnapshot done =
          run.awaitScenario(vertx, sc -> sc.getLong("completed") >= 3, Duration.ofSeconds(20));
      JsonObject sc = done.total().getJsonObject("scenario");
      assertThat(sc.getJsonObject("steps").getJsonObject("echoed").getLong("ok")).isEqualTo(3);
      assertThat(sc.getJsonObject("checks").getJsonObject("by_check").getJsonObject("ann"))
          .isEqualTo(new JsonObject().put("passes", 2).put("fails", 1).put("rate", 2 / 3.0));
      JsonObject third = done.toJson().getJsonArray("connections").getJsonObject(2);
      assertThat(third.getString("connection_id")).isEqualTo("c-3");
      assertThat(
              third
                  .getJsonObject("scenario")
                  .getJsonObject("checks")
                  .getJsonObject("by_check")
                  .getJsonObject("ann")
                  .getLong("passes"))
          .isEqualTo(1);

      assertThatThrownBy(
              () ->
                  TestingWrapper.builder()
                      .uri(run.server.uri("/"))
                      .scenario(
                          new Scenario(
                              new JsonObject(FED.replace("{feed.user}\"", "{feed.usr}\""))))
                      .feeder(users)
                      .build())
          .hasMessageContaining("{feed.usr}");
    }
  }
}
