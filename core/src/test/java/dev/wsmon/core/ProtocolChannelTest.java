package dev.wsmon.core;

import static dev.wsmon.core.ConnectionLifecycleTest.fastPolicy;
import static dev.wsmon.core.TrafficTest.deployFast;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.protocol.GraphqlWsOptions;
import dev.wsmon.core.protocol.Protocol;
import dev.wsmon.core.protocol.ProtocolChannel;
import dev.wsmon.core.protocol.ProtocolMessage;
import dev.wsmon.core.protocol.ProtocolOperation;
import dev.wsmon.core.protocol.ProtocolOptions;
import dev.wsmon.core.protocol.SocketIoOptions;
import dev.wsmon.core.protocol.StompOptions;
import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.stomp.Command;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(120)
@DisplayName("ProtocolChannel: protocol operations and channel messages against the real servers")
class ProtocolChannelTest {

  private NodeServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Collects channel messages; {@link #await} waits for {@code n} of them. */
  private static final class Inbox {
    final List<ProtocolMessage> messages = new CopyOnWriteArrayList<>();
    private final int expected;
    private final Promise<Void> done = Promise.promise();

    Inbox(ProtocolChannel channel, int expected) {
      this.expected = expected;
      channel.messageHandler(
          m -> {
            messages.add(m);
            if (messages.size() >= this.expected) {
              done.tryComplete();
            }
          });
    }

    List<ProtocolMessage> await() throws Exception {
      done.future().await(20, TimeUnit.SECONDS);
      return messages;
    }
  }

  private static ConnectionOptions options(String uri, ProtocolOptions protocol) {
    return new ConnectionOptions(uri)
        .setReconnectPolicy(fastPolicy(1))
        .setProtocolOptions(protocol);
  }

  @Test
  @DisplayName(
      "Socket.IO: emit with an ack is a request answered by ack id (a round trip), emit without"
          + " one is a send; events arrive with their name as channel")
  void socketio(Vertx vertx) throws Exception {
    server = NodeServer.start("socketio-server.js", Map.of("NEWS_AFTER_ECHO", "1"));
    EventRecorder rec = new EventRecorder(vertx);
    ProtocolOptions sio =
        new ProtocolOptions()
            .setProtocol(Protocol.SOCKETIO)
            .setSocketIo(new SocketIoOptions().setAuth(new JsonObject().put("token", "secret")));
    Connection c =
        deployFast(vertx, options("ws://127.0.0.1:" + server.port, sio)).connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);
    ProtocolChannel channel = c.protocolChannel();
    assertThat(channel.protocol()).isEqualTo(Protocol.SOCKETIO);
    Inbox inbox = new Inbox(channel, 2);

    String ack =
        channel.request(ProtocolOperation.emit("echo", "{\"a\":1}"), Duration.ofSeconds(5)).await();
    channel.send(ProtocolOperation.emit("echo", "plain")).await();

    assertThat(ack).matches("43\\d+\\[\\{\"a\":1}]");
    assertThat(inbox.await())
        .containsExactly(
            new ProtocolMessage("news", "{\"echoed\":{\"a\":1}}"),
            new ProtocolMessage("news", "{\"echoed\":\"plain\"}"));
    JsonObject seen = server.stats();
    assertThat(seen.getInteger("echo")).isEqualTo(2);
    assertThat(seen.getInteger("acks")).isEqualTo(1);
    // the news may come in a later traffic batch than the ack and the sends: wait for all three
    rec.await(
        r -> {
          ProtocolCounts counts = ProtocolCounts.of(r, "c-1");
          return counts.rttCount == 1 && r.totals("c-1")[0] == 2 && counts.messages("news") >= 2;
        });
    assertThat(ProtocolCounts.of(rec, "c-1").messages("news")).isEqualTo(2);
  }

  @Test
  @DisplayName(
      "graphql-ws: two subscriptions of one name get ids of their own; every next arrives on the"
          + " name, until the server completes them")
  void graphql(Vertx vertx) throws Exception {
    server = NodeServer.start("graphql-ws-server.js", Map.of());
    EventRecorder rec = new EventRecorder(vertx);
    ProtocolOptions gql =
        new ProtocolOptions()
            .setProtocol(Protocol.GRAPHQL_WS)
            .setGraphqlWs(
                new GraphqlWsOptions().setPayload(new JsonObject().put("token", "secret")));
    Connection c =
        deployFast(vertx, options("ws://127.0.0.1:" + server.port + "/graphql", gql))
            .connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);
    ProtocolChannel channel = c.protocolChannel();
    Inbox inbox = new Inbox(channel, 6);
    ProtocolOperation ticks =
        ProtocolOperation.graphqlSubscribe(
            "ticks", "subscription T($n: Int!) { ticks(n: $n) }", new JsonObject().put("n", 3));

    channel.send(ticks).await();
    channel.send(ticks).await();

    assertThat(inbox.await()).hasSize(6).allMatch(m -> m.channel().equals("ticks"));
    assertThat(inbox.messages.get(0).payload()).isEqualTo("{\"data\":{\"ticks\":1}}");
    JsonObject seen = server.stats();
    assertThat(seen.getInteger("subscriptions")).isEqualTo(2);
    assertThat(seen.getInteger("ticks")).isEqualTo(6);
    rec.await(r -> ProtocolCounts.of(r, "c-1").messages("ticks") == 6);
    assertThat(ProtocolCounts.of(rec, "c-1").errors).isEmpty();
    assertThat(rec.of(EventType.DISCONNECTED)).isEmpty();
  }

  @Test
  @DisplayName(
      "STOMP: SUBSCRIBE, SEND with a receipt (a round trip by receipt id); MESSAGEs arrive with"
          + " their destination as channel; counts equal the broker's")
  void stomp(Vertx vertx) throws Exception {
    StompProtocolTest.Broker broker = new StompProtocolTest.Broker(vertx, 0);
    EventRecorder rec = new EventRecorder(vertx);
    ProtocolOptions stomp =
        new ProtocolOptions()
            .setProtocol(Protocol.STOMP)
            .setStomp(new StompOptions().setLogin("guest").setPasscode("guest"));
    Connection c = deployFast(vertx, options(broker.uri(), stomp)).connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);
    ProtocolChannel channel = c.protocolChannel();
    Inbox inbox = new Inbox(channel, 2);

    channel.send(ProtocolOperation.stompSubscribe("/topic/a", "s1")).await();
    channel.send(ProtocolOperation.stompSubscribe("/topic/b", null)).await();
    String receipt =
        channel
            .request(ProtocolOperation.stompSend("/topic/a", "one"), Duration.ofSeconds(5))
            .await();
    channel.send(ProtocolOperation.stompSend("/topic/b", "two")).await();

    assertThat(receipt).startsWith("RECEIPT");
    assertThat(inbox.await())
        .containsExactlyInAnyOrder(
            new ProtocolMessage("/topic/a", "one"), new ProtocolMessage("/topic/b", "two"));
    assertThat(broker.received(Command.SUBSCRIBE)).isEqualTo(2);
    assertThat(broker.received(Command.SEND)).isEqualTo(2);
    assertThat(broker.written(Command.RECEIPT)).isEqualTo(1);
    rec.await(r -> ProtocolCounts.of(r, "c-1").rttCount == 1);
  }

  @Test
  @DisplayName(
      "an operation of another protocol fails naming both and counts as a send failure; a raw"
          + " connection has no channel")
  void mismatch(Vertx vertx) throws Exception {
    StompProtocolTest.Broker broker = new StompProtocolTest.Broker(vertx, 0);
    EventRecorder rec = new EventRecorder(vertx);
    ProtocolOptions stomp =
        new ProtocolOptions()
            .setProtocol(Protocol.STOMP)
            .setStomp(new StompOptions().setLogin("guest").setPasscode("guest"));
    ConnectionVerticle verticle =
        deployFast(
            vertx,
            options(broker.uri(), stomp),
            new ConnectionOptions(EchoServer.deploy(vertx).await().uri("/")));
    rec.await(r -> r.count(EventType.CONNECTED) == 2);
    ProtocolChannel channel = verticle.connection("c-1").protocolChannel();

    Throwable failure = catchFailure(channel, ProtocolOperation.emit("echo", "x"));

    assertThat(failure).isNotNull();
    assertThat(failure.getMessage()).contains("emit (socketio)").contains("stomp");
    rec.await(r -> sendFailures(r) == 1);
    assertThat(verticle.connection("c-2").protocolChannel()).isNull();
  }

  private static Throwable catchFailure(ProtocolChannel channel, ProtocolOperation op) {
    try {
      channel.send(op).await();
      return null;
    } catch (Exception e) {
      return e;
    }
  }

  private static long sendFailures(EventRecorder rec) {
    long n = 0;
    for (TrafficBatch b : rec.batches()) {
      for (ConnectionDelta d : b.deltas()) {
        if (d.connectionId().equals("c-1")) {
          n += d.sendFailures();
        }
      }
    }
    return n;
  }
}
