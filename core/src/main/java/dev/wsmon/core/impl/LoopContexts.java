package dev.wsmon.core.impl;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;

/**
 * A context on each event loop of a Vert.x instance: the warm-up runs its handshakes on every loop,
 * because Netty keeps per-thread state (handler masks found by reflection, allocator magazines)
 * that the first handshake on a loop otherwise builds inside a counted attempt.
 */
final class LoopContexts {

  private LoopContexts() {}

  /** One event-loop context per event loop; the current or a new context when they are unknown. */
  static List<Context> of(Vertx vertx) {
    List<Context> contexts = new ArrayList<>();
    if (vertx instanceof VertxInternal internal) {
      for (EventExecutor executor : internal.nettyEventLoopGroup()) {
        if (executor instanceof EventLoop loop) {
          contexts.add(internal.contextBuilder().withEventLoop(loop).build());
        }
      }
    }
    if (contexts.isEmpty()) {
      contexts.add(vertx.getOrCreateContext());
    }
    return contexts;
  }
}
