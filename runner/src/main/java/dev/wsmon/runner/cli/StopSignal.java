package dev.wsmon.runner.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits for Ctrl-C or SIGTERM (or a test duration) in a long-running command; the JVM shutdown then
 * waits up to a grace period for the command's cleanup, which ends with {@link #close()}.
 */
final class StopSignal implements AutoCloseable {

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread hook;

  StopSignal(String name, Duration grace) {
    hook =
        new Thread(
            () -> {
              stopped.countDown();
              try {
                done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            name);
  }

  /** Installs the shutdown hook. */
  void install() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Blocks until a stop signal, or until {@code duration} has passed when it is not null. */
  void await(Duration duration) throws InterruptedException {
    if (duration != null) {
      stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } else {
      stopped.await();
    }
  }

  /** Removes the hook (unless the JVM is already shutting down) and releases a waiting shutdown. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // called from the hook's own shutdown; a hook never installed is simply not removed
    }
    done.countDown();
  }
}
