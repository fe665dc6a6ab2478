package dev.wsmon.core;

import static dev.wsmon.core.ConnectionLifecycleTest.fastPolicy;
import static dev.wsmon.core.TrafficTest.deployFast;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.protocol.Protocol;
import dev.wsmon.core.protocol.ProtocolOptions;
import dev.wsmon.core.protocol.SocketIoOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(120)
@DisplayName("Socket.IO against the real socket.io 4 server (npm)")
class SocketIoProtocolTest {

  private NodeServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private ConnectionOptions endpoint(String token, String event) {
    return endpoint(token, event, "/");
  }

  private ConnectionOptions endpoint(String token, String event, String namespace) {
    SocketIoOptions sio = new SocketIoOptions().setEvent(event).setNamespace(namespace);
    if (token != null) {
      sio.setAuth(new JsonObject().put("token", token));
    }
    return new ConnectionOptions("ws://127.0.0.1:" + server.port)
        .setReconnectPolicy(fastPolicy(1))
        .setProtocolOptions(new ProtocolOptions().setProtocol(Protocol.SOCKETIO).setSocketIo(sio));
  }

  @Test
  @DisplayName(
      "joins with auth on /socket.io/ (added to the URI), 20 emits acked by id: 20 round trips,"
          + " counts equal the server's")
  void acks(Vertx vertx) {
    server = NodeServer.start("socketio-server.js", Map.of());
    EventRecorder rec = new EventRecorder(vertx);
    Connection c = deployFast(vertx, endpoint("secret", "echo")).connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    List<Future<String>> replies = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      replies.add(c.request("{\"n\":" + i + "}", Duration.ofSeconds(10)));
    }
    Future.all(replies).await();

    assertThat(replies.get(7).result()).isEqualTo("438[{\"n\":7}]");
    rec.await(r -> r.totals("c-1")[1] == 20 && ProtocolCounts.of(r, "c-1").rttCount == 20);
    JsonObject seen = server.stats();
    assertThat(seen.getInteger("connections")).isEqualTo(1);
    assertThat(seen.getInteger("echo")).isEqualTo(20);
    long[] t = rec.totals("c-1");
    assertThat(t[0]).as("messages sent: emits only").isEqualTo(20);
    assertThat(t[1]).as("messages received: acks only").isEqualTo(20);
    ProtocolCounts p = ProtocolCounts.of(rec, "c-1");
    assertThat(p.name).isEqualTo("socketio");
    assertThat(p.handshakes).isEqualTo(1);
    assertThat(p.errors).isEmpty();
    assertThat(rec.of(EventType.FAILED)).isEmpty();
  }

  @Test
  @DisplayName("events pushed by the server count under their event name, equal to what it sent")
  void channels(Vertx vertx) {
    server = NodeServer.start("socketio-server.js", Map.of());
    EventRecorder rec = new EventRecorder(vertx);
    Connection c = deployFast(vertx, endpoint("secret", "start")).connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    assertThat(c.request("50", Duration.ofSeconds(10)).await()).isEqualTo("431[\"started\"]");

    rec.await(r -> ProtocolCounts.of(r, "c-1").messages("news") == 50);
    assertThat(server.stats().getInteger("news")).isEqualTo(50);
    rec.await(r -> r.totals("c-1")[1] == 51);
    ProtocolCounts p = ProtocolCounts.of(rec, "c-1");
    assertThat(p.channelMessages).containsOnlyKeys("news");
    // 42["news",{"seq":N}] is 20 bytes for N < 10, 21 for N < 100
    assertThat(p.channelBytes.get("news")).isEqualTo(9 * 20 + 41 * 21);
  }

  @Test
  @DisplayName(
      "a binary event (BINARY_EVENT and its two attachments) is one message under its event name,"
          + " its bytes the packet's and the attachments'; equal to the events the server emitted")
  void binaryEvents(Vertx vertx) {
    server = NodeServer.start("socketio-server.js", Map.of());
    EventRecorder rec = new EventRecorder(vertx);
    Connection c = deployFast(vertx, endpoint("secret", "blobs")).connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    assertThat(c.request("12", Duration.ofSeconds(10)).await()).isEqualTo("431[\"sent\"]");

    rec.await(r -> ProtocolCounts.of(r, "c-1").messages("blob") == 12);
    assertThat(server.stats().getInteger("blobs")).isEqualTo(12);
    ProtocolCounts p = ProtocolCounts.of(rec, "c-1");
    assertThat(p.channelMessages).containsOnlyKeys("blob");
    long[] t = rec.totals("c-1");
    assertThat(t[EventRecorder.RECEIVED])
        .as("12 events and 1 ack, attachments not apart")
        .isEqualTo(13);
    // 452-["blob",{"seq":N,"head":{"_placeholder":true,"num":0},"tail":{…,"num":1}}], 3 + 100
    long bytes = 0;
    for (int n = 1; n <= 12; n++) {
      bytes +=
          ("452-[\"blob\",{\"seq\":"
                      + n
                      + ",\"head\":{\"_placeholder\":true,\"num\":0},"
                      + "\"tail\":{\"_placeholder\":true,\"num\":1}}]")
                  .length()
              + 103;
    }
    assertThat(p.channelBytes.get("blob")).isEqualTo(bytes);
    assertThat(t[EventRecorder.BYTES_RECEIVED]).isEqualTo(bytes + "431[\"sent\"]".length());
  }

  @Test
  @DisplayName(
      "a connect_error is a failed attempt with the server's message, retried per the policy,"
          + " never a success")
  void connectError(Vertx vertx) {
    server = NodeServer.start("socketio-server.js", Map.of());
    EventRecorder rec = new EventRecorder(vertx);
    deployFast(vertx, endpoint("wrong", "echo"));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);

    assertThat(rec.of(EventType.FAILED))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.reason()).isEqualTo("connect_error: bad token"));
    assertThat(rec.of(EventType.CONNECTED)).isEmpty();
    assertThat(rec.of(EventType.DISCONNECTED)).isEmpty();
    assertThat(server.stats().getInteger("rejected")).isEqualTo(2);
    rec.await(
        r -> ProtocolCounts.of(r, "c-1").errors.getOrDefault("connect_error: bad token", 0L) == 2);
  }

  @Test
  @DisplayName("Engine.IO pings are answered: the connection outlives pingTimeout many times")
  void heartbeats(Vertx vertx) {
    server =
        NodeServer.start(
            "socketio-server.js", Map.of("PING_INTERVAL", "100", "PING_TIMEOUT", "300"));
    EventRecorder rec = new EventRecorder(vertx);
    deployFast(vertx, endpoint("secret", "echo"));

    rec.await(r -> ProtocolCounts.of(r, "c-1").heartbeatsReceived >= 10);

    ProtocolCounts p = ProtocolCounts.of(rec, "c-1");
    assertThat(p.heartbeatsSent).isEqualTo(p.heartbeatsReceived);
    assertThat(rec.of(EventType.DISCONNECTED)).isEmpty();
    assertThat(rec.totals("c-1")[1]).as("pings are not messages").isZero();
  }

  @Test
  @DisplayName(
      "--seq-field/--ts-field: feed metrics per event, each event's own sequence (a gap on news; a"
          + " duplicate and a late arrival on prices)")
  void channelFeeds(Vertx vertx) {
    server = NodeServer.start("socketio-server.js", Map.of());
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionOptions options =
        endpoint("secret", "feeds")
            .setFeedOptions(
                new FeedOptions().setSeqField("seq").setTsField("ts").setTsUnit(TimestampUnit.MS));
    Connection c = deployFast(vertx, options).connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    assertThat(c.request("10", Duration.ofSeconds(10)).await()).isEqualTo("431[\"started\"]");

    // news: 1..10 without 4 = 9 messages; prices: 1,2,4,5,3,6,7,7,8,9,10 = 11 messages
    rec.await(r -> ProtocolCounts.of(r, "c-1").messages("prices") == 11);
    rec.await(
        r -> {
          ProtocolCounts p = ProtocolCounts.of(r, "c-1");
          return p.channelFeeds.containsKey("news")
              && p.channelFeeds.get("news")[4] == 9
              && p.channelFeeds.containsKey("prices")
              && p.channelFeeds.get("prices")[4] == 11;
        });
    ProtocolCounts p = ProtocolCounts.of(rec, "c-1");
    assertThat(p.messages("news")).isEqualTo(9);
    assertThat(p.channelFeeds).containsOnlyKeys("news", "prices");
    // gaps, missing, duplicates, out of order, e2e count
    assertThat(p.channelFeeds.get("news")).containsExactly(1, 1, 0, 0, 9);
    assertThat(p.channelFeeds.get("prices")).containsExactly(0, 0, 1, 1, 11);
  }

  @Test
  @DisplayName(
      "a namespace other than / (/chat): joined with auth, 20 acked echoes and the 20 news events"
          + " that follow them, equal to the server's counts")
  void namespace(Vertx vertx) {
    server =
        NodeServer.start(
            "socketio-server.js", Map.of("NAMESPACE", "/chat", "NEWS_AFTER_ECHO", "1"));
    EventRecorder rec = new EventRecorder(vertx);
    Connection c = deployFast(vertx, endpoint("secret", "echo", "/chat")).connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    List<Future<String>> replies = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      replies.add(c.request("{\"n\":" + i + "}", Duration.ofSeconds(10)));
    }
    Future.all(replies).await();

    assertThat(replies.get(3).result()).isEqualTo("43/chat,4[{\"n\":3}]");
    rec.await(r -> ProtocolCounts.of(r, "c-1").messages("news") == 20);
    JsonObject seen = server.stats();
    assertThat(seen.getInteger("echo")).isEqualTo(20);
    assertThat(seen.getInteger("news")).isEqualTo(20);
    rec.await(r -> r.totals("c-1")[EventRecorder.RECEIVED] == 40);
    assertThat(rec.totals("c-1")[EventRecorder.SENT]).isEqualTo(20);
    assertThat(ProtocolCounts.of(rec, "c-1").rttCount).isEqualTo(20);
  }

  @Test
  @DisplayName(
      "the server disconnects the socket (namespace DISCONNECT): a disconnection with 1000 and the"
          + " reason, reconnected with a new session; the server's connections equal the successes")
  void serverDisconnect(Vertx vertx) {
    server = NodeServer.start("socketio-server.js", Map.of());
    EventRecorder rec = new EventRecorder(vertx);
    Connection c =
        deployFast(vertx, endpoint("secret", "kick").setReconnectPolicy(fastPolicy(5)))
            .connection("c-1");
    for (int k = 1; k <= 3; k++) {
      int connected = k;
      rec.await(r -> r.count(EventType.CONNECTED) == connected);
      c.sendText("1").await();
      rec.await(r -> r.count(EventType.DISCONNECTED) == connected);
    }
    rec.await(r -> r.count(EventType.CONNECTED) == 4);

    assertThat(rec.of(EventType.DISCONNECTED))
        .hasSize(3)
        .allSatisfy(
            e -> {
              assertThat(e.closeCode()).isEqualTo(1000);
              assertThat(e.reason())
                  .isEqualTo("socketio: disconnected by the server (namespace /)");
            });
    JsonObject seen = server.stats();
    assertThat(seen.getInteger("kicks")).isEqualTo(3);
    assertThat(seen.getInteger("connections")).isEqualTo(4);
    assertThat(seen.getInteger("disconnects")).isEqualTo(3);
    rec.await(r -> r.totals("c-1")[EventRecorder.SENT] == 3);
    assertThat(rec.totals("c-1")[EventRecorder.RECEIVED]).isZero();
  }
}
