package dev.wsmon.core;

import static dev.wsmon.core.ConnectionLifecycleTest.deploy;
import static dev.wsmon.core.ConnectionLifecycleTest.fastPolicy;
import static dev.wsmon.core.EventRecorder.BYTES_RECEIVED;
import static dev.wsmon.core.EventRecorder.BYTES_SENT;
import static dev.wsmon.core.EventRecorder.FAILURES;
import static dev.wsmon.core.EventRecorder.PROTOCOL;
import static dev.wsmon.core.EventRecorder.RECEIVED;
import static dev.wsmon.core.EventRecorder.SENT;
import static dev.wsmon.core.EventRecorder.TIMEOUTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("traffic: sends, counting, backpressure, ping/pong, correlation, batches")
class TrafficTest {

  static ConnectionVerticle deployFast(Vertx vertx, ConnectionOptions... endpoints) {
    ConnectionVerticleOptions options =
        new ConnectionVerticleOptions().setFlushInterval(Duration.ofMillis(50));
    for (ConnectionOptions e : endpoints) {
      options.addEndpoint(e);
    }
    ConnectionVerticle verticle = new ConnectionVerticle(options);
    vertx.deployVerticle(verticle).await();
    return verticle;
  }

  static Histogram merged(EventRecorder rec, boolean ping) {
    Histogram all = LatencyHistograms.create();
    for (TrafficBatch b : rec.batches()) {
      for (ConnectionDelta d : b.deltas()) {
        Histogram h = ping ? d.pingRtt() : d.rtt();
        if (h != null) {
          all.add(h);
        }
      }
    }
    return all;
  }

  @Test
  @DisplayName(
      "100 echoed messages: 100 sent, 100 received, exact bytes both ways, equal to the server's counts")
  void echoCounts(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    EventRecorder rec = new EventRecorder(vertx);
    Connection c = deployFast(vertx, new ConnectionOptions(server.uri())).connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);
    AtomicInteger received = new AtomicInteger();
    c.textMessageHandler(s -> received.incrementAndGet());
    List<String> messages = new ArrayList<>();
    long bytes = 0;
    for (int i = 0; i < 100; i++) {
      String m = "message é€ " + "x".repeat(i);
      messages.add(m);
      bytes += m.getBytes(StandardCharsets.UTF_8).length;
    }
    List<Future<Void>> sends = new ArrayList<>();
    messages.forEach(m -> sends.add(c.sendText(m)));
    Future.all(sends).await();

    long expectedBytes = bytes;
    rec.await(r -> r.totals("c-1")[RECEIVED] == 100 && r.totals("c-1")[SENT] == 100);

    long[] t = rec.totals("c-1");
    assertThat(t[BYTES_SENT]).isEqualTo(expectedBytes).isEqualTo(server.bytesReceived.get());
    assertThat(t[BYTES_RECEIVED]).isEqualTo(expectedBytes).isEqualTo(server.bytesSent.get());
    assertThat(t[SENT]).isEqualTo(server.messagesReceived.get());
    assertThat(t[RECEIVED]).isEqualTo(server.messagesSent.get());
    assertThat(t[FAILURES]).isZero();
    assertThat(received.get()).isEqualTo(100);
    assertThat(rec.batches()).allSatisfy(b -> assertThat(b.deltas()).isNotEmpty());
  }

  @Test
  @DisplayName("binary messages and the message handler count payload bytes")
  void binary(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    EventRecorder rec = new EventRecorder(vertx);
    Connection c = deployFast(vertx, new ConnectionOptions(server.uri())).connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);
    List<Buffer> got = new CopyOnWriteArrayList<>();
    List<Buffer> all = new CopyOnWriteArrayList<>();
    c.binaryMessageHandler(got::add).messageHandler(all::add);

    c.sendBinary(Buffer.buffer(new byte[] {1, 2, 3})).await();
    c.sendText("héllo").await();
    rec.await(r -> r.totals("c-1")[RECEIVED] == 2);

    assertThat(got).containsExactly(Buffer.buffer(new byte[] {1, 2, 3}));
    assertThat(all).hasSize(2);
    assertThat(all.get(1).toString()).isEqualTo("héllo");
    assertThat(rec.totals("c-1")[BYTES_SENT]).isEqualTo(3 + 6);
    assertThat(rec.totals("c-1")[BYTES_RECEIVED]).isEqualTo(3 + 6);
  }

  @Test
  @DisplayName("sends during an outage fail and are counted; none vanish; a bounded buffer waits")
  void outage(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    EventRecorder rec = new EventRecorder(vertx);
    Connection c =
        deployFast(
                vertx,
                new ConnectionOptions(server.uri())
                    .setSendOptions(new SendOptions().setSendBufferSize(3))
                    .setReconnectPolicy(
                        fastPolicy(-1).setMaxReconnectDelay(Duration.ofMillis(100))))
            .connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);
    for (int i = 0; i < 5; i++) {
      c.sendText("before " + i).await();
    }
    // the echoes must be back first: a server shutting down still reads, but no longer echoes
    rec.await(r -> r.totals("c-1")[RECEIVED] == 5);
    server.stop().await();
    rec.await(r -> r.count(EventType.DISCONNECTED) == 1);

    List<Future<Void>> during = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      during.add(c.sendText("during " + i));
    }
    Future.join(during.subList(3, 5)).otherwiseEmpty().await();
    long failedNow = during.stream().filter(Future::failed).count();
    assertThat(failedNow).isEqualTo(2);
    assertThat(during.get(4).cause()).hasMessageContaining("send buffer full");
    server.start();
    Future.join(during).otherwiseEmpty().await();

    rec.await(r -> r.totals("c-1")[SENT] + r.totals("c-1")[FAILURES] == 10);
    rec.await(r -> r.totals("c-1")[RECEIVED] == 8);
    long[] t = rec.totals("c-1");
    assertThat(t[SENT]).isEqualTo(8);
    assertThat(t[FAILURES]).isEqualTo(2);
    assertThat(during.subList(0, 3)).allSatisfy(f -> assertThat(f.succeeded()).isTrue());
    assertThat(server.messagesReceived.get()).isEqualTo(8);
  }

  @Test
  @DisplayName("not connected and no buffer: the send fails at once naming the state")
  void notConnected(Vertx vertx) {
    EventRecorder rec = new EventRecorder(vertx);
    int port = ConnectionLifecycleTest.freePort(vertx);
    Connection c =
        deployFast(
                vertx,
                new ConnectionOptions("ws://127.0.0.1:" + port + "/")
                    .setReconnectPolicy(fastPolicy(0)))
            .connection("c-1");
    rec.await(r -> r.count(EventType.GAVE_UP) == 1);

    Future<Void> f = c.sendText("x");
    Future<String> r = c.request("x", Duration.ofSeconds(1));
    Future.join(f, r).otherwiseEmpty().await();

    assertThat(f.cause()).hasMessage("not connected: connection c-1 is GAVE_UP");
    assertThat(r.cause()).hasMessageContaining("request not sent");
    rec.await(x -> x.totals("c-1")[FAILURES] == 2);
  }

  /** A connection verticle whose event-loop context a test can run code on. */
  static final class LoopVerticle extends ConnectionVerticle {

    LoopVerticle(ConnectionVerticleOptions options) {
      super(options);
    }

    /**
     * Runs {@code action} on this verticle's event loop and waits (off the loop) for its result.
     */
    <T> T onLoop(java.util.function.Supplier<T> action) {
      Promise<T> result = Promise.promise();
      context.runOnContext(v -> result.complete(action.get()));
      return result.future().await();
    }
  }

  static LoopVerticle deployLoop(Vertx vertx, ConnectionOptions endpoint) {
    LoopVerticle verticle =
        new LoopVerticle(
            new ConnectionVerticleOptions()
                .setFlushInterval(Duration.ofMillis(50))
                .addEndpoint(endpoint));
    vertx.deployVerticle(verticle).await();
    return verticle;
  }

  /** The sends of a burst, and how many of them were still pending when the burst's turn ended. */
  record Burst(List<Future<Void>> sends, long pendingAtEnd) {

    List<Future<Void>> failed() {
      return sends.stream().filter(Future::failed).toList();
    }
  }

  /**
   * Issues {@code count} sends within one turn of the connection's event loop: Netty cannot flush
   * in between, so once the socket stops accepting, writability cannot come back during the burst
   * and the outcome does not depend on how loaded the machine is. (After the turn the kernel may
   * still take more, so what is pending is counted inside the turn.)
   */
  static Burst burst(LoopVerticle verticle, Connection c, Buffer chunk, int count) {
    return verticle.onLoop(
        () -> {
          List<Future<Void>> sends = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            sends.add(c.sendBinary(chunk));
          }
          return new Burst(sends, sends.stream().filter(f -> !f.isComplete()).count());
        });
  }

  @Test
  @DisplayName("a never-reading server: FAIL fails sends once the write queue is full")
  void backpressureFail(Vertx vertx) {
    RawWebSocketServer server = new RawWebSocketServer(vertx, true, s -> {}).start();
    EventRecorder rec = new EventRecorder(vertx);
    LoopVerticle verticle =
        deployLoop(
            vertx,
            new ConnectionOptions(server.uri())
                .setSendOptions(new SendOptions().setBackpressure(Backpressure.FAIL)));
    Connection c = verticle.connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    Burst burst = burst(verticle, c, Buffer.buffer(new byte[65536]), 400);

    assertThat(burst.failed()).isNotEmpty();
    assertThat(burst.failed())
        .allSatisfy(f -> assertThat(f.cause()).hasMessageContaining("write queue full"));
    assertThat(burst.pendingAtEnd()).isLessThan(64);
    assertThat(burst.sends().get(399).failed()).isTrue();
  }

  @Test
  @DisplayName(
      "a never-reading server: WAIT holds at most maxPendingWrites sends; stop fails them; none lost")
  void backpressureWait(Vertx vertx) {
    RawWebSocketServer server = new RawWebSocketServer(vertx, true, s -> {}).start();
    EventRecorder rec = new EventRecorder(vertx);
    LoopVerticle verticle =
        deployLoop(
            vertx,
            new ConnectionOptions(server.uri())
                .setSendOptions(new SendOptions().setMaxPendingWrites(10)));
    Connection c = verticle.connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    Burst burst = burst(verticle, c, Buffer.buffer(new byte[65536]), 400);
    List<Future<Void>> sends = burst.sends();

    assertThat(burst.failed()).isNotEmpty();
    assertThat(burst.failed())
        .allSatisfy(f -> assertThat(f.cause()).hasMessageContaining("send buffer full"));
    assertThat(sends.get(399).failed()).isTrue();
    // pending: the 10 queued by wsmon, plus the writes Vert.x and Netty hold for the full socket
    assertThat(burst.pendingAtEnd()).isBetween(10L, 10L + 64);
    assertThat(sends.stream().filter(Future::succeeded).count()).isPositive();

    vertx.undeploy(verticle.deploymentID()).await();
    assertThat(sends).allSatisfy(f -> assertThat(f.isComplete()).isTrue());
    rec.await(r -> r.totals("c-1")[SENT] + r.totals("c-1")[FAILURES] == 400);
    long[] t = rec.totals("c-1");
    assertThat(t[SENT]).isEqualTo(sends.stream().filter(Future::succeeded).count());
    assertThat(t[FAILURES]).isEqualTo(sends.stream().filter(Future::failed).count());
  }

  @Test
  @DisplayName("pongs withheld: PING_TIMEOUT, then DISCONNECTED 1006 and a reconnect")
  void pingTimeout(Vertx vertx) {
    RawWebSocketServer server = new RawWebSocketServer(vertx, false, s -> {}).start();
    EventRecorder rec = new EventRecorder(vertx);
    deployFast(
        vertx,
        new ConnectionOptions(server.uri())
            .setPingInterval(Duration.ofMillis(100))
            .setPongTimeout(Duration.ofMillis(300))
            .setReconnectPolicy(fastPolicy(3)));

    rec.await(r -> r.count(EventType.CONNECTED) == 2);

    assertThat(rec.types("c-1"))
        .startsWith(
            EventType.ATTEMPT,
            EventType.CONNECTED,
            EventType.PING_TIMEOUT,
            EventType.DISCONNECTED,
            EventType.RECONNECT_SCHEDULED,
            EventType.ATTEMPT,
            EventType.CONNECTED);
    ConnectionEvent lost = rec.of(EventType.DISCONNECTED).get(0);
    assertThat(lost.closeCode()).isEqualTo(1006);
    assertThat(lost.reason()).contains("ping timeout");
    assertThat(rec.of(EventType.PING_TIMEOUT).get(0).reason()).isEqualTo("no pong within 300ms");
  }

  @Test
  @DisplayName(
      "pongs answered: ping RTTs go to the pingRtt histogram; unsolicited pongs are ignored")
  void pingRtt(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    EventRecorder rec = new EventRecorder(vertx);
    deployFast(vertx, new ConnectionOptions(server.uri()).setPingInterval(Duration.ofMillis(50)));

    rec.await(r -> merged(r, true).getTotalCount() >= 5);

    assertThat(rec.count(EventType.PING_TIMEOUT)).isZero();
    assertThat(merged(rec, true).getMaxValue()).isLessThan(1_000_000);
  }

  @Test
  @DisplayName("echo delayed 20 ms: FIFO request RTT p50 within [20, 30] ms")
  void fifoRtt(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    server.echoDelayMs = 20;
    EventRecorder rec = new EventRecorder(vertx);
    Connection c = deployFast(vertx, new ConnectionOptions(server.uri())).connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    for (int i = 0; i < 30; i++) {
      assertThat(c.request("req " + i, Duration.ofSeconds(5)).await()).isEqualTo("req " + i);
    }
    rec.await(r -> merged(r, false).getTotalCount() == 30);

    double p50 = merged(rec, false).getValueAtPercentile(50) / 1000.0;
    assertThat(p50).isBetween(20.0, 30.0);
  }

  @Test
  @DisplayName("JSON-field correlation ignores a banner, pushes and unknown ids")
  void jsonCorrelation(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    server.banner = "{\"type\":\"welcome\"}";
    server.pushBeforeEcho = "{\"type\":\"push\",\"id\":999}";
    server.echoDelayMs = 10;
    EventRecorder rec = new EventRecorder(vertx);
    Connection c =
        deployFast(
                vertx,
                new ConnectionOptions(server.uri())
                    .setSendOptions(new SendOptions().setCorrelation(Correlation.jsonField("id"))))
            .connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    Future<String> one = c.request("{\"id\":1,\"q\":\"a\"}", Duration.ofSeconds(5));
    Future<String> two = c.request("{\"id\":\"two\",\"q\":\"b\"}", Duration.ofSeconds(5));
    Future<String> none = c.request("{\"q\":\"no id\"}", Duration.ofSeconds(5));
    Future.join(one, two, none).otherwiseEmpty().await();

    assertThat(one.result()).isEqualTo("{\"id\":1,\"q\":\"a\"}");
    assertThat(two.result()).isEqualTo("{\"id\":\"two\",\"q\":\"b\"}");
    assertThat(none.cause()).hasMessageContaining("no JSON field 'id'");
    rec.await(r -> r.totals("c-1")[RECEIVED] == 5);
    assertThat(merged(rec, false).getTotalCount()).isEqualTo(2);
  }

  @Test
  @DisplayName("custom predicate correlation; a request timeout fails and is counted")
  void customAndTimeout(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    EventRecorder rec = new EventRecorder(vertx);
    LoopVerticle verticle =
        deployLoop(
            vertx,
            new ConnectionOptions(server.uri())
                .setSendOptions(
                    new SendOptions()
                        .setCorrelation(
                            Correlation.custom((req, reply) -> reply.equals(req + "!")))));
    Connection c = verticle.connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    Future<String> f = c.request("ping", Duration.ofMillis(200));
    Future.join(List.of(f)).otherwiseEmpty().await();

    assertThat(f.cause()).hasMessage("request timed out after 200ms");
    rec.await(r -> r.totals("c-1")[TIMEOUTS] == 1);
    server.pushBeforeEcho = "pong!!";
    // both wait before any reply arrives: the echo of the first answers the second, and the push
    // that precedes it answers the first
    List<Future<String>> gh =
        verticle.onLoop(
            () ->
                List.of(
                    c.request("pong!", Duration.ofSeconds(10)),
                    c.request("pong", Duration.ofSeconds(10))));
    assertThat(gh.get(1).await()).isEqualTo("pong!");
    assertThat(gh.get(0).otherwise("timed out").await()).isEqualTo("pong!!");
  }

  @Test
  @DisplayName("over-size message: counted, PROTOCOL_ERROR; KEEP_OPEN stays open")
  void oversizeKeepOpen(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    EventRecorder rec = new EventRecorder(vertx);
    Connection c =
        deployFast(vertx, new ConnectionOptions(server.uri()).setMaxMessageSize(1000))
            .connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    c.sendText("big:2000").await();
    rec.await(r -> r.count(EventType.PROTOCOL_ERROR) == 1);
    assertThat(c.request("still there", Duration.ofSeconds(5)).await()).isEqualTo("still there");

    rec.await(r -> r.totals("c-1")[PROTOCOL] == 1);
    assertThat(rec.of(EventType.PROTOCOL_ERROR).get(0).reason()).contains("maxMessageSize 1000");
    assertThat(c.state()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(rec.count(EventType.DISCONNECTED)).isZero();
  }

  @Test
  @DisplayName("over-size message with CLOSE: disconnected with 1009 and reconnected")
  void oversizeClose(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    EventRecorder rec = new EventRecorder(vertx);
    Connection c =
        deployFast(
                vertx,
                new ConnectionOptions(server.uri())
                    .setMaxMessageSize(1000)
                    .setProtocolErrorPolicy(ProtocolErrorPolicy.CLOSE)
                    .setReconnectPolicy(fastPolicy(3)))
            .connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    c.sendText("big:2000").await();
    rec.await(r -> r.count(EventType.CONNECTED) == 2);

    ConnectionEvent lost = rec.of(EventType.DISCONNECTED).get(0);
    assertThat(lost.closeCode()).isEqualTo(1009);
    assertThat(rec.types("c-1"))
        .containsSubsequence(
            EventType.PROTOCOL_ERROR, EventType.DISCONNECTED, EventType.RECONNECT_SCHEDULED);
  }

  @Test
  @DisplayName(
      "invalid UTF-8 in a text message: delivered, counted as a protocol error, closed with 1007")
  void invalidUtf8(Vertx vertx) {
    byte[] bad = {'o', 'k', (byte) 0xC3, (byte) 0x28};
    RawWebSocketServer server =
        new RawWebSocketServer(
                vertx,
                false,
                s -> {
                  s.write(RawWebSocketServer.frame(1, "fine é".getBytes(StandardCharsets.UTF_8)));
                  s.write(RawWebSocketServer.frame(1, bad));
                })
            .start();
    EventRecorder rec = new EventRecorder(vertx);
    deployFast(
        vertx,
        new ConnectionOptions(server.uri())
            .setValidateUtf8(true)
            .setProtocolErrorPolicy(ProtocolErrorPolicy.CLOSE)
            .setReconnectPolicy(fastPolicy(0)));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1);
    rec.await(r -> r.totals("c-1")[PROTOCOL] == 1 && r.totals("c-1")[RECEIVED] == 2);

    assertThat(rec.of(EventType.PROTOCOL_ERROR).get(0).reason())
        .isEqualTo("invalid UTF-8 in a text message");
    assertThat(rec.of(EventType.DISCONNECTED).get(0).closeCode()).isEqualTo(1007);
  }

  @Test
  @DisplayName("batches carry exactly the per-connection deltas, only for connections that changed")
  void batchesPerConnection(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle =
        deployFast(vertx, new ConnectionOptions(server.uri()).setConnections(3));
    rec.await(r -> r.count(EventType.CONNECTED) == 3);

    for (int i = 0; i < 3; i++) {
      verticle.connection("c-1").sendText("a").await();
    }
    for (int i = 0; i < 5; i++) {
      verticle.connection("c-2").sendText("bb").await();
    }
    rec.await(r -> r.totals("c-1")[RECEIVED] == 3 && r.totals("c-2")[RECEIVED] == 5);

    assertThat(rec.totals("c-1")).containsExactly(3, 3, 3, 3, 0, 0, 0, 0, 0);
    assertThat(rec.totals("c-2")).containsExactly(5, 5, 10, 10, 0, 0, 0, 0, 0);
    assertThat(rec.batches())
        .allSatisfy(
            b -> {
              assertThat(b.source()).isEqualTo(verticle.deploymentID());
              assertThat(b.deltas()).isNotEmpty();
              assertThat(b.deltas())
                  .extracting(ConnectionDelta::connectionId)
                  .doesNotContain("c-3")
                  .doesNotHaveDuplicates();
              assertThat(b.deltas()).extracting(ConnectionDelta::group).containsOnly(server.uri());
            });
  }

  @Test
  @DisplayName("sends over the event bus: ok, unknown id, bad body, not connected")
  void eventBusSend(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    EventRecorder rec = new EventRecorder(vertx);
    ConnectionVerticle verticle =
        deploy(vertx, new ConnectionOptions(server.uri()).setReconnectPolicy(fastPolicy(0)));
    rec.await(r -> r.count(EventType.CONNECTED) == 1);
    String address = verticle.addresses().send();
    DeliveryOptions to1 = new DeliveryOptions().addHeader(Addresses.CONNECTION_ID_HEADER, "c-1");

    Object ok = vertx.eventBus().request(address, "hello", to1).await().body();
    Object okBinary = vertx.eventBus().request(address, Buffer.buffer("b"), to1).await().body();
    Throwable unknown =
        vertx
            .eventBus()
            .request(
                address,
                "x",
                new DeliveryOptions().addHeader(Addresses.CONNECTION_ID_HEADER, "c-9"))
            .map(m -> (Throwable) null)
            .otherwise(e -> e)
            .await();
    Throwable missing =
        vertx.eventBus().request(address, "x").map(m -> (Throwable) null).otherwise(e -> e).await();
    Throwable badBody =
        vertx
            .eventBus()
            .request(address, new JsonObject(), to1)
            .map(m -> (Throwable) null)
            .otherwise(e -> e)
            .await();
    server.closeCode = 4000;
    verticle.connection("c-1").close().await();
    Throwable closed =
        vertx
            .eventBus()
            .request(address, "x", to1)
            .map(m -> (Throwable) null)
            .otherwise(e -> e)
            .await();

    assertThat(ok).isEqualTo(new JsonObject().put("ok", true));
    assertThat(okBinary).isEqualTo(new JsonObject().put("ok", true));
    assertThat(((ReplyException) unknown).failureCode()).isEqualTo(404);
    assertThat(unknown).hasMessage("unknown connection id 'c-9'");
    assertThat(missing).hasMessageContaining("missing header connection_id");
    assertThat(((ReplyException) badBody).failureCode()).isEqualTo(400);
    assertThat(badBody).hasMessageContaining("bad body type JsonObject");
    assertThat(((ReplyException) closed).failureCode()).isEqualTo(503);
    assertThat(closed).hasMessageContaining("not connected");
    assertThat(server.messagesReceived.get()).isEqualTo(2);
  }
}
