package dev.wsmon.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.ConnectionOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("protocol options: defaults, JSON round trips, validation")
class ProtocolOptionsTest {

  @Test
  @DisplayName("defaults: raw; socketio namespace / event message; stomp 10 s heart-beats")
  void defaults() {
    ProtocolOptions o = new ProtocolOptions();
    assertThat(o.getProtocol()).isEqualTo(Protocol.RAW);
    assertThat(o.getSocketIo().getNamespace()).isEqualTo("/");
    assertThat(o.getSocketIo().getEvent()).isEqualTo("message");
    assertThat(o.getSocketIo().getAuth()).isNull();
    assertThat(o.getStomp().getHeartbeatOutgoing()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.getStomp().getHeartbeatIncoming()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.getStomp().effectiveSubscribe()).isNull();
    assertThat(o.getGraphqlWs().getPingInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(new ConnectionOptions("ws://h/").toJson().containsKey("protocol")).isFalse();
  }

  @Test
  @DisplayName("every block survives a JSON round trip, alone and inside connection options")
  void roundTrip() {
    ProtocolOptions o =
        new ProtocolOptions()
            .setProtocol(Protocol.STOMP)
            .setSocketIo(
                new SocketIoOptions()
                    .setNamespace("/admin")
                    .setEvent("echo")
                    .setAuth(new JsonObject().put("token", "x")))
            .setStomp(
                new StompOptions()
                    .setLogin("guest")
                    .setPasscode("pw")
                    .setHost("/")
                    .setHeartbeatOutgoing(Duration.ofMillis(500))
                    .setHeartbeatIncoming(Duration.ZERO)
                    .setDestination("/topic/x")
                    .setSubscribe("/topic/y"))
            .setGraphqlWs(
                new GraphqlWsOptions()
                    .setPayload(new JsonObject().put("token", "y"))
                    .setSubscription("subscription { ticks }")
                    .setVariables(new JsonObject().put("n", 1))
                    .setPingInterval(Duration.ZERO));
    assertThat(new ProtocolOptions(o.toJson())).isEqualTo(o);
    assertThat(new ProtocolOptions(o)).isEqualTo(o);
    assertThat(new ProtocolOptions(o).hashCode()).isEqualTo(o.hashCode());
    ConnectionOptions c = new ConnectionOptions("ws://h/").setProtocolOptions(o);
    ConnectionOptions back = new ConnectionOptions(c.toJson());
    assertThat(back.getProtocolOptions()).isEqualTo(o);
    assertThat(new ConnectionOptions(c).getProtocolOptions()).isEqualTo(o);
    assertThat(new SocketIoOptions(o.getSocketIo().toJson())).isEqualTo(o.getSocketIo());
    assertThat(new StompOptions(o.getStomp().toJson()).hashCode())
        .isEqualTo(o.getStomp().hashCode());
    assertThat(new GraphqlWsOptions(o.getGraphqlWs().toJson()).hashCode())
        .isEqualTo(o.getGraphqlWs().hashCode());
    assertThat(new SocketIoOptions(o.getSocketIo()).hashCode())
        .isEqualTo(o.getSocketIo().hashCode());
  }

  @Test
  @DisplayName("config form: protocol names, blocks named after the protocol")
  void configForm() {
    ConnectionOptions c =
        new ConnectionOptions(
            new JsonObject()
                .put("uri", "ws://h/")
                .put("protocol", "graphql-ws")
                .put("graphqlWs", new JsonObject().put("pingInterval", "2s")));
    assertThat(c.getProtocolOptions().getProtocol()).isEqualTo(Protocol.GRAPHQL_WS);
    assertThat(c.getProtocolOptions().getGraphqlWs().getPingInterval())
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(Protocol.parse("SocketIO")).isEqualTo(Protocol.SOCKETIO);
    assertThat(Protocol.parse("graphql_ws")).isEqualTo(Protocol.GRAPHQL_WS);
    assertThat(Protocol.STOMP.configName()).isEqualTo("stomp");
  }

  @Test
  @DisplayName("bad values name themselves")
  void validation() {
    assertThatThrownBy(() -> Protocol.parse("mqtt"))
        .hasMessage("protocol must be raw, socketio, stomp or graphql-ws, got 'mqtt'");
    assertThatThrownBy(() -> new SocketIoOptions().setNamespace("admin"))
        .hasMessageContaining("'admin'");
    assertThatThrownBy(() -> new SocketIoOptions().setEvent("")).hasMessageContaining("event");
    assertThatThrownBy(() -> new StompOptions().setHeartbeatOutgoing(Duration.ofSeconds(-1)))
        .hasMessageContaining("heartbeatOutgoing");
    assertThatThrownBy(() -> new StompOptions().setDestination(""))
        .hasMessageContaining("destination");
    assertThatThrownBy(() -> new GraphqlWsOptions().setSubscription(" "))
        .hasMessageContaining("subscription");
    assertThatThrownBy(() -> new GraphqlWsOptions().setPingInterval(Duration.ofMillis(-1)))
        .hasMessageContaining("pingInterval");
    assertThatThrownBy(() -> new StompOptions(new JsonObject().put("logn", "x")))
        .hasMessageContaining("logn");
    assertThatThrownBy(
            () ->
                new ConnectionOptions(new JsonObject().put("uri", "ws://h/").put("protocol", "x")))
        .hasMessageContaining("'x'");
  }
}
