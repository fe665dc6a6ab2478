package dev.wsmon.wrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.protocol.GraphqlWsOptions;
import dev.wsmon.core.protocol.Protocol;
import dev.wsmon.core.protocol.ProtocolOptions;
import dev.wsmon.testkit.NodeProtocolServer;
import dev.wsmon.testkit.support.Waits;
import dev.wsmon.tracker.StatsSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(90)
@DisplayName("TestingWrapper with protocol steps built in Java, against the real graphql-ws server")
class ProtocolScenarioTest {

  private NodeProtocolServer server;
  private TestingWrapper wrapper;

  @AfterEach
  void stop() {
    if (wrapper != null) {
      wrapper.stopAndShutdown().await();
    }
    if (server != null) {
      server.close();
    }
  }

  private ConnectionOptions graphqlEndpoint() {
    try {
      server =
          NodeProtocolServer.start(Path.of("target", "node"), "graphql-ws-server.js", Map.of());
    } catch (NodeProtocolServer.Unavailable e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError("CI=true and the Node server cannot start: " + e.getMessage(), e);
      }
      Assumptions.abort("skipped: the Node protocol server cannot start: " + e.getMessage());
    }
    return new ConnectionOptions("ws://127.0.0.1:" + server.port() + "/graphql")
        .setProtocolOptions(
            new ProtocolOptions()
                .setProtocol(Protocol.GRAPHQL_WS)
                .setGraphqlWs(
                    new GraphqlWsOptions().setPayload(new JsonObject().put("token", "secret"))));
  }

  private static Scenario ticks(int repeats) {
    return new Scenario()
        .addStep(
            new ScenarioStep.Repeat(
                    java.util.List.of(
                        ProtocolSteps.Subscribe.graphql(
                                "subscription T($n: Int!) { ticks(n: $n) }",
                                new JsonObject().put("n", 3))
                            .setName("ticks"),
                        new ScenarioStep.Expect()
                            .setChannel("subscription", "ticks")
                            .setJson(new JsonObject().put("data.ticks", 3))
                            .setName("third")))
                .setCount(repeats));
  }

  @Test
  @DisplayName(
      "a repeated subscribe gets a new operation id each time: every result counted, each expect"
          + " matched once, equal to the server's counts")
  void repeatedSubscriptions(Vertx vertx) {
    wrapper =
        TestingWrapper.builder()
            .vertx(vertx)
            .connectionOptions(graphqlEndpoint())
            .connections(2)
            .logStats(false)
            .scenario(ticks(4))
            .build();
    wrapper.start().await();

    StatsSnapshot done =
        Waits.until(
                vertx,
                () -> wrapper.stats(),
                s ->
                    s.total().getJsonObject("scenario") != null
                        && s.total().getJsonObject("scenario").getLong("completed") == 2
                        && s.total().getJsonObject("protocol") != null
                        && s.total()
                                .getJsonObject("protocol")
                                .getJsonObject("channels")
                                .getJsonObject("ticks", new JsonObject())
                                .getLong("messages_received", 0L)
                            == 24,
                Duration.ofSeconds(30))
            .await();

    JsonObject sc = done.total().getJsonObject("scenario");
    JsonObject seen = server.stats();
    assertThat(seen.getInteger("subscriptions")).isEqualTo(8);
    assertThat(seen.getInteger("ticks")).isEqualTo(24);
    assertThat(sc.getJsonObject("steps").getJsonObject("ticks").getLong("ok")).isEqualTo(8);
    assertThat(sc.getJsonObject("steps").getJsonObject("third").getLong("ok")).isEqualTo(8);
    assertThat(sc.getJsonObject("checks").getLong("fails")).isZero();
    assertThat(done.total().getJsonObject("protocol").getLong("errors")).isZero();
  }

  @Test
  @DisplayName("build() rejects a protocol step the endpoint's protocol does not speak")
  void wrongProtocol() {
    Scenario emit = new Scenario().addStep(new ProtocolSteps.Emit("echo").setName("hello"));
    TestingWrapper.Builder builder =
        TestingWrapper.builder()
            .connectionOptions(new ConnectionOptions("ws://127.0.0.1:1/"))
            .scenario(emit);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "scenario emit step 'hello' needs protocol socketio, but the connection speaks raw");
  }
}
