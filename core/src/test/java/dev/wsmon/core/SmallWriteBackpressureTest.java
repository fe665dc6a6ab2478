package dev.wsmon.core;

import static dev.wsmon.core.EventRecorder.FAILURES;
import static dev.wsmon.core.EventRecorder.SENT;
import static dev.wsmon.core.TrafficTest.burst;
import static dev.wsmon.core.TrafficTest.deployLoop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.TrafficTest.Burst;
import dev.wsmon.core.TrafficTest.LoopVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Backpressure with messages far smaller than the socket's write queue (Netty's 64 KB high-water
 * mark): the check before each send reads the channel's writability without the socket's lock, so
 * it must still engage after a few dozen 1 KB writes, not only for writes that fill the queue
 * alone. 40 000 sends of 1 KB in one event-loop turn (40 MB, more than the kernel's socket buffers
 * take) against a server that never reads.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("backpressure with small messages: the queue check engages within one high-water mark")
class SmallWriteBackpressureTest {

  private static final int SENDS = 40_000;
  private static final int SIZE = 1024;
  // Netty's default high-water mark over the message size (about 75 wait there in practice: part
  // of the oldest is in the kernel, and a write is pending until all of it left)
  private static final long QUEUE_MESSAGES = 64 * 1024 / SIZE;

  @Test
  @DisplayName("FAIL: sends fail 'write queue full' once about 64 KB of 1 KB messages wait")
  void failMode(Vertx vertx) {
    RawWebSocketServer server = new RawWebSocketServer(vertx, true, s -> {}).start();
    EventRecorder rec = new EventRecorder(vertx);
    LoopVerticle verticle =
        deployLoop(
            vertx,
            new ConnectionOptions(server.uri())
                .setSendOptions(new SendOptions().setBackpressure(Backpressure.FAIL)));
    Connection c = verticle.connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    Burst burst = burst(verticle, c, Buffer.buffer(new byte[SIZE]), SENDS);

    assertThat(burst.failed()).isNotEmpty();
    assertThat(burst.failed())
        .allSatisfy(f -> assertThat(f.cause()).hasMessageContaining("write queue full"));
    assertThat(burst.sends().get(SENDS - 1).failed()).isTrue();
    // without a working check every write would wait in Netty's buffer: thousands pending
    assertThat(burst.pendingAtEnd()).isBetween(QUEUE_MESSAGES / 2, 2 * QUEUE_MESSAGES);
  }

  @Test
  @DisplayName(
      "WAIT: at most maxPendingWrites small sends wait, later ones fail 'send buffer full'; every"
          + " send is counted as sent or failed")
  void waitMode(Vertx vertx) {
    RawWebSocketServer server = new RawWebSocketServer(vertx, true, s -> {}).start();
    EventRecorder rec = new EventRecorder(vertx);
    LoopVerticle verticle =
        deployLoop(
            vertx,
            new ConnectionOptions(server.uri())
                .setSendOptions(new SendOptions().setMaxPendingWrites(10)));
    Connection c = verticle.connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    Burst burst = burst(verticle, c, Buffer.buffer(new byte[SIZE]), SENDS);
    List<Future<Void>> sends = burst.sends();

    assertThat(burst.failed()).isNotEmpty();
    assertThat(burst.failed())
        .allSatisfy(f -> assertThat(f.cause()).hasMessageContaining("send buffer full"));
    assertThat(sends.get(SENDS - 1).failed()).isTrue();
    // the 10 waiting in wsmon, plus the writes Netty holds for the full socket
    assertThat(burst.pendingAtEnd()).isBetween(10 + QUEUE_MESSAGES / 2, 10 + 2 * QUEUE_MESSAGES);

    vertx.undeploy(verticle.deploymentID()).await();
    assertThat(sends).allSatisfy(f -> assertThat(f.isComplete()).isTrue());
    rec.await(r -> r.totals("c-1")[SENT] + r.totals("c-1")[FAILURES] == SENDS);
    long[] t = rec.totals("c-1");
    assertThat(t[SENT]).isEqualTo(sends.stream().filter(Future::succeeded).count());
    assertThat(t[FAILURES]).isEqualTo(sends.stream().filter(Future::failed).count());
  }
}
