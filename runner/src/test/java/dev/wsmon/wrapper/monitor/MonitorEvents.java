package dev.wsmon.wrapper.monitor;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.EventType;
import dev.wsmon.core.WsmonCodecs;
import dev.wsmon.testkit.support.ConditionLatch;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Records the connection events of a namespace; tests wait on conditions over them. */
final class MonitorEvents {

  private final List<ConnectionEvent> events = new ArrayList<>();
  private final ConditionLatch<MonitorEvents> latch = new ConditionLatch<>(this);
  private final MessageConsumer<ConnectionEvent> consumer;

  MonitorEvents(Vertx vertx, String namespace) {
    WsmonCodecs.register(vertx);
    consumer =
        vertx
            .eventBus()
            .consumer(
                Addresses.of(namespace).events(), m -> latch.change(() -> events.add(m.body())));
    consumer.completion().await();
  }

  /** Waits (off the event loop) until {@code condition} holds, at most {@code seconds}. */
  void await(Predicate<MonitorEvents> condition, long seconds) {
    latch.await(condition, seconds, () -> "events: " + events());
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
