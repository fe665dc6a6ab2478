package dev.wsmon.core.protocol.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ProtocolDelta;
import dev.wsmon.core.protocol.Protocol;
import dev.wsmon.core.protocol.ProtocolOptions;
import dev.wsmon.core.protocol.SocketIoOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("protocol framing: STOMP frames, Socket.IO packets, upgrade paths, wire deltas")
class FramingTest {

  @Test
  @DisplayName("STOMP frames: leading EOLs are heart-beats, 1.2 header escapes both ways")
  void stompFrames() {
    StompFrame f =
        StompFrame.parse("\n\r\nMESSAGE\r\ndestination:/a\\cb\nsubscription:s\n\nbody\0\n");
    assertThat(f.heartbeats()).isEqualTo(2);
    assertThat(f.command()).isEqualTo("MESSAGE");
    assertThat(f.headers()).containsEntry("destination", "/a:b");
    assertThat(f.body()).isEqualTo("body");
    assertThat(StompFrame.parse("\n").command()).isNull();
    assertThat(StompFrame.parse("CONNECTED\nheart-beat:0,0\nserver:x\\y\n\n\0").headers())
        .containsEntry("server", "x\\y");
    assertThat(StompFrame.write("SEND", "destination", "/q:1\n", "receipt", null, "hi"))
        .isEqualTo("SEND\ndestination:/q\\c1\\n\n\nhi\0");
    assertThat(StompFrame.unescape("a\\\\b\\r")).isEqualTo("a\\b\r");
    assertThat(
            StompSession.errorText(
                StompFrame.parse(
                    "ERROR\nmessage:Bad CONNECT\n\nAccess refused for user 'guest'\nmore\0")))
        .isEqualTo("Bad CONNECT: Access refused for user 'guest'");
    assertThat(StompSession.errorText(StompFrame.parse("ERROR\nmessage:x\n\n\0"))).isEqualTo("x");
    assertThat(StompSession.errorText(StompFrame.parse("ERROR\n\nonly body\0")))
        .isEqualTo("only body");
  }

  @Test
  @DisplayName("Socket.IO: the path and EIO query are added only where missing")
  void socketIoPath() {
    ConnectionOptions sio =
        new ConnectionOptions("ws://h/")
            .setProtocolOptions(new ProtocolOptions().setProtocol(Protocol.SOCKETIO));
    assertThat(ProtocolUpgrade.path(sio, "/")).isEqualTo("/socket.io/?EIO=4&transport=websocket");
    assertThat(ProtocolUpgrade.path(sio, "/custom/?a=1"))
        .isEqualTo("/custom/?a=1&EIO=4&transport=websocket");
    assertThat(ProtocolUpgrade.path(sio, "/socket.io/?EIO=4&transport=websocket"))
        .isEqualTo("/socket.io/?EIO=4&transport=websocket");
    assertThat(ProtocolUpgrade.path(new ConnectionOptions("ws://h/"), "/")).isEqualTo("/");
    assertThat(ProtocolUpgrade.subprotocols(sio)).isEmpty();
  }

  @Test
  @DisplayName("Socket.IO emits: JSON text as the argument, other text as a string, ack ids")
  void socketIoFrames() {
    SocketIoSession s =
        new SocketIoSession(new SocketIoOptions().setNamespace("/chat").setEvent("say"));
    assertThat(s.frame("{\"a\":1}", "7")).isEqualTo("42/chat,7[\"say\",{\"a\":1}]");
    assertThat(s.frame("hi \"you\"", null)).isEqualTo("42/chat,[\"say\",\"hi \\\"you\\\"\"]");
  }

  @Test
  @DisplayName("graphql-ws: close codes are named, root fields name the channel")
  void graphqlNames() {
    GraphqlWsSession s =
        new GraphqlWsSession(
            new dev.wsmon.core.protocol.GraphqlWsOptions(), java.time.Duration.ofSeconds(1));
    assertThat(s.closeReason(4401, "")).isEqualTo("Unauthorized");
    assertThat(s.closeReason(4409, "Subscriber for 1 already exists"))
        .isEqualTo("Subscriber already exists: Subscriber for 1 already exists");
    assertThat(s.closeReason(1000, "bye")).isEqualTo("bye");
    assertThat(GraphqlWsSession.CLOSE_CODES).containsKeys(4400, 4401, 4403, 4406, 4408, 4409, 4429);
    assertThat(GraphqlWsSession.operationName("subscription S { ticks(n: 1) }")).isEqualTo("ticks");
    assertThat(GraphqlWsSession.operationName("nonsense")).isEqualTo("subscription");
    assertThat(new JsonObject(s.frame("{\"query\":\"{ a }\",\"variables\":{}}", "3")).encode())
        .isEqualTo(
            "{\"id\":\"3\",\"type\":\"subscribe\",\"payload\":{\"query\":\"{ a }\",\"variables\":{}}}");
  }

  @Test
  @DisplayName("a protocol delta survives its wire form")
  void deltaWire() {
    ProtocolDelta d =
        new ProtocolDelta(
            "stomp", null, 3, 4, Map.of("ERROR: x", 2L), Map.of("/topic/x", new long[] {5, 50}));
    ProtocolDelta back = ProtocolDelta.fromJson(d.toJson());
    assertThat(back.name()).isEqualTo("stomp");
    assertThat(back.heartbeatsSent()).isEqualTo(3);
    assertThat(back.heartbeatsReceived()).isEqualTo(4);
    assertThat(back.errors()).isEqualTo(Map.of("ERROR: x", 2L));
    assertThat(back.channels().get("/topic/x")).containsExactly(5, 50);
    assertThat(List.of(back.handshake() == null)).containsExactly(true);
  }
}
