package dev.wsmon.core.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A part of the warm-up that runs once: the first call starts it, every call gets the same future,
 * which completes (never fails) when the part ends, fails, or has taken {@code timeoutMillis}.
 */
public final class WarmUpOnce {

  private final long timeoutMillis;
  private final AtomicReference<Future<Void>> done = new AtomicReference<>();

  /**
   * @param timeoutMillis the longest the part may take (ms)
   */
  public WarmUpOnce(long timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  /** Starts {@code part} the first time; the future of the first call every time. */
  public Future<Void> run(Supplier<Future<?>> part) {
    Future<Void> existing = done.get();
    if (existing != null) {
      return existing;
    }
    Promise<Void> promise = Promise.promise();
    if (!done.compareAndSet(null, promise.future())) {
      return done.get();
    }
    // a timer outside Vert.x: it must fire even when the Vert.x instance is closed meanwhile
    CompletableFuture.delayedExecutor(timeoutMillis, TimeUnit.MILLISECONDS)
        .execute(() -> promise.tryComplete());
    try {
      part.get().onComplete(ar -> promise.tryComplete());
    } catch (RuntimeException e) {
      promise.tryComplete();
    }
    return promise.future();
  }

  /** Whether the part was started and is over. */
  public boolean isDone() {
    Future<Void> f = done.get();
    return f != null && f.isComplete();
  }
}
