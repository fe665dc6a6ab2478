package dev.wsmon.core.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Waits, bounded, until the JIT compilers of this JVM are idle: the warm-up makes the handshake
 * path hot, and C2 then compiles it for hundreds of milliseconds on a core the first counted
 * handshakes need (docs/reliability.md). Idle means the compiler threads used less than {@link
 * #BUSY_NANOS} ns of CPU in the last {@link #WINDOW_MS} ms (Linux: {@code
 * /proc/self/task/<tid>/schedstat} of the {@code C1/C2 CompilerThread}s); elsewhere, that the total
 * compilation time did not grow over the window (it grows only when a compilation ends).
 */
public final class JitQuiet {

  /** The window over which the compilers must be idle: {@value} ms. */
  static final long WINDOW_MS = 20;

  /** Compiler CPU in a window that still counts as idle: {@value} ns. */
  static final long BUSY_NANOS = 2_000_000;

  /** How often the compilers' figure is read: every {@value} ms. */
  static final long POLL_MS = 5;

  private static final Path TASKS = Path.of("/proc/self/task");

  private final LongSupplier compilerNanos;

  JitQuiet(LongSupplier compilerNanos) {
    this.compilerNanos = compilerNanos;
  }

  /** The compilers' CPU time (ns), or their total compilation time (ns) where that is unknown. */
  static JitQuiet forThisJvm() {
    List<Path> compilers = compilerThreads();
    if (!compilers.isEmpty()) {
      // the threads are found once: a poll reads two small files, not every thread's name
      return new JitQuiet(() -> cpuNanos(compilers));
    }
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit != null && jit.isCompilationTimeMonitoringSupported()) {
      return new JitQuiet(() -> jit.getTotalCompilationTime() * 1_000_000);
    }
    return new JitQuiet(() -> 0);
  }

  /**
   * Completes (never fails) once the compilers have been idle for a window, or after {@code
   * maxMillis}; the value is the time waited (ms).
   *
   * @param vertx whose timers poll
   * @param maxMillis the longest wait (ms), at least 0
   */
  public static Future<Long> await(Vertx vertx, long maxMillis) {
    return forThisJvm().awaitIdle(vertx, maxMillis);
  }

  Future<Long> awaitIdle(Vertx vertx, long maxMillis) {
    Promise<Long> idle = Promise.promise();
    long start = System.nanoTime();
    // the compilers' figure at each of the last polls, oldest overwritten first
    long[] window = new long[(int) (WINDOW_MS / POLL_MS)];
    Arrays.fill(window, compilerNanos.getAsLong());
    int[] polls = {0};
    try {
      vertx.setPeriodic(
          POLL_MS,
          id -> {
            long now = compilerNanos.getAsLong();
            int n = ++polls[0];
            long oldest = window[n % window.length];
            window[n % window.length] = now;
            long waited = (System.nanoTime() - start) / 1_000_000;
            boolean full = n >= window.length;
            if ((full && now - oldest < BUSY_NANOS) || waited >= maxMillis) {
              vertx.cancelTimer(id);
              idle.tryComplete(waited);
            }
          });
    } catch (RuntimeException closed) {
      idle.tryComplete(0L); // a closed Vert.x: nothing to wait for
    }
    return idle.future();
  }

  /** CPU time of this JVM's JIT compiler threads (ns), or -1 when it cannot be read. */
  static long compilerThreadNanos() {
    List<Path> compilers = compilerThreads();
    return compilers.isEmpty() ? -1 : cpuNanos(compilers);
  }

  /** The {@code /proc} task directories of this JVM's JIT compiler threads; empty if unknown. */
  static List<Path> compilerThreads() {
    List<Path> compilers = new ArrayList<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        try {
          if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
            compilers.add(task);
          }
        } catch (IOException gone) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    return compilers;
  }

  /** The CPU time (ns) the threads ran, from their {@code schedstat}; an ended one counts 0. */
  static long cpuNanos(List<Path> threads) {
    long sum = 0;
    for (Path task : threads) {
      try {
        String stat = Files.readString(task.resolve("schedstat"));
        int space = stat.indexOf(' ');
        sum += Long.parseLong(space < 0 ? stat.trim() : stat.substring(0, space));
      } catch (IOException | RuntimeException gone) {
        // a compiler thread that ended (dynamic compiler threads) uses no more CPU
      }
    }
    return sum;
  }
}
