package dev.wsmon.core;

import dev.wsmon.core.internal.AttemptOutcomes;
import dev.wsmon.testkit.support.ConditionLatch;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Records the events and traffic batches of one namespace; tests wait on conditions over them. */
final class EventRecorder {

  // indexes of the counters in totals(id)
  static final int SENT = 0;
  static final int RECEIVED = 1;
  static final int BYTES_SENT = 2;
  static final int BYTES_RECEIVED = 3;
  static final int FAILURES = 4;
  static final int TIMEOUTS = 5;
  static final int PROTOCOL = 6;
  static final int ABANDONED = 7;
  static final int ANSWERED = 8;
  static final int TOTALS = 9;

  // indexes in attemptOutcomes(id)
  static final int ATTEMPTS = 0;
  static final int SUCCESSES = 1;
  static final int FAILED_ATTEMPTS = 2;
  static final int ABANDONED_ATTEMPTS = 3;
  static final int IN_FLIGHT = 4;

  private final List<ConnectionEvent> events = new ArrayList<>();
  private final List<TrafficBatch> batches = new ArrayList<>();
  private final ConditionLatch<EventRecorder> latch = new ConditionLatch<>(this);
  private final MessageConsumer<ConnectionEvent> eventConsumer;
  private final MessageConsumer<TrafficBatch> trafficConsumer;

  EventRecorder(Vertx vertx, String namespace) {
    WsmonCodecs.register(vertx);
    Addresses addresses = Addresses.of(namespace);
    eventConsumer =
        vertx
            .eventBus()
            .consumer(addresses.events(), m -> latch.change(() -> events.add(m.body())));
    trafficConsumer =
        vertx
            .eventBus()
            .consumer(addresses.traffic(), m -> latch.change(() -> batches.add(m.body())));
    Future.all(eventConsumer.completion(), trafficConsumer.completion()).await();
  }

  EventRecorder(Vertx vertx) {
    this(vertx, Addresses.DEFAULT_NAMESPACE);
  }

  /** Waits (off the event loop) until {@code condition} holds, at most {@code seconds}. */
  void await(Predicate<EventRecorder> condition, long seconds) {
    latch.await(condition, seconds, () -> "events: " + events());
  }

  void await(Predicate<EventRecorder> condition) {
    await(condition, 20);
  }

  synchronized List<ConnectionEvent> events() {
    return List.copyOf(events);
  }

  synchronized List<TrafficBatch> batches() {
    return List.copyOf(batches);
  }

  synchronized List<ConnectionEvent> of(EventType type) {
    return events.stream().filter(e -> e.type() == type).toList();
  }

  synchronized List<ConnectionEvent> of(String id, EventType type) {
    return events.stream().filter(e -> e.type() == type && e.connectionId().equals(id)).toList();
  }

  synchronized long count(EventType type) {
    return events.stream().filter(e -> e.type() == type).count();
  }

  synchronized List<EventType> types(String id) {
    return events.stream()
        .filter(e -> e.connectionId().equals(id))
        .map(ConnectionEvent::type)
        .toList();
  }

  /** The ids of the connections seen in events, in order of their first event. */
  synchronized List<String> connectionIds() {
    return events.stream().map(ConnectionEvent::connectionId).distinct().toList();
  }

  /**
   * The outcomes of one connection's attempts, read from its events by the rule of {@link
   * AttemptOutcomes}, indexed by {@link #ATTEMPTS} ... {@link #IN_FLIGHT}; fails when a {@code
   * CLOSED} abandons an attempt and its reason does not say so, or the reverse.
   */
  synchronized long[] attemptOutcomes(String id) {
    long[] o = new long[5];
    boolean inFlight = false;
    for (ConnectionEvent e : events) {
      if (!e.connectionId().equals(id)) {
        continue;
      }
      boolean abandons = AttemptOutcomes.abandons(inFlight, e.type());
      if (e.type() == EventType.CLOSED
          && abandons != String.valueOf(e.reason()).startsWith(AttemptOutcomes.PREFIX)) {
        throw new AssertionError(
            "CLOSED " + e.reason() + " with an attempt in flight: " + inFlight + "; " + events);
      }
      switch (e.type()) {
        case ATTEMPT -> o[ATTEMPTS]++;
        case CONNECTED -> o[SUCCESSES]++;
        case FAILED -> o[FAILED_ATTEMPTS]++;
        default -> o[ABANDONED_ATTEMPTS] += abandons ? 1 : 0;
      }
      inFlight = AttemptOutcomes.inFlightAfter(inFlight, e.type());
    }
    o[IN_FLIGHT] = inFlight ? 1 : 0;
    return o;
  }

  /**
   * Whether every connection's attempts each have one outcome (success, failure or abandoned) and
   * none is in flight: true once wsmon closed its connections.
   */
  boolean everyAttemptHasAnOutcome() {
    for (String id : connectionIds()) {
      long[] o = attemptOutcomes(id);
      if (o[IN_FLIGHT] != 0
          || o[ATTEMPTS] != o[SUCCESSES] + o[FAILED_ATTEMPTS] + o[ABANDONED_ATTEMPTS]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Sums the batches' deltas of one connection: sent, received, bytes sent, bytes received, send
   * failures, request timeouts, protocol errors, requests abandoned, requests answered (RTT count).
   */
  synchronized long[] totals(String id) {
    long[] t = new long[TOTALS];
    for (TrafficBatch b : batches) {
      for (ConnectionDelta d : b.deltas()) {
        if (d.connectionId().equals(id)) {
          add(t, d);
        }
      }
    }
    return t;
  }

  /** Adds a delta's counters to {@code t}, indexed by {@link #SENT} ... {@link #ANSWERED}. */
  static void add(long[] t, ConnectionDelta d) {
    t[SENT] += d.messagesSent();
    t[RECEIVED] += d.messagesReceived();
    t[BYTES_SENT] += d.bytesSent();
    t[BYTES_RECEIVED] += d.bytesReceived();
    t[FAILURES] += d.sendFailures();
    t[TIMEOUTS] += d.requestTimeouts();
    t[PROTOCOL] += d.protocolErrors();
    t[ABANDONED] += d.requestsAbandoned();
    t[ANSWERED] += d.rtt() == null ? 0 : d.rtt().getTotalCount();
  }

  void close() {
    eventConsumer.unregister();
    trafficConsumer.unregister();
  }
}
