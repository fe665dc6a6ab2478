package dev.wsmon.core.impl;

import dev.wsmon.core.ConnectionEvent;
import io.vertx.core.Vertx;

/** What a connection needs from the verticle that owns it. */
public interface ConnectionHost {

  Vertx vertx();

  /** Whether the caller runs on the verticle's event loop. */
  boolean onLoop();

  /** Runs {@code task} on the verticle's event loop. */
  void runOnLoop(Runnable task);

  /** Publishes a lifecycle event on {@code <ns>.events}. */
  void publish(ConnectionEvent event);
}
