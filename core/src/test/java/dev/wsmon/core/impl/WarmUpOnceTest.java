package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
@DisplayName("a warm-up part runs once and never fails")
class WarmUpOnceTest {

  @Test
  @DisplayName("the first call starts it; every call gets the same future")
  void once() {
    WarmUpOnce once = new WarmUpOnce(5_000);
    AtomicInteger started = new AtomicInteger();
    Promise<Void> part = Promise.promise();
    Future<Void> first =
        once.run(
            () -> {
              started.incrementAndGet();
              return part.future();
            });
    assertThat(once.isDone()).isFalse();
    assertThat(once.run(() -> Future.failedFuture("not again"))).isSameAs(first);
    part.complete();
    assertThat(first.succeeded()).isTrue();
    assertThat(once.isDone()).isTrue();
    assertThat(started).hasValue(1);
  }

  @Test
  @DisplayName("a failed or throwing part completes it: the run goes on cold")
  void failures() {
    assertThat(new WarmUpOnce(5_000).run(() -> Future.failedFuture("no port")).succeeded())
        .isTrue();
    assertThat(
            new WarmUpOnce(5_000)
                .run(
                    () -> {
                      throw new IllegalStateException("Vert.x closed");
                    })
                .succeeded())
        .isTrue();
  }

  @Test
  @DisplayName("a part that never ends is given up on after the timeout")
  void timeout() {
    Future<Void> f = new WarmUpOnce(50).run(() -> Promise.promise().future());
    assertThat(f.isComplete()).isFalse();
    f.await();
    assertThat(f.succeeded()).isTrue();
  }
}
