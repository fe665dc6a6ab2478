package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(10)
@DisplayName("waiting for the JIT to go idle")
class JitQuietTest {

  @Test
  @DisplayName("idle compilers: done after one window")
  void idle(Vertx vertx) {
    long waited = new JitQuiet(() -> 42).awaitIdle(vertx, 5_000).await();
    assertThat(waited).isBetween(JitQuiet.WINDOW_MS, 5_000L);
  }

  @Test
  @DisplayName("busy compilers: done at the bound")
  void busy(Vertx vertx) {
    AtomicLong cpu = new AtomicLong();
    // 4 ms of compiler CPU per read: always busier than the threshold over a window
    long waited = new JitQuiet(() -> cpu.addAndGet(4_000_000)).awaitIdle(vertx, 200).await();
    assertThat(waited).isGreaterThanOrEqualTo(200);
  }

  @Test
  @DisplayName("compilers that go idle: done a window later, before the bound")
  void goesIdle(Vertx vertx) {
    AtomicLong cpu = new AtomicLong();
    AtomicLong reads = new AtomicLong();
    long waited =
        new JitQuiet(() -> reads.incrementAndGet() < 20 ? cpu.addAndGet(4_000_000) : cpu.get())
            .awaitIdle(vertx, 5_000)
            .await();
    // the 19th read is the last busy one: a window of polls after it
    assertThat(reads.get()).isGreaterThanOrEqualTo(19 + JitQuiet.WINDOW_MS / JitQuiet.POLL_MS);
    assertThat(waited).isLessThan(5_000);
  }

  @Test
  @DisplayName("a closed Vert.x: nothing to wait for")
  void closed() {
    Vertx closed = Vertx.vertx();
    closed.close().await();
    assertThat(new JitQuiet(() -> 0).awaitIdle(closed, 5_000).await()).isZero();
  }

  @Test
  @DisplayName("on Linux it reads the compiler threads' CPU time, which grows")
  void compilerThreads() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")));
    long before = JitQuiet.compilerThreadNanos();
    assertThat(before).isPositive();
    // give the JIT something to compile
    long sum = 0;
    for (int i = 0; i < 2_000_000; i++) {
      sum += Integer.toString(i).hashCode();
    }
    assertThat(sum).isNotZero();
    assertThat(JitQuiet.compilerThreadNanos()).isGreaterThanOrEqualTo(before);
  }
}
