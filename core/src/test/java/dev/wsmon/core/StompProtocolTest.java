package dev.wsmon.core;

import static dev.wsmon.core.ConnectionLifecycleTest.fastPolicy;
import static dev.wsmon.core.TrafficTest.deployFast;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.protocol.Protocol;
import dev.wsmon.core.protocol.ProtocolOperation;
import dev.wsmon.core.protocol.ProtocolOptions;
import dev.wsmon.core.protocol.StompOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.UsernamePasswordCredentials;
import io.vertx.ext.stomp.Command;
import io.vertx.ext.stomp.StompServer;
import io.vertx.ext.stomp.StompServerHandler;
import io.vertx.ext.stomp.StompServerOptions;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("STOMP 1.2 against Vert.x's own STOMP server (vertx-stomp, WebSocket bridge)")
class StompProtocolTest {

  /** A vertx-stomp broker behind its WebSocket bridge; counts the frames it received and wrote. */
  static final class Broker {
    final Map<Command, AtomicLong> received = new ConcurrentHashMap<>();
    final Map<Command, AtomicLong> written = new ConcurrentHashMap<>();
    final int port;

    /** When set, the broker stops sending its heart-beats (it still reads and answers frames). */
    volatile boolean silent;

    Broker(Vertx vertx, int heartbeatMs) {
      this(vertx, heartbeatMs, heartbeatMs);
    }

    /**
     * @param sendMs the broker's heart-beat offer (CONNECTED {@code heart-beat} x)
     * @param expectMs the heart-beats it wants from the client (y); it closes after twice that
     */
    Broker(Vertx vertx, int sendMs, int expectMs) {
      // vertx-stomp's handler captures the current context: build it on one
      Promise<Integer> listening = Promise.promise();
      vertx.runOnContext(v -> start(vertx, sendMs, expectMs).onComplete(listening));
      port = listening.future().await();
    }

    private Future<Integer> start(Vertx vertx, int sendMs, int expectMs) {
      StompServerHandler handler =
          StompServerHandler.create(vertx)
              .authProvider(
                  credentials -> {
                    UsernamePasswordCredentials c = (UsernamePasswordCredentials) credentials;
                    return "guest".equals(c.getUsername()) && "guest".equals(c.getPassword())
                        ? Future.succeededFuture(User.fromName(c.getUsername()))
                        : Future.failedFuture("bad credentials");
                  })
              .pingHandler(
                  connection -> {
                    if (!silent) {
                      connection.ping();
                    }
                  })
              .receivedFrameHandler(
                  f ->
                      received
                          .computeIfAbsent(f.frame().getCommand(), k -> new AtomicLong())
                          .incrementAndGet());
      StompServer stomp =
          StompServer.create(
                  vertx,
                  new StompServerOptions()
                      .setWebsocketBridge(true)
                      .setWebsocketPath("/stomp")
                      .setSecured(true)
                      .setHeartbeat(new JsonObject().put("x", sendMs).put("y", expectMs)))
              .handler(handler)
              .writingFrameHandler(
                  f ->
                      written
                          .computeIfAbsent(f.frame().getCommand(), k -> new AtomicLong())
                          .incrementAndGet());
      HttpServer http =
          vertx
              .createHttpServer(
                  new HttpServerOptions()
                      .setWebSocketSubProtocols(List.of("v10.stomp", "v11.stomp", "v12.stomp")))
              .webSocketHandshakeHandler(stomp.webSocketHandshakeHandler())
              .webSocketHandler(stomp.webSocketHandler());
      return http.listen(0, "127.0.0.1").map(HttpServer::actualPort);
    }

    long received(Command c) {
      AtomicLong n = received.get(c);
      return n == null ? 0 : n.get();
    }

    long written(Command c) {
      AtomicLong n = written.get(c);
      return n == null ? 0 : n.get();
    }

    String uri() {
      return "ws://127.0.0.1:" + port + "/stomp";
    }
  }

  static ConnectionOptions endpoint(String uri, String passcode, Duration heartbeat) {
    return new ConnectionOptions(uri)
        .setReconnectPolicy(fastPolicy(1))
        .setProtocolOptions(
            new ProtocolOptions()
                .setProtocol(Protocol.STOMP)
                .setStomp(
                    new StompOptions()
                        .setLogin("guest")
                        .setPasscode(passcode)
                        .setDestination("/topic/x")
                        .setHeartbeatOutgoing(heartbeat)
                        .setHeartbeatIncoming(heartbeat)));
  }

  @Test
  @DisplayName(
      "CONNECT, auto SUBSCRIBE, 30 SENDs with receipts: 30 round trips by receipt id, 30 MESSAGEs"
          + " on /topic/x, equal to the broker's counts; DISCONNECT with receipt at the end")
  void sendWithReceipts(Vertx vertx) {
    Broker broker = new Broker(vertx, 1000);
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle v =
        deployFast(vertx, endpoint(broker.uri(), "guest", Duration.ofSeconds(10)));
    Connection c = v.connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    List<Future<String>> replies = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      replies.add(c.request("{\"n\":" + i + "}", Duration.ofSeconds(10)));
    }
    Future.all(replies).await();
    assertThat(replies.get(0).result()).startsWith("RECEIPT\n").contains("receipt-id:1\n");

    rec.await(r -> ProtocolCounts.of(r, "c-1").messages("/topic/x") == 30);
    assertThat(broker.received(Command.SEND)).isEqualTo(30);
    assertThat(broker.received(Command.SUBSCRIBE)).isEqualTo(1);
    assertThat(broker.written(Command.MESSAGE)).isEqualTo(30);
    assertThat(broker.written(Command.RECEIPT)).isEqualTo(30);
    rec.await(r -> r.totals("c-1")[1] == 60 && ProtocolCounts.of(r, "c-1").rttCount == 30);
    assertThat(rec.totals("c-1")[0]).as("SEND frames only").isEqualTo(30);
    ProtocolCounts p = ProtocolCounts.of(rec, "c-1");
    assertThat(p.name).isEqualTo("stomp");
    assertThat(p.handshakes).isEqualTo(1);

    vertx.undeploy(v.deploymentID()).await();
    assertThat(broker.received(Command.DISCONNECT)).isEqualTo(1);
    assertThat(broker.written(Command.RECEIPT)).isEqualTo(31);
  }

  @Test
  @DisplayName(
      "a wrong login fails the attempt with the broker's ERROR message, retried, never a success")
  void wrongLogin(Vertx vertx) {
    Broker broker = new Broker(vertx, 1000);
    EventRecorder rec = new EventRecorder(vertx);
    deployFast(vertx, endpoint(broker.uri(), "wrong", Duration.ofSeconds(10)));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);

    assertThat(rec.of(EventType.FAILED))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.reason()).startsWith("ERROR: Authentication failed"));
    assertThat(rec.of(EventType.CONNECTED)).isEmpty();
    assertThat(broker.received(Command.CONNECT) + broker.received(Command.STOMP)).isEqualTo(2);
    assertThat(broker.written(Command.ERROR)).isEqualTo(2);
  }

  @Test
  @DisplayName("heart-beats are negotiated and flow both ways; the broker keeps the connection")
  void heartbeats(Vertx vertx) {
    Broker broker = new Broker(vertx, 100);
    EventRecorder rec = new EventRecorder(vertx);
    deployFast(vertx, endpoint(broker.uri(), "guest", Duration.ofMillis(100)));

    rec.await(
        r ->
            ProtocolCounts.of(r, "c-1").heartbeatsReceived >= 5
                && ProtocolCounts.of(r, "c-1").heartbeatsSent >= 5);

    assertThat(rec.of(EventType.DISCONNECTED)).isEmpty();
    assertThat(rec.totals("c-1")[1]).as("heart-beats are not messages").isZero();
  }

  @Test
  @DisplayName(
      "heart-beats negotiated, then the broker stops sending them: PING_TIMEOUT, then a"
          + " disconnection with 1006, like a missing pong")
  void heartbeatSilence(Vertx vertx) {
    // the broker beats every 100 ms and wants wsmon's every 500 ms (so a loaded machine does not
    // make the broker close first)
    Broker broker = new Broker(vertx, 100, 500);
    EventRecorder rec = new EventRecorder(vertx);
    deployFast(
        vertx,
        endpoint(broker.uri(), "guest", Duration.ofMillis(100)).setReconnectPolicy(fastPolicy(0)));
    rec.await(r -> ProtocolCounts.of(r, "c-1").heartbeatsReceived >= 3);

    broker.silent = true;
    rec.await(r -> r.count(EventType.DISCONNECTED) == 1);

    assertThat(rec.of(EventType.PING_TIMEOUT)).hasSize(1);
    ConnectionEvent lost = rec.of(EventType.DISCONNECTED).get(0);
    assertThat(lost.closeCode()).isEqualTo(1006);
    // as stomp.js: silence for twice the negotiated 100 ms, at least the period + 1 s
    assertThat(lost.reason())
        .isEqualTo("heartbeat silence: no STOMP frame or heart-beat within 1100 ms");
    rec.await(r -> ProtocolCounts.of(r, "c-1").errors.getOrDefault("heartbeat silence", 0L) == 1);
  }

  @Test
  @DisplayName(
      "an ERROR frame on an open session (a second SUBSCRIBE with id sub-0): counted in"
          + " protocol.errors with the broker's message, the disconnection that follows names it;"
          + " receipts owed then are abandoned, the accounting still adds up")
  void errorFrameOnAnOpenSession(Vertx vertx) {
    Broker broker = new Broker(vertx, 1000);
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionOptions options =
        endpoint(broker.uri(), "guest", Duration.ofSeconds(10)).setReconnectPolicy(fastPolicy(0));
    Connection c = deployFast(vertx, options).connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);
    assertThat(c.request("{\"n\":1}", Duration.ofSeconds(10)).await()).startsWith("RECEIPT\n");

    c.protocolChannel().send(ProtocolOperation.stompSubscribe("/topic/x", "sub-0")).await();

    rec.await(r -> r.count(EventType.DISCONNECTED) == 1);
    ConnectionEvent lost = rec.of(EventType.DISCONNECTED).get(0);
    rec.await(
        r ->
            ProtocolCounts.of(r, "c-1").errors.keySet().stream()
                .anyMatch(k -> k.startsWith("ERROR: ")));
    ProtocolCounts p = ProtocolCounts.of(rec, "c-1");
    assertThat(p.errors).hasSize(1);
    String reason = p.errors.keySet().iterator().next();
    assertThat(p.errors.get(reason)).isEqualTo(1);
    assertThat(lost.reason()).startsWith(reason);
    assertThat(broker.written(Command.ERROR)).isEqualTo(1);
    assertThat(broker.received(Command.SUBSCRIBE)).isEqualTo(2);
    rec.await(r -> r.count(EventType.GAVE_UP) == 1);
    long[] t = rec.totals("c-1");
    assertThat(t[EventRecorder.SENT]).as("the SEND and the step's SUBSCRIBE").isEqualTo(2);
    assertThat(t[EventRecorder.ANSWERED]).isEqualTo(1);
    assertThat(t[EventRecorder.RECEIVED])
        .as("the RECEIPT and the MESSAGE; not the ERROR")
        .isEqualTo(2);
  }
}
