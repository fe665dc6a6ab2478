package dev.wsmon.core;

import static dev.wsmon.core.ConnectionLifecycleTest.fastPolicy;
import static dev.wsmon.core.ConnectionLifecycleTest.pause;
import static dev.wsmon.core.TrafficTest.deployFast;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("feed monitoring against a pushing server")
class FeedTest {

  private final List<String> clients = new ArrayList<>();

  @AfterEach
  void undeployClientsFirst(Vertx vertx) {
    clients.forEach(id -> vertx.undeploy(id).otherwiseEmpty().await());
  }

  private ConnectionVerticle client(Vertx vertx, ConnectionOptions options) {
    ConnectionVerticle verticle = deployFast(vertx, options);
    clients.add(verticle.deploymentID());
    return verticle;
  }

  /** The feed deltas of one connection summed: gaps (net), missing, dups, ooo, resets, unparsed. */
  static long[] feedTotals(EventRecorder rec, String id) {
    long[] t = new long[6];
    for (TrafficBatch b : rec.batches()) {
      for (ConnectionDelta d : b.deltas()) {
        FeedDelta f = d.feed();
        if (d.connectionId().equals(id) && f != null) {
          t[0] += f.gaps() - f.filled();
          t[1] += f.missing();
          t[2] += f.duplicates();
          t[3] += f.outOfOrder();
          t[4] += f.resets();
          t[5] += f.unparsed();
        }
      }
    }
    return t;
  }

  static Histogram e2e(EventRecorder rec) {
    Histogram all = LatencyHistograms.create();
    rec.batches().stream()
        .flatMap(b -> b.deltas().stream())
        .filter(d -> d.feed() != null && d.feed().e2e() != null)
        .forEach(d -> all.add(d.feed().e2e()));
    return all;
  }

  @Test
  @DisplayName("push with gap-every=10, dup-every=7, reorder-every=13: exact counts after 200")
  void injectedFaults(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    server.faults(FaultSpec.parse("push=1000/s:gap-every=10:dup-every=7:reorder-every=13"));
    EventRecorder rec = new EventRecorder(vertx);
    Connection c =
        client(
                vertx,
                new ConnectionOptions(server.uri("/feed"))
                    .setFeedOptions(new FeedOptions().setSeqField("seq")))
            .connection("c-1");
    AtomicInteger count = new AtomicInteger();
    // the handler runs on the connection's loop right after the message was counted; closing
    // there makes exactly the first 200 messages count in the feed (messages already on their way
    // still count as received, but the feed judges only what arrived while open)
    c.textMessageHandler(
        s -> {
          if (count.incrementAndGet() == 200) {
            c.close();
          }
        });
    rec.await(r -> r.totals("c-1")[1] >= 200 && r.count(EventType.CLOSED) == 1);
    pause(vertx, 100); // one more flush interval: the last feed delta is in the same batch anyway

    // PushSequencer's first 200 messages end at seq 194 (…189, 191, 192, 193, 194):
    // gaps: 10, 20, …, 190 never sent (19 gaps of one number each);
    // duplicates: multiples of 7 up to 189 except 70 and 140 (gaps): 27 - 2 = 25;
    // out of order: multiples of 13 up to 194 except 130 (a gap): 14 - 1 = 13, each sent after
    // its successor, which had opened a gap the late one then filled (so not in gaps/missing);
    // 91 = 7 × 13 arrives twice after 92: once out of order, once a duplicate only.
    long[] t = feedTotals(rec, "c-1");
    assertThat(t[0]).as("gaps").isEqualTo(19);
    assertThat(t[1]).as("missing").isEqualTo(19);
    assertThat(t[2]).as("duplicates").isEqualTo(25);
    assertThat(t[3]).as("out of order").isEqualTo(13);
    assertThat(t[4]).as("resets").isZero();
    assertThat(t[5]).as("unparsed").isZero();
    server.close().await();
  }

  @Test
  @DisplayName("a reconnect whose sequence restarts at 1 is one reset, not a gap")
  void resetAfterReconnect(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    server.faults(FaultSpec.parse("push=500/s").setCloseAfter(1, 4000, "bye"));
    EventRecorder rec = new EventRecorder(vertx);
    Connection c =
        client(
                vertx,
                new ConnectionOptions(server.uri("/feed"))
                    .setFeedOptions(new FeedOptions().setSeqField("seq"))
                    .setReconnectPolicy(fastPolicy(3)))
            .connection("c-1");
    AtomicInteger count = new AtomicInteger();
    c.textMessageHandler(
        s -> {
          int n = count.incrementAndGet();
          if (n == 20) {
            c.sendText("not json"); // the server echoes it, then closes with 4000
          }
        });
    rec.await(r -> r.count(EventType.CONNECTED) == 2 && r.totals("c-1")[1] >= 60);
    rec.await(r -> feedTotals(r, "c-1")[4] == 1);

    long[] t = feedTotals(rec, "c-1");
    assertThat(t[0]).as("gaps").isZero();
    assertThat(t[1]).as("missing").isZero();
    assertThat(t[2]).as("duplicates").isZero();
    assertThat(t[3]).as("out of order").isZero();
    assertThat(t[4]).as("resets").isEqualTo(1);
    assertThat(t[5]).as("unparsed: the echo").isEqualTo(1);
    server.close().await();
  }

  @Test
  @DisplayName("silence over maxSilence raises STALE once; the next message clears it")
  void stale(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    EventRecorder rec = new EventRecorder(vertx);
    Connection c =
        client(
                vertx,
                new ConnectionOptions(server.uri("/quiet"))
                    .setFeedOptions(new FeedOptions().setMaxSilence(Duration.ofMillis(200))))
            .connection("c-1");
    rec.await(r -> r.count(EventType.STALE) == 1);
    ConnectionEvent stale = rec.of(EventType.STALE).get(0);
    assertThat(stale.durationMs()).isGreaterThan(200.0);
    assertThat(stale.reason()).contains("maxSilence 200ms");
    assertThat(stale.state()).isEqualTo(ConnectionState.CONNECTED);
    rec.await(r -> staleFlags(r).contains(Boolean.TRUE));
    pause(vertx, 600); // three more silence limits: still one event
    assertThat(rec.count(EventType.STALE)).isEqualTo(1);

    c.sendText("hello").await();
    rec.await(r -> staleFlags(r).contains(Boolean.FALSE));
    assertThat(staleFlags(rec)).startsWith(Boolean.TRUE, Boolean.FALSE);
    // silent again: a new episode, a second event
    rec.await(r -> r.count(EventType.STALE) == 2);
    server.close().await();
  }

  private static List<Boolean> staleFlags(EventRecorder rec) {
    List<Boolean> flags = new ArrayList<>();
    rec.batches().stream()
        .flatMap(b -> b.deltas().stream())
        .filter(d -> d.feed() != null && d.feed().stale() != null)
        .forEach(d -> flags.add(d.feed().stale()));
    return flags;
  }

  @Test
  @DisplayName("a server stamping its clock 50 ms in the past: e2e p50 >= 50 ms")
  void endToEndLatency(Vertx vertx) {
    HttpServer server =
        vertx
            .createHttpServer()
            .webSocketHandler(
                ws -> {
                  long[] seq = {0};
                  long timer =
                      vertx.setPeriodic(
                          5,
                          t ->
                              ws.writeTextMessage(
                                  new JsonObject()
                                      .put(
                                          "data",
                                          new JsonObject()
                                              .put("seq", ++seq[0])
                                              .put("ts", System.currentTimeMillis() - 50))
                                      .encode()));
                  ws.closeHandler(v -> vertx.cancelTimer(timer));
                })
            .listen(0, "127.0.0.1")
            .await();
    EventRecorder rec = new EventRecorder(vertx);
    client(
        vertx,
        new ConnectionOptions("ws://127.0.0.1:" + server.actualPort() + "/")
            .setFeedOptions(
                new FeedOptions()
                    .setSeqField("data.seq")
                    .setTsField("data.ts")
                    .setTsUnit(TimestampUnit.MS)));
    rec.await(r -> e2e(r).getTotalCount() >= 50);

    Histogram h = e2e(rec);
    assertThat(h.getValueAtPercentile(50)).isGreaterThanOrEqualTo(50_000);
    assertThat(h.getMinValue()).isGreaterThanOrEqualTo(49_000); // ms timestamps truncate
    assertThat(h.getValueAtPercentile(50)).isLessThan(5_000_000);
    long[] t = feedTotals(rec, "c-1");
    assertThat(t[0] + t[2] + t[3] + t[5]).as("no gaps, dups, reorders, unparsed").isZero();
    Histogram inter = LatencyHistograms.create();
    rec.batches().stream()
        .flatMap(b -> b.deltas().stream())
        .filter(d -> d.feed() != null && d.feed().interArrival() != null)
        .forEach(d -> inter.add(d.feed().interArrival()));
    assertThat(inter.getTotalCount()).isGreaterThan(0);
    server.close().await();
  }
}
