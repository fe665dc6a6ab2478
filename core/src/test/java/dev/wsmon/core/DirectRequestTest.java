package dev.wsmon.core;

import static dev.wsmon.core.TrafficTest.deployLoop;
import static dev.wsmon.core.TrafficTest.merged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.TrafficTest.LoopVerticle;
import dev.wsmon.core.impl.ConnectionImpl;
import io.vertx.core.Completable;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("requests without a Future (the load generator's path): replies, failures, clock")
class DirectRequestTest {

  private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

  /** Sends {@code total} requests one after the other, each from the previous one's listener. */
  private static final class Chain implements Completable<String> {
    final ConnectionImpl connection;
    final int total;
    final List<String> replies = new ArrayList<>();
    final List<long[]> clockPairs = new ArrayList<>();
    final Promise<List<String>> done = Promise.promise();

    Chain(ConnectionImpl connection, int total) {
      this.connection = connection;
      this.total = total;
    }

    void next() {
      connection.requestOnLoop("req " + replies.size(), TIMEOUT_NANOS, connection.clock(), this);
    }

    @Override
    public void complete(String reply, Throwable failure) {
      if (failure != null) {
        done.tryFail(failure);
        return;
      }
      clockPairs.add(new long[] {connection.clock(), connection.clock()});
      replies.add(reply);
      if (replies.size() == total) {
        done.complete(replies);
      } else {
        next();
      }
    }
  }

  @Test
  @DisplayName(
      "50 chained requests: each reply in order, each RTT recorded, sends counted; inside a listener"
          + " the clock is the reply's arrival time")
  void chained(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    EventRecorder rec = new EventRecorder(vertx);
    LoopVerticle verticle = deployLoop(vertx, new ConnectionOptions(server.uri()));
    ConnectionImpl c = (ConnectionImpl) verticle.connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    Chain chain = new Chain(c, 50);
    verticle.onLoop(
        () -> {
          chain.next();
          return null;
        });
    List<String> replies = chain.done.future().await();

    for (int i = 0; i < 50; i++) {
      assertThat(replies.get(i)).isEqualTo("req " + i);
    }
    assertThat(chain.clockPairs).allSatisfy(p -> assertThat(p[0]).isEqualTo(p[1]));
    rec.await(r -> merged(r, false).getTotalCount() == 50 && r.totals("c-1")[0] == 50);
    assertThat(rec.totals("c-1")[1]).isEqualTo(50);
    assertThat(verticle.onLoop(c::clock)).isPositive();
  }

  @Test
  @DisplayName(
      "a request that cannot be made fails its listener once, before requestOnLoop returns")
  void failsAtOnce(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    EventRecorder rec = new EventRecorder(vertx);
    LoopVerticle verticle =
        deployLoop(
            vertx,
            new ConnectionOptions(server.uri())
                .setSendOptions(new SendOptions().setCorrelation(Correlation.none())));
    ConnectionImpl c = (ConnectionImpl) verticle.connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    List<String> failures =
        verticle.onLoop(
            () -> {
              List<String> seen = new ArrayList<>();
              c.requestOnLoop(
                  "x",
                  TIMEOUT_NANOS,
                  c.clock(),
                  (reply, failure) -> seen.add(failure == null ? "ok" : failure.getMessage()));
              return seen;
            });

    assertThat(failures).containsExactly("request needs a correlation, but correlation is none");
  }

  @Test
  @DisplayName("an unanswered request times out once and is counted; a late reply changes nothing")
  void timesOutOnce(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    server.echoDelayMs = 400;
    EventRecorder rec = new EventRecorder(vertx);
    LoopVerticle verticle = deployLoop(vertx, new ConnectionOptions(server.uri()));
    ConnectionImpl c = (ConnectionImpl) verticle.connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    List<String> outcomes = new ArrayList<>();
    Promise<Void> first = Promise.promise();
    verticle.onLoop(
        () -> {
          c.requestOnLoop(
              "late",
              Duration.ofMillis(100).toNanos(),
              c.clock(),
              (reply, failure) -> {
                outcomes.add(failure == null ? reply : failure.getMessage());
                first.tryComplete();
              });
          return null;
        });
    first.future().await();
    // the late echo arrives after the timeout: it matches nothing and is only counted as received
    rec.await(r -> r.totals("c-1")[1] == 1);

    assertThat(verticle.onLoop(() -> List.copyOf(outcomes)))
        .containsExactly("request timed out after 100ms");
    assertThat(rec.totals("c-1")[5]).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "a scheduled request sent 300 ms after its intended time (a stalled client): rtt_ms counts"
          + " the stall, rtt_actual does not, send_lag holds it")
  void scheduledRequestMeasuresFromTheIntendedTime(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    EventRecorder rec = new EventRecorder(vertx);
    LoopVerticle verticle = deployLoop(vertx, new ConnectionOptions(server.uri()));
    ConnectionImpl c = (ConnectionImpl) verticle.connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    Promise<String> reply = Promise.promise();
    long stallNanos = TimeUnit.MILLISECONDS.toNanos(300);
    verticle.onLoop(
        () -> {
          c.scheduledRequestOnLoop("due", TIMEOUT_NANOS, System.nanoTime() - stallNanos, reply);
          return null;
        });
    assertThat(reply.future().await()).isEqualTo("due");

    rec.await(
        r -> r.batches().stream().flatMap(b -> b.deltas().stream()).anyMatch(d -> d.rtt() != null));
    ConnectionDelta d =
        rec.batches().stream()
            .flatMap(b -> b.deltas().stream())
            .filter(x -> x.rtt() != null)
            .findFirst()
            .orElseThrow();
    long rttMicros = d.rtt().getMaxValue();
    long actualMicros = d.rttActual().getMaxValue();
    long lagMicros = d.sendLag().getMaxValue();
    assertThat(d.rtt().getTotalCount()).isEqualTo(1);
    assertThat(d.rttActual().getTotalCount()).isEqualTo(1);
    assertThat(lagMicros).isBetween(299_000L, 302_000L);
    assertThat(rttMicros).isGreaterThanOrEqualTo(300_000L);
    assertThat(actualMicros).isLessThan(rttMicros - 290_000L);
  }

  @Test
  @DisplayName("an unscheduled request has no rtt_actual and no send lag")
  void unscheduledRequestHasNoLag(Vertx vertx) {
    TestServer server = new TestServer(vertx).start();
    EventRecorder rec = new EventRecorder(vertx);
    LoopVerticle verticle = deployLoop(vertx, new ConnectionOptions(server.uri()));
    Connection c = verticle.connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1);

    assertThat(c.request("plain", Duration.ofSeconds(5)).await()).isEqualTo("plain");

    rec.await(r -> merged(r, false).getTotalCount() == 1);
    assertThat(rec.batches().stream().flatMap(b -> b.deltas().stream()))
        .allSatisfy(
            x -> {
              assertThat(x.rttActual()).isNull();
              assertThat(x.sendLag()).isNull();
            });
  }
}
