package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.internal.TrafficCounters;
import io.vertx.core.Completable;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RequestCorrelator: a ring of requests, each ending once")
class RequestCorrelatorTest {

  private static final long SECOND = 1_000_000_000L;

  private final TrafficCounters counters = new TrafficCounters();
  private final RequestCorrelator requests = new RequestCorrelator(counters);

  /** Records each outcome as "ok:reply" or "fail:reason". */
  private static final class Outcomes implements Completable<String> {
    final List<String> seen = new ArrayList<>();

    @Override
    public void complete(String reply, Throwable failure) {
      seen.add(failure == null ? "ok:" + reply : "fail:" + failure.getMessage());
    }
  }

  private int add(String key, long sentAt, Outcomes listener) {
    return requests.add("p", false, key, sentAt, sentAt, false, SECOND, listener);
  }

  @Test
  @DisplayName("FIFO: replies go to the oldest request, across ring growth and wrap-around")
  void fifoAcrossGrowth() {
    Outcomes out = new Outcomes();
    int answered = 0;
    for (int i = 0; i < 100; i++) {
      int seq = add(null, i, out);
      requests.written(seq, null);
      if (i % 3 == 2) {
        assertThat(requests.replyToOldest("r" + answered, 1000)).isTrue();
        answered++;
      }
    }
    while (requests.replyToOldest("r" + answered, 1000)) {
      answered++;
    }
    assertThat(answered).isEqualTo(100);
    assertThat(out.seen).hasSize(100);
    for (int i = 0; i < 100; i++) {
      assertThat(out.seen.get(i)).isEqualTo("ok:r" + i);
    }
    assertThat(requests.isEmpty()).isTrue();
    assertThat(requests.rtt.take().getTotalCount()).isEqualTo(100);
  }

  @Test
  @DisplayName("keys: a reply answers the oldest request with its key, wherever it is")
  void keyed() {
    Outcomes a = new Outcomes();
    Outcomes b = new Outcomes();
    for (int i = 0; i < 20; i++) {
      requests.written(add("k" + i, 0, i % 2 == 0 ? a : b), null);
    }
    assertThat(requests.replyTo("k7", "seven", 5)).isTrue();
    assertThat(requests.replyTo("k7", "again", 5)).isFalse();
    assertThat(requests.replyTo("k0", "zero", 5)).isTrue();
    assertThat(requests.replyTo("nope", "x", 5)).isFalse();
    assertThat(b.seen).containsExactly("ok:seven");
    assertThat(a.seen).containsExactly("ok:zero");
    assertThat(requests.size()).isEqualTo(18);
  }

  @Test
  @DisplayName("a timeout counts once: at once when written, when the write succeeds otherwise")
  void timeouts() {
    Outcomes out = new Outcomes();
    int written = add(null, 0, out);
    requests.written(written, null);
    int underWay = add(null, 0, out);
    int failing = add(null, 0, out);
    requests.expire(SECOND);
    assertThat(counters.requestTimeouts).isEqualTo(1);
    assertThat(out.seen).containsExactly("fail:request timed out after 1s");
    assertThat(requests.isEmpty()).isTrue();

    requests.written(underWay, null);
    assertThat(counters.requestTimeouts).isEqualTo(2);
    requests.written(failing, new IllegalStateException("closed"));
    assertThat(counters.requestTimeouts).isEqualTo(2);
    assertThat(out.seen)
        .containsExactly(
            "fail:request timed out after 1s",
            "fail:request timed out after 1s",
            "fail:request not sent: closed");
    assertThat(requests.replyToOldest("late", 2 * SECOND)).isFalse();
  }

  @Test
  @DisplayName("abandon: written requests always; unwritten ones only when no reconnect follows")
  void abandon() {
    Outcomes out = new Outcomes();
    requests.written(add(null, 0, out), null);
    int unwritten = add(null, 0, out);
    requests.abandon("connection lost", false);
    assertThat(counters.requestsAbandoned).isEqualTo(1);
    assertThat(out.seen).containsExactly("fail:connection lost: request abandoned");
    assertThat(requests.size()).isEqualTo(1);

    requests.abandon("connection closed", true);
    assertThat(requests.size()).isZero();
    assertThat(counters.requestsAbandoned).isEqualTo(1);
    requests.written(unwritten, null);
    assertThat(counters.requestsAbandoned).isEqualTo(2);
    assertThat(out.seen).last().isEqualTo("fail:connection closed: request abandoned");
  }

  @Test
  @DisplayName("a request that never left ends as not sent, and a later write report is ignored")
  void notSent() {
    Outcomes out = new Outcomes();
    int seq = add(null, 0, out);
    requests.notSent(seq, "send buffer full");
    requests.written(seq, null);
    assertThat(out.seen).containsExactly("fail:request not sent: send buffer full");
    assertThat(counters.isZero()).isTrue();
  }

  @Test
  @DisplayName("scheduled requests: RTT from the intended time, actual RTT and send lag too")
  void scheduled() {
    Outcomes out = new Outcomes();
    int seq = requests.add("p", false, null, 3_000_000, 1_000_000, true, SECOND, out);
    requests.written(seq, null);
    requests.replyToOldest("r", 10_000_000);
    assertThat(requests.rtt.take().getMaxValue()).isBetween(8990L, 9010L);
    assertThat(requests.rttActual.take().getMaxValue()).isBetween(6990L, 7010L);
    assertThat(requests.sendLag.take().getMaxValue()).isBetween(1990L, 2010L);
  }

  @Test
  @DisplayName("a listener sees the reply's arrival time as the clock, and may send at once")
  void clockDuringDispatch() {
    long[] seen = new long[2];
    Completable<String> chain =
        new Completable<>() {
          @Override
          public void complete(String reply, Throwable failure) {
            seen[0] = requests.clock();
            seen[1] = add(null, seen[0], new Outcomes());
          }
        };
    requests.add("p", false, null, 0, 0, false, SECOND, chain);
    requests.replyToOldest("r", 42);
    assertThat(seen[0]).isEqualTo(42);
    assertThat(requests.size()).isEqualTo(1);
  }

  @Test
  @DisplayName("a FIFO round trip allocates no object per request once the ring has grown")
  void noObjectPerRequest() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Outcomes out = new Outcomes();
    Completable<String> ignore = (r, f) -> {};
    for (int round = 0; round < 3; round++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 100_000; i++) {
        int seq = requests.add("p", false, null, i, i, false, SECOND, ignore);
        requests.written(seq, null);
        requests.replyToOldest("r", i + 1000);
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      if (round == 2) {
        // an object per request would be at least 100 000 x 16 bytes
        assertThat(allocated).isLessThan(100_000L);
      }
    }
    assertThat(out.seen).isEmpty();
  }

  @Test
  @DisplayName(
      "each outcome reaches its own request's listener when listeners repeat, mix, and change"
          + " after the ring empties")
  void mixedListeners() {
    Outcomes a = new Outcomes();
    Outcomes b = new Outcomes();
    Outcomes c = new Outcomes();
    for (Outcomes l : List.of(a, a, b, a, b, b)) {
      requests.written(add(null, 0, l), null);
    }
    for (int i = 0; i < 6; i++) {
      assertThat(requests.replyToOldest("r" + i, 10)).isTrue();
    }
    assertThat(a.seen).containsExactly("ok:r0", "ok:r1", "ok:r3");
    assertThat(b.seen).containsExactly("ok:r2", "ok:r4", "ok:r5");
    // the ring emptied: a new first listener, then the old one, which times out, and one abandoned
    requests.written(add(null, 0, c), null);
    requests.written(add(null, 0, a), null);
    int notWritten = add(null, 0, c);
    requests.expire(SECOND);
    requests.abandon("closed", true);
    requests.written(notWritten, null);
    assertThat(c.seen).hasSize(2).allMatch(o -> o.startsWith("fail:request timed out"));
    assertThat(a.seen).hasSize(4).last().asString().startsWith("fail:request timed out");
    assertThat(counters.requestTimeouts).isEqualTo(3);
    assertThat(requests.isEmpty()).isTrue();
  }
}
