package dev.wsmon.wrapper.monitor;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.EventType;
import dev.wsmon.core.WsmonCodecs;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** Records the connection events of a namespace; tests wait on conditions over them. */
final class MonitorEvents {

  private final List<ConnectionEvent> events = new ArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private final MessageConsumer<ConnectionEvent> consumer;

  private record Waiter(Predicate<MonitorEvents> condition, Promise<Void> promise) {}

  MonitorEvents(Vertx vertx, String namespace) {
    WsmonCodecs.register(vertx);
    consumer = vertx.eventBus().consumer(Addresses.of(namespace).events(), m -> add(m.body()));
    consumer.completion().await();
  }

  private void add(ConnectionEvent event) {
    List<Promise<Void>> done = new ArrayList<>();
    synchronized (this) {
      events.add(event);
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter w = it.next();
        if (w.condition.test(this)) {
          it.remove();
          done.add(w.promise);
        }
      }
    }
    done.forEach(Promise::tryComplete);
  }

  /** Waits (off the event loop) until {@code condition} holds, at most {@code seconds}. */
  void await(Predicate<MonitorEvents> condition, long seconds) {
    Promise<Void> promise = Promise.promise();
    synchronized (this) {
      if (condition.test(this)) {
        return;
      }
      waiters.add(new Waiter(condition, promise));
    }
    try {
      promise.future().await(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("condition not met within " + seconds + " s; events: " + events());
    }
  }

  void await(Predicate<MonitorEvents> condition) {
    await(condition, 20);
  }

  synchronized List<ConnectionEvent> events() {
    return List.copyOf(events);
  }

  synchronized List<ConnectionEvent> of(EventType type) {
    return events.stream().filter(e -> e.type() == type).toList();
  }

  synchronized long count(EventType type) {
    return events.stream().filter(e -> e.type() == type).count();
  }

  void close() {
    consumer.unregister();
  }
}
