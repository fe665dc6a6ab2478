package dev.wsmon.testkit.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting on conditions without sleeping: a periodic check on the event loop, with a timeout. */
public final class Waits {

  /** How often the probe is asked, in milliseconds. */
  public static final long PERIOD_MS = 20;

  private Waits() {}

  /**
   * Completes with the first value of {@code probe} accepted by {@code done}, asking every {@link
   * #PERIOD_MS} ms (never while the previous answer is pending); fails after {@code timeout} with
   * the last value or failure seen.
   *
   * @param vertx where the periodic check runs
   * @param probe asked for the current value
   * @param done whether a value ends the wait
   * @param timeout how long to wait at most
   * @param <T> the probe's value
   * @return the accepted value, or a failure naming the timeout and the last value
   */
  public static <T> Future<T> until(
      Vertx vertx, Supplier<Future<T>> probe, Predicate<T> done, Duration timeout) {
    Promise<T> promise = Promise.promise();
    long deadline = System.nanoTime() + timeout.toNanos();
    Object[] last = new Object[1];
    boolean[] busy = new boolean[1];
    vertx.setPeriodic(
        PERIOD_MS,
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
