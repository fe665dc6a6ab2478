package dev.wsmon.core.impl;

import dev.wsmon.core.ConnectionEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/** What a connection needs from the verticle that owns it. */
public interface ConnectionHost {

  Vertx vertx();

  /** Whether the caller runs on the verticle's event loop. */
  boolean onLoop();

  /** Runs {@code task} on the verticle's event loop. */
  void runOnLoop(Runnable task);

  /** Publishes a lifecycle event on {@code <ns>.events}. */
  void publish(ConnectionEvent event);

  /** Runs {@code task} now when on the event loop, else there. */
  default void onLoop(Runnable task) {
    if (onLoop()) {
      task.run();
    } else {
      runOnLoop(task);
    }
  }

  /** Runs {@code task} on the event loop (now when already there) and completes with its result. */
  default <T> Future<T> onLoop(Supplier<Future<T>> task) {
    if (onLoop()) {
      return task.get();
    }
    Promise<T> promise = Promise.promise();
    runOnLoop(
        () -> {
          try {
            task.get().onComplete(promise);
          } catch (RuntimeException e) {
            promise.tryFail(e);
          }
        });
    return promise.future();
  }
}
