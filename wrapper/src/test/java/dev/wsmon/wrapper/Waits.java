package dev.wsmon.wrapper;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;

/** Waiting on conditions without sleeping: a periodic check on the event loop, with a timeout. */
public final class Waits {

  private Waits() {}

  /**
   * Completes with the first value of {@code probe} accepted by {@code done}, checking every 20 ms;
   * fails after {@code timeout} with the last value seen.
   */
  public static <T> Future<T> until(
      Vertx vertx,
      Supplier<Future<T>> probe,
      java.util.function.Predicate<T> done,
      Duration timeout) {
    Promise<T> promise = Promise.promise();
    long deadline = System.nanoTime() + timeout.toNanos();
    Object[] last = new Object[1];
    boolean[] busy = new boolean[1];
    vertx.setPeriodic(
        20,
        id -> {
          if (promise.future().isComplete()) {
            vertx.cancelTimer(id);
            return;
          }
          if (System.nanoTime() - deadline > 0) {
            vertx.cancelTimer(id);
            promise.tryFail("condition not met within " + timeout + "; last value: " + last[0]);
            return;
          }
          if (busy[0]) {
            return;
          }
          busy[0] = true;
          probe
              .get()
              .onComplete(
                  ar -> {
                    busy[0] = false;
                    if (ar.succeeded()) {
                      last[0] = ar.result();
                      if (done.test(ar.result())) {
                        promise.tryComplete(ar.result());
                      }
                    } else {
                      last[0] = ar.cause();
                    }
                  });
        });
    return promise.future();
  }
}
