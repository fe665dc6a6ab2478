package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PendingWrites: each write reported once, in order, with its own outcome")
class PendingWritesTest {

  private final List<String> reports = new ArrayList<>();
  private final PendingWrites writes =
      new PendingWrites(
          (tag, failure) -> reports.add(tag + (failure == null ? "" : " " + failure.getMessage())));

  @Test
  @DisplayName(
      "a batch completed in order is reported in order with one listener wake-up or two, not one"
          + " per write; a failure in the middle keeps its own reason")
  void batchInOrder() {
    List<Promise<Void>> batch = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      Promise<Void> p = Promise.promise();
      batch.add(p);
      writes.add(p.future(), i);
    }
    for (int i = 0; i < 64; i++) {
      if (i == 10) {
        batch.get(i).fail("encoder failed");
      } else {
        batch.get(i).complete();
      }
    }
    assertThat(reports).hasSize(64);
    assertThat(reports.get(9)).isEqualTo("9");
    assertThat(reports.get(10)).isEqualTo("10 encoder failed");
    assertThat(reports.get(63)).isEqualTo("63");
    assertThat(writes.size()).isZero();
    assertThat(writes.wakeUps()).isLessThanOrEqualTo(2);
  }

  @Test
  @DisplayName(
      "a write that fails at once while older ones are pending is reported after them, and"
          + " a closed socket's pending writes each fail")
  void failedAtOnceWaitsForOlder() {
    Promise<Void> first = Promise.promise();
    Promise<Void> second = Promise.promise();
    writes.add(first.future(), 1);
    writes.add(second.future(), 2);
    writes.add(Future.failedFuture("WebSocket is closed"), 3);
    assertThat(reports).isEmpty();

    first.complete();
    assertThat(reports).containsExactly("1");
    second.fail("closed");
    assertThat(reports).containsExactly("1", "2 closed", "3 WebSocket is closed");
    assertThat(writes.size()).isZero();
  }

  @Test
  @DisplayName(
      "writes added while reports run (a failed request's listener sends again) are"
          + " reported too")
  void addedWhileReporting() {
    List<String> seen = new ArrayList<>();
    PendingWrites[] self = new PendingWrites[1];
    List<Promise<Void>> later = new ArrayList<>();
    self[0] =
        new PendingWrites(
            (tag, failure) -> {
              seen.add(tag + (failure == null ? "" : " failed"));
              if (tag < 3) {
                Promise<Void> next = Promise.promise();
                later.add(next);
                self[0].add(next.future(), tag + 10);
                self[0].add(Future.succeededFuture(), tag + 20);
              }
            });
    Promise<Void> p = Promise.promise();
    self[0].add(p.future(), 1);
    p.fail("boom");
    assertThat(seen).containsExactly("1 failed");
    later.get(0).complete();
    assertThat(seen).containsExactly("1 failed", "11", "21");
    assertThat(self[0].size()).isZero();
  }

  @Test
  @DisplayName("writes already complete when added are reported at once; the ring grows")
  void completeAtOnceAndGrowth() {
    for (int i = 0; i < 100; i++) {
      writes.add(Future.succeededFuture(), i);
    }
    assertThat(reports).hasSize(100);
    List<Promise<Void>> pending = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Promise<Void> p = Promise.promise();
      pending.add(p);
      writes.add(p.future(), 1000 + i);
    }
    assertThat(writes.size()).isEqualTo(1000);
    pending.forEach(Promise::complete);
    assertThat(reports).hasSize(1100).endsWith("1999");
  }
}
