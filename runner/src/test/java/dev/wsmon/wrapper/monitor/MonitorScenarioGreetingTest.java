package dev.wsmon.wrapper.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import dev.wsmon.testkit.support.Waits;
import dev.wsmon.wrapper.Scenario;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("monitor: the scenario is attached before the first connect")
class MonitorScenarioGreetingTest {

  static final int CONNECTIONS = 100;

  static final String GREETED =
      """
      {"name": "greeted", "steps": [
        {"expect": {"name": "greeting", "regex": "^welcome$", "timeout": "5s"}}]}
      """;

  @Test
  @DisplayName("a greeting sent on open satisfies the first expect on every one of 100 connections")
  void greetingSeenByFirstExpect(Vertx vertx) {
    EchoServer server =
        EchoServer.deploy(
                vertx, new EchoServerOptions().setFaults(FaultSpec.parse("banner=welcome")))
            .await();
    MonitorVerticle monitor =
        MonitorVerticle.deploy(
                vertx,
                MonitorFixture.options(server, CONNECTIONS)
                    .setScenario(new Scenario(new JsonObject(GREETED))))
            .await();
    WebClient client = MonitorFixture.client(vertx, monitor);
    JsonObject stats =
        Waits.until(
                vertx,
                () -> client.get("/stats").send().map(r -> r.bodyAsJsonObject()),
                s -> {
                  JsonObject sc = s.getJsonObject("total").getJsonObject("scenario");
                  return sc.getLong("completed") + sc.getLong("failed") >= CONNECTIONS;
                },
                Duration.ofSeconds(30))
            .await();
    client.close();
    JsonObject sc = stats.getJsonObject("total").getJsonObject("scenario");
    JsonObject greeting = sc.getJsonObject("steps").getJsonObject("greeting");
    assertThat(greeting.getLong("timed_out")).as(sc.encode()).isZero();
    assertThat(greeting.getLong("ok")).isEqualTo(CONNECTIONS);
    assertThat(sc.getLong("completed")).isEqualTo(CONNECTIONS);
    vertx.undeploy(monitor.deploymentID()).await();
    server.close().await();
  }
}
