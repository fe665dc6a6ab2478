package dev.wsmon.wrapper.internal.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ConnectionVerticle;
import dev.wsmon.core.ConnectionVerticleOptions;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.support.Waits;
import dev.wsmon.wrapper.MessageCheck;
import dev.wsmon.wrapper.PayloadTemplate;
import dev.wsmon.wrapper.Scenario;
import dev.wsmon.wrapper.internal.TappedConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("ScenarioEngine against the echo server")
@Timeout(60)
class ScenarioEngineTest {

  static final String ECHO =
      """
      {"name": "echo", "steps": [
        {"repeat": {"count": 4, "steps": [
          {"send": "{\\"id\\":\\"{conn}-{seq}\\"}", "name": "ping"},
          {"expect": {"name": "pong", "json": {"id": "{conn}-{seq}"}, "timeout": "2s"}}]}},
        {"expect": {"name": "never", "regex": "nothing-like-this", "timeout": "100ms"}},
        {"close": {"code": 4000, "reason": "bye"}}]}
      """;

  @Test
  @DisplayName("counts per connection merge into total and groups; meters equal; all closed")
  void enginOnEcho(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    ConnectionVerticle verticle =
        new ConnectionVerticle(
            new ConnectionVerticleOptions()
                .setEndpoints(
                    List.of(new ConnectionOptions().setUri(server.uri("/")).setConnections(2))));
    CompiledScenario compiled =
        CompiledScenario.compile(new Scenario(new JsonObject(ECHO)), PayloadTemplate.Names.none());
    ScenarioEngine engine =
        new ScenarioEngine(
            vertx, compiled, List.of(MessageCheck.parse("has-id=json:id")), null, null, 0);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ScenarioMeters meters = new ScenarioMeters(engine); // meters hold it weakly: keep it
    meters.bindTo(registry);
    AtomicBoolean allClosed = new AtomicBoolean();
    engine.onAllClosed(2, () -> allClosed.set(true));
    vertx.deployVerticle(verticle).await();
    List<TappedConnection> taps =
        verticle.connections().stream().map(c -> new TappedConnection(vertx, c)).toList();
    engine.attach(verticle.context(), taps).await();
    Waits.until(
            vertx,
            () -> Future.succeededFuture(allClosed.get()),
            Boolean::booleanValue,
            Duration.ofSeconds(20))
        .await();

    JsonObject snapshot =
        new JsonObject()
            .put("total", new JsonObject())
            .put("groups", new JsonObject().put(server.uri("/"), new JsonObject()))
            .put(
                "connections",
                new io.vertx.core.json.JsonArray()
                    .add(new JsonObject().put("connection_id", "c-1"))
                    .add(new JsonObject().put("connection_id", "c-2")));
    engine.addTo(snapshot);
    JsonObject total = snapshot.getJsonObject("total").getJsonObject("scenario");
    JsonObject steps = total.getJsonObject("steps");
    assertThat(total.getLong("iterations")).isEqualTo(2);
    assertThat(total.getLong("failed")).as("'never' timed out").isEqualTo(2);
    assertThat(steps.getJsonObject("pong").getLong("ok")).isEqualTo(8);
    assertThat(steps.getJsonObject("never").getLong("timed_out")).isEqualTo(2);
    assertThat(steps.getJsonObject("close-4").getLong("ok")).isEqualTo(2);
    assertThat(total.getJsonObject("checks").getLong("passes")).isEqualTo(8 + 8);
    assertThat(total.getJsonObject("checks").getLong("fails")).isEqualTo(2);
    assertThat(
            snapshot
                .getJsonObject("groups")
                .getJsonObject(server.uri("/"))
                .getJsonObject("scenario"))
        .isEqualTo(total);
    long perConnection = 0;
    for (int i = 0; i < 2; i++) {
      perConnection +=
          snapshot
              .getJsonArray("connections")
              .getJsonObject(i)
              .getJsonObject("scenario")
              .getJsonObject("steps")
              .getJsonObject("pong")
              .getJsonObject("latency_ms")
              .getLong("count");
    }
    assertThat(perConnection).isEqualTo(8);
    assertThat(
            registry
                .get("wsmon.scenario.steps")
                .tags("step", "pong", "outcome", "ok")
                .functionCounter()
                .count())
        .isEqualTo(8);
    assertThat(
            registry
                .get("wsmon.scenario.checks")
                .tags("check", "has-id", "result", "pass")
                .functionCounter()
                .count())
        .isEqualTo(8);
    assertThat(
            registry
                .get("wsmon.scenario.step.latency")
                .tags("step", "pong")
                .functionTimer()
                .count())
        .isEqualTo(8);
    assertThat(registry.get("wsmon.scenario.checks.rate").gauge().value()).isEqualTo(16.0 / 18.0);
    assertThat(meters).isNotNull();
    assertThat(verticle.connections()).allMatch(c -> !c.isConnected());

    // a cluster coordinator's engine holds no session: the agent's wire form merges exactly
    ScenarioEngine coordinator =
        new ScenarioEngine(
            vertx, compiled, List.of(MessageCheck.parse("has-id=json:id")), null, null, 0);
    coordinator.addRemote(new JsonObject(engine.toWire().encode()));
    JsonObject merged =
        new JsonObject()
            .put("total", new JsonObject())
            .put("groups", new JsonObject().put(server.uri("/"), new JsonObject()))
            .put(
                "connections",
                new io.vertx.core.json.JsonArray()
                    .add(new JsonObject().put("connection_id", "c-1"))
                    .add(new JsonObject().put("connection_id", "c-2")));
    coordinator.addTo(merged);
    assertThat(merged).isEqualTo(snapshot);
    assertThat(coordinator.total()).isEqualTo(engine.total());
    server.close().await();
  }
}
