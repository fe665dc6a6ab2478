package dev.wsmon.core;

import static dev.wsmon.core.ConnectionLifecycleTest.fastPolicy;
import static dev.wsmon.core.TrafficTest.deployFast;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.protocol.GraphqlWsOptions;
import dev.wsmon.core.protocol.Protocol;
import dev.wsmon.core.protocol.ProtocolOptions;
import dev.wsmon.testkit.support.Waits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(120)
@DisplayName("graphql-transport-ws against the real graphql-ws 6 server (npm)")
class GraphqlWsProtocolTest {

  private NodeServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private ConnectionOptions endpoint(String token, GraphqlWsOptions gql) {
    gql.setPayload(new JsonObject().put("token", token));
    return new ConnectionOptions("ws://127.0.0.1:" + server.port + "/graphql")
        .setReconnectPolicy(fastPolicy(1))
        .setProtocolOptions(
            new ProtocolOptions().setProtocol(Protocol.GRAPHQL_WS).setGraphqlWs(gql));
  }

  @Test
  @DisplayName(
      "connection_init/ack, a subscription's next messages count under its root field, 10"
          + " queries answered by operation id; counts equal the server's")
  void subscriptionAndQueries(Vertx vertx) {
    server = NodeServer.start("graphql-ws-server.js", Map.of());
    EventRecorder rec = new EventRecorder(vertx);
    GraphqlWsOptions gql =
        new GraphqlWsOptions()
            .setSubscription("subscription ($n: Int!) { ticks(n: $n) }")
            .setVariables(new JsonObject().put("n", 25));
    Connection c = deployFast(vertx, endpoint("secret", gql)).connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    List<Future<String>> replies = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      replies.add(c.request("{ hello(name: \"n" + i + "\") }", Duration.ofSeconds(10)));
    }
    Future.all(replies).await();
    assertThat(new JsonObject(replies.get(3).result()).getJsonObject("payload").encode())
        .isEqualTo("{\"data\":{\"hello\":\"hello n3\"}}");

    rec.await(r -> ProtocolCounts.of(r, "c-1").messages("ticks") == 25);
    JsonObject seen = server.stats();
    assertThat(seen.getInteger("connections")).isEqualTo(1);
    assertThat(seen.getInteger("ticks")).isEqualTo(25);
    assertThat(seen.getInteger("queries")).isEqualTo(10);
    rec.await(r -> r.totals("c-1")[1] == 35 && ProtocolCounts.of(r, "c-1").rttCount == 10);
    ProtocolCounts p = ProtocolCounts.of(rec, "c-1");
    assertThat(p.name).isEqualTo("graphql-ws");
    assertThat(p.handshakes).isEqualTo(1);
    assertThat(p.errors).isEmpty();
  }

  @Test
  @DisplayName("a rejected connection_init (4403 Forbidden) is a failed attempt naming the code")
  void rejected(Vertx vertx) {
    server = NodeServer.start("graphql-ws-server.js", Map.of());
    EventRecorder rec = new EventRecorder(vertx);
    deployFast(vertx, endpoint("wrong", new GraphqlWsOptions()));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);

    assertThat(rec.of(EventType.FAILED))
        .hasSize(2)
        .allSatisfy(
            e -> assertThat(e.reason()).isEqualTo("graphql-ws handshake: closed (4403 Forbidden)"));
    assertThat(rec.of(EventType.CONNECTED)).isEmpty();
    assertThat(server.stats().getInteger("rejected")).isEqualTo(2);
  }

  @Test
  @DisplayName("protocol pings are answered by the server's pongs")
  void pings(Vertx vertx) {
    server = NodeServer.start("graphql-ws-server.js", Map.of());
    EventRecorder rec = new EventRecorder(vertx);
    deployFast(
        vertx, endpoint("secret", new GraphqlWsOptions().setPingInterval(Duration.ofMillis(100))));

    rec.await(r -> ProtocolCounts.of(r, "c-1").heartbeatsReceived >= 5);

    ProtocolCounts p = ProtocolCounts.of(rec, "c-1");
    assertThat(p.heartbeatsSent).isGreaterThanOrEqualTo(p.heartbeatsReceived);
    assertThat(rec.of(EventType.DISCONNECTED)).isEmpty();
    assertThat(rec.totals("c-1")[1]).isZero();
  }

  @Test
  @DisplayName(
      "a server that stops answering pings: PING_TIMEOUT, then a disconnection with 1006, like a"
          + " missing pong")
  void heartbeatSilence(Vertx vertx) {
    server = NodeServer.start("graphql-ws-server.js", Map.of("PONGS", "3"));
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionOptions options =
        endpoint("secret", new GraphqlWsOptions().setPingInterval(Duration.ofMillis(100)))
            .setPongTimeout(Duration.ofSeconds(1))
            .setReconnectPolicy(fastPolicy(0));
    deployFast(vertx, options);

    rec.await(r -> r.count(EventType.DISCONNECTED) == 1);

    rec.await(r -> ProtocolCounts.of(r, "c-1").heartbeatsReceived == 3);
    assertThat(rec.of(EventType.PING_TIMEOUT)).hasSize(1);
    ConnectionEvent lost = rec.of(EventType.DISCONNECTED).get(0);
    assertThat(lost.closeCode()).isEqualTo(1006);
    assertThat(lost.reason()).isEqualTo("heartbeat silence: no graphql-ws pong within 1000 ms");
    rec.await(r -> ProtocolCounts.of(r, "c-1").errors.getOrDefault("heartbeat silence", 0L) == 1);
  }

  @Test
  @DisplayName(
      "a server that closes mid-subscription (4400 after the 3rd tick): a disconnection with 4400"
          + " named, each session subscribes again; ticks counted equal the server's")
  void closedMidSubscription(Vertx vertx) {
    server =
        NodeServer.start(
            "graphql-ws-server.js", Map.of("TICK_MS", "20", "CLOSE_AT_TICK", "3:4400"));
    EventRecorder rec = new EventRecorder(vertx);
    GraphqlWsOptions gql = new GraphqlWsOptions().setSubscription("subscription { ticks(n: 10) }");
    deployFast(vertx, endpoint("secret", gql).setReconnectPolicy(fastPolicy(2)));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);

    assertThat(rec.of(EventType.DISCONNECTED))
        .hasSize(3)
        .allSatisfy(
            e -> {
              assertThat(e.closeCode()).isEqualTo(4400);
              assertThat(e.reason()).isEqualTo("Bad request: closed at tick 3");
            });
    rec.await(r -> ProtocolCounts.of(r, "c-1").messages("ticks") == 9);
    JsonObject seen = server.stats();
    assertThat(seen.getInteger("subscriptions")).isEqualTo(3);
    assertThat(seen.getInteger("ticks")).isEqualTo(9);
    assertThat(seen.getInteger("completed")).isZero();
    assertThat(rec.totals("c-1")[EventRecorder.RECEIVED]).isEqualTo(9);
    assertThat(ProtocolCounts.of(rec, "c-1").errors).isEmpty();
  }

  @Test
  @DisplayName(
      "a connection_ack later than connectTimeout: a failed attempt 'graphql-ws handshake: no reply"
          + " within …', never a success; wsmon closes the socket with 1000")
  void ackLaterThanTheTimeout(Vertx vertx) {
    server = NodeServer.start("graphql-ws-server.js", Map.of("ACK_DELAY_MS", "1500"));
    EventRecorder rec = new EventRecorder(vertx);
    deployFast(
        vertx,
        endpoint("secret", new GraphqlWsOptions()).setConnectTimeout(Duration.ofMillis(300)));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);

    assertThat(rec.of(EventType.FAILED))
        .hasSize(2)
        .allSatisfy(
            e -> {
              assertThat(e.reason()).isEqualTo("graphql-ws handshake: no reply within 300ms");
              assertThat(e.durationMs()).isGreaterThanOrEqualTo(300.0);
            });
    assertThat(rec.of(EventType.CONNECTED)).isEmpty();
    // the server's count changes with no event here: ask it until it holds (a latch on the
    // recorder re-checks only on events, and none comes after GAVE_UP)
    serverSees(vertx, seen -> seen.getJsonObject("closed").getInteger("1000", 0) == 2);
  }

  @Test
  @DisplayName("the server's pings are answered with pongs, one each; neither counts as a message")
  void serverPings(Vertx vertx) {
    server = NodeServer.start("graphql-ws-server.js", Map.of("SERVER_PINGS_MS", "50"));
    EventRecorder rec = new EventRecorder(vertx);
    deployFast(vertx, endpoint("secret", new GraphqlWsOptions().setPingInterval(Duration.ZERO)));

    rec.await(r -> ProtocolCounts.of(r, "c-1").heartbeatsReceived >= 10);
    serverSees(vertx, seen -> seen.getInteger("pongs") >= 10);

    ProtocolCounts p = ProtocolCounts.of(rec, "c-1");
    assertThat(p.heartbeatsSent).isEqualTo(p.heartbeatsReceived);
    JsonObject seen = server.stats();
    assertThat(seen.getInteger("pongs")).isLessThanOrEqualTo(seen.getInteger("pings"));
    assertThat(rec.totals("c-1")[EventRecorder.RECEIVED]).isZero();
    assertThat(rec.totals("c-1")[EventRecorder.SENT]).isZero();
    assertThat(rec.of(EventType.DISCONNECTED)).isEmpty();
  }

  @Test
  @DisplayName(
      "an operation the server completes without a result (a subscription of 0 ticks): its"
          + " complete answers the request, never a timeout; one message each, as a receipt")
  void completedWithoutAResult(Vertx vertx) {
    server = NodeServer.start("graphql-ws-server.js", Map.of());
    EventRecorder rec = new EventRecorder(vertx);
    Connection c = deployFast(vertx, endpoint("secret", new GraphqlWsOptions())).connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    List<Future<String>> replies = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      replies.add(c.request("subscription { ticks(n: 0) }", Duration.ofSeconds(2)));
    }
    replies.add(c.request("{ hello }", Duration.ofSeconds(2)));
    Future.join(replies).await();

    assertThat(replies)
        .allSatisfy(f -> assertThat(f.succeeded()).as(String.valueOf(f.cause())).isTrue());
    assertThat(new JsonObject(replies.get(0).result()).getString("type")).isEqualTo("complete");
    assertThat(new JsonObject(replies.get(5).result()).getString("type")).isEqualTo("next");
    rec.await(r -> ProtocolCounts.of(r, "c-1").rttCount == 6);
    JsonObject seen = server.stats();
    assertThat(seen.getInteger("subscriptions")).isEqualTo(5);
    assertThat(seen.getInteger("completed")).isEqualTo(5);
    long[] t = rec.totals("c-1");
    assertThat(t[EventRecorder.TIMEOUTS]).isZero();
    assertThat(t[EventRecorder.RECEIVED])
        .as("5 completes and 1 next; not the query's complete")
        .isEqualTo(6);
  }

  /** Waits (off the event loop) until the server's stats satisfy {@code done}, at most 20 s. */
  private void serverSees(Vertx vertx, Predicate<JsonObject> done) {
    Waits.until(vertx, () -> vertx.executeBlocking(server::stats), done, Duration.ofSeconds(20))
        .await();
  }
}
