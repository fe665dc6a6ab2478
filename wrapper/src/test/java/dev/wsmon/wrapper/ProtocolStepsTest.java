package dev.wsmon.wrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.protocol.Protocol;
import dev.wsmon.wrapper.internal.scenario.CompiledScenario;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Protocol steps: emit, subscribe, send to a destination, expect on a channel")
class ProtocolStepsTest {

  private static final PayloadTemplate.Names NAMES =
      new PayloadTemplate.Names(Set.of(), Set.of(), name -> null);

  private static Scenario scenario(String stepsJson) {
    return new Scenario(new JsonObject().put("steps", new JsonArray(stepsJson)));
  }

  @Test
  @DisplayName("the issue's steps read into their classes and survive a JSON round trip")
  void roundTrip() {
    Scenario s =
        scenario(
            """
            [{"emit": {"event": "echo", "data": {"hello": "world"}, "ack": true, "name": "echo"}},
             {"expect": {"event": "news", "name": "news", "timeout": "2s"}},
             {"subscribe": {"destination": "/topic/x", "id": "s1"}},
             {"send": {"destination": "/topic/x", "body": "{\\"n\\":\\"{seq}\\"}", "receipt": true},
              "name": "publish"},
             {"expect": {"destination": "/topic/x", "name": "got"}},
             {"subscribe": {"name": "ticks", "query": "subscription { ticks(n: 5) }",
                            "variables": {}}},
             {"expect": {"subscription": "ticks", "name": "tick", "json": {"data.ticks": 1}}}]
            """);

    assertThat(s.getSteps().get(0))
        .isInstanceOfSatisfying(
            ProtocolSteps.Emit.class,
            e -> {
              assertThat(e.getEvent()).isEqualTo("echo");
              assertThat(e.getDataText()).isEqualTo("{\"hello\":\"world\"}");
              assertThat(e.isAck()).isTrue();
              assertThat(e.getTimeout()).isEqualTo(ProtocolSteps.DEFAULT_REPLY_TIMEOUT);
              assertThat(e.getName()).isEqualTo("echo");
            });
    assertThat(((ScenarioStep.Expect) s.getSteps().get(1)).channelProtocol())
        .isEqualTo(Protocol.SOCKETIO);
    assertThat(s.getSteps().get(3))
        .isInstanceOfSatisfying(
            ProtocolSteps.Publish.class,
            p -> {
              assertThat(p.kind()).isEqualTo("send");
              assertThat(p.isReceipt()).isTrue();
              assertThat(p.getName()).isEqualTo("publish");
            });
    ProtocolSteps.Subscribe gql = (ProtocolSteps.Subscribe) s.getSteps().get(5);
    assertThat(gql.protocol()).isEqualTo(Protocol.GRAPHQL_WS);
    assertThat(gql.getName()).isEqualTo("ticks");
    assertThat(((ProtocolSteps.Subscribe) s.getSteps().get(2)).protocol())
        .isEqualTo(Protocol.STOMP);
    assertThat(new Scenario(s.toJson())).isEqualTo(s);
    assertThat(new Scenario(s.toJson()).toJson()).isEqualTo(s.toJson());
  }

  @Test
  @DisplayName("bad protocol steps fail naming the step and the key")
  void badSteps() {
    assertThatThrownBy(() -> scenario("[{\"emit\": {\"data\": 1}}]"))
        .hasMessageContaining("steps[1].emit.event");
    assertThatThrownBy(() -> scenario("[{\"emit\": {\"event\": \"e\", \"ack\": \"yes\"}}]"))
        .hasMessageContaining("steps[1].emit.ack must be true or false, got yes");
    assertThatThrownBy(
            () -> scenario("[{\"subscribe\": {\"destination\": \"/d\", \"query\": \"{ a }\"}}]"))
        .hasMessageContaining("steps[1].subscribe needs 'destination'");
    assertThatThrownBy(() -> scenario("[{\"send\": {\"destination\": \"/d\", \"receipt\": 1}}]"))
        .hasMessageContaining("steps[1].send.receipt must be true or false");
    assertThatThrownBy(
            () -> scenario("[{\"expect\": {\"event\": \"a\", \"destination\": \"/d\"}}]"))
        .hasMessageContaining("give one of 'event', 'destination' or 'subscription'");
    assertThatThrownBy(
            () -> scenario("[{\"emit\": {\"event\": \"e\", \"ack\": true, \"timeout\": \"0s\"}}]"))
        .hasMessageContaining("steps[1].emit.timeout");
  }

  @Test
  @DisplayName(
      "a protocol step or channel expect under another protocol is an error naming the step")
  void checkProtocol() {
    CompiledScenario stomp =
        CompiledScenario.compile(
            scenario(
                """
                [{"subscribe": {"destination": "/topic/x"}},
                 {"send": {"destination": "/topic/x", "body": "{seq}"}},
                 {"expect": {"destination": "/topic/x"}}]
                """),
            NAMES);

    stomp.checkProtocol(Protocol.STOMP);
    assertThat(stomp.stepKinds())
        .containsExactly(
            Map.entry("subscribe-1", "subscribe"),
            Map.entry("send-2", "send"),
            Map.entry("expect-3", "expect"));
    assertThatThrownBy(() -> stomp.checkProtocol(Protocol.SOCKETIO))
        .hasMessage(
            "scenario subscribe step 'subscribe-1' needs protocol stomp, but the connection speaks"
                + " socketio");
    CompiledScenario expectOnly =
        CompiledScenario.compile(scenario("[{\"expect\": {\"event\": \"news\"}}]"), NAMES);
    assertThatThrownBy(() -> expectOnly.checkProtocol(Protocol.RAW))
        .hasMessageContaining("expect step 'expect-1' needs protocol socketio");
    CompiledScenario plain =
        CompiledScenario.compile(scenario("[{\"send\": \"x\"}, {\"expect\": {}}]"), NAMES);
    plain.checkProtocol(Protocol.RAW);
    plain.checkProtocol(Protocol.GRAPHQL_WS);
  }

  @Test
  @DisplayName("templates in emit data and STOMP bodies are compiled strictly; queries are not")
  void templates() {
    assertThatThrownBy(
            () ->
                CompiledScenario.compile(
                    scenario("[{\"emit\": {\"event\": \"e\", \"data\": {\"t\": \"{nope}\"}}}]"),
                    NAMES))
        .hasMessageContaining("scenario step 'emit-1'")
        .hasMessageContaining("{nope}");
    CompiledScenario.compile(
        scenario("[{\"subscribe\": {\"name\": \"q\", \"query\": \"query {hello}\"}}]"), NAMES);
    ProtocolSteps.Emit built =
        new ProtocolSteps.Emit("e").setAck(true).setTimeout(Duration.ofMillis(250)).setName("e");
    assertThat(ScenarioStep.fromJson(built.toJson(), "s")).isEqualTo(built);
  }
}
