package dev.wsmon.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.EventType;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.support.Waits;
import dev.wsmon.tracker.StatsSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("stats.reset over the event bus")
@Timeout(60)
class StatsResetTest {

  static final String ECHO_FLOW =
      """
      {"name": "echo", "steps": [
        {"repeat": {"count": 3, "steps": [
          {"send": "hello-{seq}", "name": "hello"},
          {"expect": {"name": "echoed", "regex": "hello-{seq}", "timeout": "2s"}}]}}]}
      """;

  private TestingWrapper wrapper;

  @AfterEach
  void stop() {
    if (wrapper != null) {
      wrapper.stopAndShutdown().await();
    }
  }

  @Test
  @DisplayName("clears the scenario results and the scheduled calls' counts, names kept")
  void resetClearsScenarioAndScheduledCalls(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    wrapper =
        TestingWrapper.builder()
            .uri(server.uri("/"))
            .namespace("reset")
            .logStats(false)
            .scenario(new Scenario(new JsonObject(ECHO_FLOW)))
            .scheduledCall(
                new ScheduledCall("once")
                    .setOn(EventType.CONNECTED)
                    .setPayload("call")
                    .setExpect("call")
                    .setMaxRuns(1))
            .build();
    wrapper.start().await();
    StatsSnapshot before =
        Waits.until(
                vertx,
                () -> wrapper.stats(),
                s ->
                    s.total().getJsonObject("scenario").getLong("completed") == 1
                        && s.total()
                                .getJsonObject("scheduled_calls")
                                .getJsonObject("once")
                                .getLong("ok")
                            == 1,
                Duration.ofSeconds(20))
            .await();
    assertThat(step(before.total(), "echoed").getLong("ok")).isEqualTo(3);

    JsonObject reply =
        wrapper
            .vertx()
            .eventBus()
            .<JsonObject>request(Addresses.of("reset").statsReset(), new JsonObject())
            .await()
            .body();
    assertThat(reply.getBoolean("reset")).isTrue();

    JsonObject total = wrapper.stats().await().total();
    JsonObject scenario = total.getJsonObject("scenario");
    assertThat(scenario.getLong("iterations")).isZero();
    assertThat(scenario.getLong("completed")).isZero();
    assertThat(step(total, "hello").getLong("runs")).isZero();
    assertThat(step(total, "echoed").getLong("ok")).isZero();
    assertThat(step(total, "echoed").getJsonObject("latency_ms").getLong("count")).isZero();
    assertThat(scenario.getJsonObject("checks").getLong("passes")).isZero();
    assertThat(scenario.getJsonObject("checks").getJsonObject("by_check").fieldNames())
        .containsExactly("echoed");
    JsonObject once = total.getJsonObject("scheduled_calls").getJsonObject("once");
    assertThat(once.getLong("runs")).isZero();
    assertThat(once.getLong("ok")).isZero();
  }

  private static JsonObject step(JsonObject total, String name) {
    return total.getJsonObject("scenario").getJsonObject("steps").getJsonObject(name);
  }
}
