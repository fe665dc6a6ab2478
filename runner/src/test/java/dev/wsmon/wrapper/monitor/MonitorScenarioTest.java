package dev.wsmon.wrapper.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.EventType;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.FaultSpec;
import dev.wsmon.testkit.support.Waits;
import dev.wsmon.wrapper.MessageCheck;
import dev.wsmon.wrapper.Scenario;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("monitor scenarios: results in /stats and /metrics, restart on reconnect, reset")
class MonitorScenarioTest {

  static final String HELLO =
      """
      {"name": "hello", "steps": [
        {"send": "hello-{conn}-{seq}", "name": "hello"},
        {"expect": {"name": "echoed", "regex": "hello-{conn}-{seq}", "timeout": "3s"}}]}
      """;

  private static JsonObject getJson(Vertx vertx, MonitorVerticle monitor, String uri) {
    return new JsonObject(get(vertx, monitor, uri));
  }

  private static String get(Vertx vertx, MonitorVerticle monitor, String uri) {
    WebClient client = MonitorFixture.client(vertx, monitor);
    try {
      return client.get(uri).send().await().bodyAsString();
    } finally {
      client.close();
    }
  }

  /** Polls {@code /stats} every 20 ms until {@code done} holds. */
  private static JsonObject statsUntil(
      Vertx vertx, MonitorVerticle monitor, Predicate<JsonObject> done) {
    WebClient client = MonitorFixture.client(vertx, monitor);
    try {
      return Waits.until(
              vertx,
              () -> client.get("/stats").send().map(r -> r.bodyAsJsonObject()),
              done,
              Duration.ofSeconds(20))
          .await();
    } finally {
      client.close();
    }
  }

  private static JsonObject scenario(JsonObject stats) {
    return stats.getJsonObject("total").getJsonObject("scenario");
  }

  private static JsonObject step(JsonObject stats, String name) {
    return scenario(stats).getJsonObject("steps").getJsonObject(name);
  }

  @Test
  @DisplayName("runs per session, restarts after a reconnect, failures are events and counts")
  void restartsAndFails(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    MonitorEvents events = new MonitorEvents(vertx, MonitorFixture.NS);
    MonitorOptions options =
        MonitorFixture.options(server, 2)
            .setScenario(new Scenario(new JsonObject(HELLO)))
            .addMessageCheck(MessageCheck.regex("says-hello", "^hello-"));
    MonitorVerticle monitor = MonitorVerticle.deploy(vertx, options).await();

    JsonObject first = statsUntil(vertx, monitor, s -> scenario(s).getLong("completed") == 2);
    assertThat(scenario(first).getString("name")).isEqualTo("hello");
    assertThat(step(first, "echoed").getLong("ok")).isEqualTo(2);
    JsonObject group = first.getJsonObject("groups").getJsonObject(server.uri("/feed"));
    assertThat(group.getJsonObject("scenario")).isEqualTo(scenario(first));
    JsonObject byGroup = getJson(vertx, monitor, "/stats?group=" + server.uri("/feed"));
    assertThat(byGroup.getJsonObject("scenario").getLong("completed")).isEqualTo(2);
    JsonObject one = getJson(vertx, monitor, "/stats?connection_id=c-1");
    assertThat(one.getJsonObject("scenario").getLong("completed")).isEqualTo(1);
    JsonArray connections = first.getJsonArray("connections");
    assertThat(connections.getJsonObject(0).getJsonObject("scenario").getLong("completed"))
        .isEqualTo(1);
    assertThat(
            scenario(first)
                .getJsonObject("checks")
                .getJsonObject("by_check")
                .getJsonObject("says-hello")
                .getLong("passes"))
        .isEqualTo(2);
    assertThat(get(vertx, monitor, "/metrics"))
        .containsPattern(
            "wsmon_scenario_steps_total\\{[^}]*outcome=\"ok\",step=\"echoed\"[^}]*\\} 2\\.0");

    // the server stops echoing and drops the connections: the scenario restarts on each new
    // session and its expect times out
    server.faults(new FaultSpec().setNoEcho(true));
    server.stopListening().await();
    events.await(e -> e.count(EventType.DISCONNECTED) == 2);
    server.startListening().await();
    events.await(e -> e.count(EventType.STEP_FAILED) == 2);
    JsonObject failed = statsUntil(vertx, monitor, s -> scenario(s).getLong("failed") == 2);
    assertThat(scenario(failed).getLong("iterations")).isEqualTo(4);
    assertThat(scenario(failed).getLong("completed")).isEqualTo(2);
    assertThat(step(failed, "hello").getLong("ok")).isEqualTo(4);
    assertThat(step(failed, "echoed").getLong("timed_out")).isEqualTo(2);
    assertThat(events.of(EventType.STEP_FAILED).get(0).reason())
        .contains("step 'echoed' timed out")
        .contains("no message received");
    JsonArray history = getJson(vertx, monitor, "/history").getJsonArray("events");
    assertThat(history.stream().map(o -> ((JsonObject) o).getString("type")))
        .contains("STEP_FAILED");

    // stats.reset over the event bus clears the scenario results too
    JsonObject reset =
        vertx
            .eventBus()
            .<JsonObject>request(Addresses.of(MonitorFixture.NS).statsReset(), new JsonObject())
            .await()
            .body();
    assertThat(reset.getBoolean("reset")).isTrue();
    JsonObject cleared = getJson(vertx, monitor, "/stats");
    assertThat(scenario(cleared).getLong("iterations")).isZero();
    assertThat(scenario(cleared).getLong("failed")).isZero();
    assertThat(step(cleared, "echoed").getLong("timed_out")).isZero();
    assertThat(scenario(cleared).getJsonObject("checks").getLong("passes")).isZero();
    assertThat(get(vertx, monitor, "/metrics"))
        .as("meters stay monotonic over a reset")
        .containsPattern(
            "wsmon_scenario_steps_total\\{[^}]*outcome=\"ok\",step=\"echoed\"[^}]*\\} 2\\.0")
        .containsPattern(
            "wsmon_scenario_steps_total\\{[^}]*outcome=\"timed_out\",step=\"echoed\"[^}]*\\} 2\\.0");
    events.close();
  }

  @Test
  @DisplayName("options: JSON round trip; an unknown template name fails the start naming it")
  void options(Vertx vertx) {
    MonitorOptions options =
        new MonitorOptions(
            new JsonObject()
                .put("uri", "ws://127.0.0.1:1/")
                .put("scenario", new JsonObject(HELLO))
                .put("messageChecks", new JsonArray().add("has-op=json:op")));
    assertThat(options.getScenario().getName()).isEqualTo("hello");
    assertThat(options.getMessageChecks())
        .extracting(MessageCheck::getName)
        .containsExactly("has-op");
    assertThat(new MonitorOptions(options.toJson())).isEqualTo(options);
    assertThat(new MonitorOptions(options)).isEqualTo(options);
    assertThatThrownBy(() -> new MonitorOptions(new JsonObject().put("scenario", "x.yaml")))
        .hasMessageContaining("scenario must be a scenario object");
    assertThatThrownBy(
            () ->
                new MonitorOptions(
                    new JsonObject()
                        .put("scenario", new JsonObject().put("steps", new JsonArray()))))
        .hasMessageContaining("scenario: ");

    MonitorOptions unknown =
        new MonitorOptions(options.toJson().put("httpPort", 0))
            .setScenario(new Scenario(new JsonObject("{\"steps\": [{\"send\": \"{nobody}\"}]}")));
    assertThatThrownBy(() -> MonitorVerticle.deploy(vertx, unknown).await())
        .hasMessageContaining("nobody");
  }
}
