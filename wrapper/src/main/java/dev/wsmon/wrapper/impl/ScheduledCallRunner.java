package dev.wsmon.wrapper.impl;

import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.wrapper.ScheduledCall;
import dev.wsmon.wrapper.impl.ScheduledCallStats.Outcome;
import dev.wsmon.wrapper.internal.TappedConnection;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the scheduled calls of a wrapper: timers for {@code at}/{@code every}, a consumer of {@code
 * <ns>.events} for {@code on}, and counts each run in {@link ScheduledCallStats}.
 */
public final class ScheduledCallRunner {

  private final Vertx vertx;
  private final String eventsAddress;
  private final List<ScheduledCall> calls;
  private final Function<String, TappedConnection> connections;
  private final Supplier<TappedConnection> defaultConnection;
  private final ScheduledCallStats stats;
  private final List<Long> timers = new ArrayList<>();
  private final Map<String, Integer> started = new HashMap<>();
  private MessageConsumer<ConnectionEvent> consumer;
  private volatile boolean stopped;

  public ScheduledCallRunner(
      Vertx vertx,
      String eventsAddress,
      List<ScheduledCall> calls,
      Function<String, TappedConnection> connections,
      Supplier<TappedConnection> defaultConnection,
      ScheduledCallStats stats) {
    this.vertx = vertx;
    this.eventsAddress = eventsAddress;
    this.calls = List.copyOf(calls);
    this.connections = connections;
    this.defaultConnection = defaultConnection;
    this.stats = stats;
    this.calls.forEach(c -> stats.register(c.getName()));
  }

  /** Registers the event consumer (before connections start, so no event is missed). */
  public Future<Void> prepare() {
    if (calls.stream().noneMatch(c -> c.getTrigger() == ScheduledCall.Trigger.ON_EVENT)) {
      return Future.succeededFuture();
    }
    consumer =
        vertx.eventBus().<ConnectionEvent>localConsumer(eventsAddress, m -> onEvent(m.body()));
    return consumer.completion();
  }

  /** Starts the timers; {@code at} and {@code every} count from now. */
  public synchronized void start() {
    for (ScheduledCall call : calls) {
      switch (call.getTrigger()) {
        case AT ->
            timers.add(vertx.setTimer(Math.max(1, call.getAt().toMillis()), id -> run(call)));
        case EVERY ->
            timers.add(
                vertx.setPeriodic(
                    call.getEvery().toMillis(),
                    id -> {
                      if (!run(call)) {
                        vertx.cancelTimer(id);
                      }
                    }));
        case ON_EVENT -> {}
      }
    }
  }

  private void onEvent(ConnectionEvent event) {
    for (ScheduledCall call : calls) {
      if (call.getTrigger() != ScheduledCall.Trigger.ON_EVENT || call.getOn() != event.type()) {
        continue;
      }
      TappedConnection target = target(call);
      if (target != null && event.connectionId().equals(target.id())) {
        run(call);
      }
    }
  }

  private TappedConnection target(ScheduledCall call) {
    return call.getConnectionId() == null
        ? defaultConnection.get()
        : connections.apply(call.getConnectionId());
  }

  /**
   * Runs {@code call} once unless stopped or capped; returns false when no more runs may follow.
   */
  private boolean run(ScheduledCall call) {
    int n;
    synchronized (this) {
      if (stopped) {
        return false;
      }
      n = started.merge(call.getName(), 1, Integer::sum);
      if (call.getMaxRuns() > 0 && n > call.getMaxRuns()) {
        return false;
      }
    }
    boolean more = call.getMaxRuns() == 0 || n < call.getMaxRuns();
    String name = call.getName();
    TappedConnection connection = target(call);
    stats.started(name);
    if (connection == null) {
      stats.finished(name, Outcome.FAILED, 0);
      return more;
    }
    long t0 = System.nanoTime();
    Future<String> expected =
        call.getExpectPredicate() == null
            ? null
            : connection.expect(call.getExpectPredicate(), call.getTimeout());
    Future<?> done;
    try {
      done =
          call.getAction() != null
              ? withTimeout(call.getAction().run(connection), call.getTimeout())
              : connection.sendText(call.getPayload());
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    if (done == null) {
      done = Future.failedFuture("the action of scheduled call '" + name + "' returned null");
    }
    Future<?> sent = done;
    sent.onComplete(
        ar -> {
          if (ar.failed()) {
            stats.finished(name, outcomeOf(ar.cause()), 0);
          } else if (expected == null) {
            stats.finished(name, Outcome.OK, System.nanoTime() - t0);
          } else {
            expected.onComplete(
                reply -> {
                  if (reply.succeeded()) {
                    stats.finished(name, Outcome.OK, System.nanoTime() - t0);
                  } else if (!(reply.cause() instanceof TappedConnection.Cancelled)) {
                    stats.finished(name, outcomeOf(reply.cause()), System.nanoTime() - t0);
                  }
                });
          }
        });
    return more;
  }

  private static Outcome outcomeOf(Throwable cause) {
    return cause instanceof TimeoutException ? Outcome.TIMED_OUT : Outcome.FAILED;
  }

  private Future<?> withTimeout(Future<?> future, Duration timeout) {
    if (future == null) {
      return null;
    }
    Promise<Object> promise = Promise.promise();
    long timer =
        vertx.setTimer(
            Math.max(1, timeout.toMillis()),
            id ->
                promise.tryFail(
                    new TimeoutException(
                        "action did not complete within " + timeout.toMillis() + " ms")));
    future.onComplete(
        ar -> {
          vertx.cancelTimer(timer);
          if (ar.succeeded()) {
            promise.tryComplete(ar.result());
          } else {
            promise.tryFail(ar.cause());
          }
        });
    return promise.future();
  }

  /** Cancels the timers and the event consumer; later triggers do nothing. */
  public Future<Void> stop() {
    synchronized (this) {
      stopped = true;
      timers.forEach(vertx::cancelTimer);
      timers.clear();
    }
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }
}
