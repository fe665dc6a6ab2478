package dev.wsmon.wrapper.monitor.impl;

import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.Redaction;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The monitor's live view of its connections, fed by the connection events: each connection's
 * status ({@code UP}, {@code DEGRADED}, {@code DOWN}, or {@code PENDING} before its first verdict),
 * since when and why; counts kept as events arrive, so {@link HealthView} reads them without
 * building a snapshot; the uptime of each endpoint (group) and of all together. A {@code DOWN}
 * lasts from a disconnection or failed attempt until the next success, whatever the attempts in
 * between. Thread-safe (events arrive on the monitor's event loop; queries may come from others).
 */
public final class StatusBoard implements SnapshotDecorator {

  /** A connection's status as the monitor reports it. */
  public enum Status {
    /** No verdict yet (first attempt in progress). */
    PENDING,
    /** Open, and no failed probe. */
    UP,
    /** Open, but a probe failed. */
    DEGRADED,
    /** Not open: lost, or attempts failing. */
    DOWN
  }

  /** One connection's entry; immutable, replaced on every change. */
  public record Entry(
      String connectionId,
      String group,
      String endpoint,
      Status status,
      ConnectionState state,
      Instant since,
      String reason,
      Integer lastCloseCode) {

    Entry with(Status s, ConnectionState st, Instant at, String why, Integer code) {
      return new Entry(connectionId, group, endpoint, s, st, at, why, code);
    }
  }

  private final LongSupplier nanoTime;
  private final Map<String, Entry> entries = new HashMap<>();
  // in connection order (c-2 before c-10), so /health lists the same connections first
  private static final java.util.Comparator<String> BY_ID =
      java.util.Comparator.comparingInt(String::length)
          .thenComparing(java.util.Comparator.naturalOrder());
  private final Map<String, Entry> notUp = new java.util.TreeMap<>(BY_ID);
  private final Map<String, Entry> degraded = new java.util.TreeMap<>(BY_ID);
  private final Map<String, String> endpoints = new HashMap<>();
  private final Map<String, GroupCounts> groups = new LinkedHashMap<>();
  private final UptimeTracker total = new UptimeTracker();
  private final List<Handler<Entry>> transitionHandlers = new ArrayList<>();
  private Handler<String> groupAdded = g -> {};
  private int open;
  private int upCount;
  private int pendingCount;
  private MessageConsumer<ConnectionEvent> consumer;

  private static final class GroupCounts {
    int connections;
    int up;
    int pending;
    final UptimeTracker uptime = new UptimeTracker();
  }

  /** A board on the system clock. */
  public StatusBoard() {
    this(System::nanoTime);
  }

  /** A board on {@code nanoTime} (tests). */
  public StatusBoard(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** Listens to {@code eventsAddress} (locally); completes when registered. */
  public Future<Void> listen(Vertx vertx, String eventsAddress) {
    consumer = vertx.eventBus().localConsumer(eventsAddress, m -> onEvent(m.body()));
    return consumer.completion();
  }

  /** Stops listening. */
  public Future<Void> close() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  /** Adds a handler called (on the event's thread) with each connection's new status. */
  public synchronized StatusBoard transitionHandler(Handler<Entry> handler) {
    transitionHandlers.add(handler);
    return this;
  }

  /** Sets the handler called once with each new group name. */
  public synchronized StatusBoard groupHandler(Handler<String> handler) {
    groupAdded = handler;
    return this;
  }

  /** Registers the connections (their endpoints) so they count before their first event. */
  public void seed(List<Connection> connections) {
    for (Connection c : connections) {
      synchronized (this) {
        endpoints.put(c.id(), Redaction.uri(c.options().getUri()));
        Entry e = entries.get(c.id());
        if (e == null) {
          add(
              new Entry(
                  c.id(),
                  c.group(),
                  endpoint(c.id(), c.group()),
                  Status.PENDING,
                  c.state(),
                  Instant.now(),
                  null,
                  null));
        } else if (!e.endpoint().equals(endpoints.get(c.id()))) {
          replace(
              e,
              e,
              new Entry(
                  e.connectionId(),
                  e.group(),
                  endpoints.get(c.id()),
                  e.status(),
                  e.state(),
                  e.since(),
                  e.reason(),
                  e.lastCloseCode()));
        }
      }
    }
  }

  private String endpoint(String id, String group) {
    return endpoints.getOrDefault(id, group);
  }

  /** Applies one connection event. */
  public void onEvent(ConnectionEvent event) {
    Entry changed = null;
    synchronized (this) {
      Entry e = entries.get(event.connectionId());
      if (e == null) {
        e =
            new Entry(
                event.connectionId(),
                event.group(),
                endpoint(event.connectionId(), event.group()),
                Status.PENDING,
                event.state(),
                event.timestamp(),
                null,
                null);
        add(e);
      }
      Integer code = e.lastCloseCode();
      Status next = e.status();
      String reason = e.reason();
      switch (event.type()) {
        case CONNECTED, RECOVERED -> {
          next = Status.UP;
          reason =
              event.type() == dev.wsmon.core.EventType.RECOVERED ? "probe passed" : "connected";
        }
        case DEGRADED -> {
          next = Status.DEGRADED;
          reason = event.reason();
        }
        case DISCONNECTED -> {
          next = Status.DOWN;
          code = event.closeCode();
          reason =
              event.reason() == null ? "disconnected (close code " + code + ")" : event.reason();
        }
        case FAILED, GAVE_UP -> {
          next = Status.DOWN;
          if (event.reason() != null) {
            reason = event.reason();
          }
        }
        default -> {
          // CLOSED is wsmon's own stop; the others only annotate
        }
      }
      boolean statusChanged = next != e.status();
      Entry updated =
          e.with(next, event.state(), statusChanged ? event.timestamp() : e.since(), reason, code);
      replace(e, updated, updated);
      if (statusChanged) {
        uptime(e, updated, event.timestamp());
        changed = updated;
      } else if (next == Status.DOWN && !java.util.Objects.equals(reason, e.reason())) {
        latestCause(updated, event.timestamp());
      }
    }
    if (changed != null) {
      for (Handler<Entry> h : handlers()) {
        h.handle(changed);
      }
    }
  }

  private synchronized List<Handler<Entry>> handlers() {
    return List.copyOf(transitionHandlers);
  }

  private void add(Entry e) {
    entries.put(e.connectionId(), e);
    notUp.put(e.connectionId(), e);
    GroupCounts g = groups.get(e.group());
    if (g == null) {
      g = new GroupCounts();
      groups.put(e.group(), g);
      groupAdded.handle(e.group());
    }
    g.connections++;
    g.pending++;
    pendingCount++;
  }

  private void replace(Entry before, Entry after, Entry stored) {
    String id = before.connectionId();
    entries.put(id, stored);
    boolean wasOpen = before.status() == Status.UP || before.status() == Status.DEGRADED;
    boolean isOpen = after.status() == Status.UP || after.status() == Status.DEGRADED;
    open += (isOpen ? 1 : 0) - (wasOpen ? 1 : 0);
    boolean wasUp = before.status() == Status.UP;
    boolean isUp = after.status() == Status.UP;
    upCount += (isUp ? 1 : 0) - (wasUp ? 1 : 0);
    GroupCounts g = groups.get(before.group());
    g.up += (isUp ? 1 : 0) - (wasUp ? 1 : 0);
    if (before.status() == Status.PENDING && after.status() != Status.PENDING) {
      g.pending--;
      pendingCount--;
    }
    notUp.remove(id);
    degraded.remove(id);
    if (after.status() == Status.DEGRADED) {
      degraded.put(id, stored);
    } else if (after.status() != Status.UP) {
      notUp.put(id, stored);
    }
  }

  private void uptime(Entry before, Entry after, Instant at) {
    long now = nanoTime.getAsLong();
    GroupCounts g = groups.get(after.group());
    // a connection coming back is no cause of an outage that goes on: the reason stays
    String why = after.status() == Status.UP ? null : after.connectionId() + ": " + after.reason();
    // a scope's clock starts once every connection of it has a verdict
    if (g.pending == 0) {
      g.uptime.update(g.up == g.connections, now, at, why);
    }
    if (pendingCount == 0) {
      total.update(upCount == entries.size(), now, at, why);
    }
  }

  /** A down connection's new reason: the latest cause of its scopes' outages, once they count. */
  private void latestCause(Entry entry, Instant at) {
    long now = nanoTime.getAsLong();
    String why = entry.connectionId() + ": " + entry.reason();
    if (groups.get(entry.group()).pending == 0) {
      groups.get(entry.group()).uptime.update(false, now, at, why);
    }
    if (pendingCount == 0) {
      total.update(false, now, at, why);
    }
  }

  /** The number of connections known. */
  public synchronized int connections() {
    return entries.size();
  }

  /** The number of open connections ({@code UP} or {@code DEGRADED}). */
  public synchronized int open() {
    return open;
  }

  /** The number of {@code UP} connections. */
  public synchronized int up() {
    return upCount;
  }

  /** The first {@code limit} connections that are neither up nor degraded. */
  public synchronized List<Entry> down(int limit) {
    return notUp.values().stream().limit(limit).toList();
  }

  /** The number of connections that are neither up nor degraded. */
  public synchronized int downCount() {
    return notUp.size();
  }

  /** The first {@code limit} degraded connections. */
  public synchronized List<Entry> degraded(int limit) {
    return degraded.values().stream().limit(limit).toList();
  }

  /** The number of degraded connections. */
  public synchronized int degradedCount() {
    return degraded.size();
  }

  /** A connection's entry, or {@code null}. */
  public synchronized Entry entry(String connectionId) {
    return entries.get(connectionId);
  }

  /** The group names seen so far. */
  public synchronized List<String> groups() {
    return List.copyOf(groups.keySet());
  }

  /** The uptime of a group, or {@code null} when unknown. */
  public synchronized UptimeTracker uptime(String group) {
    GroupCounts g = groups.get(group);
    return g == null ? null : g.uptime;
  }

  /** The uptime of all endpoints together (up while every connection is up). */
  public UptimeTracker totalUptime() {
    return total;
  }

  /**
   * Adds the uptime keys to a snapshot document: to {@code total} and to each of {@code groups}.
   *
   * @param snapshot the document ({@code /stats}, the dashboard's)
   * @return the same document
   */
  @Override
  public JsonObject decorate(JsonObject snapshot) {
    long now = nanoTime.getAsLong();
    if (snapshot.getValue("total") instanceof JsonObject t) {
      total.writeTo(t, now);
    }
    if (snapshot.getValue("groups") instanceof JsonObject gs) {
      for (String name : gs.fieldNames()) {
        decorateGroup(name, gs.getJsonObject(name));
      }
    }
    return snapshot;
  }

  /** Adds the uptime keys of {@code group} to its stats object. */
  @Override
  public JsonObject decorateGroup(String group, JsonObject json) {
    UptimeTracker u = uptime(group);
    if (u != null && json != null) {
      u.writeTo(json, nanoTime.getAsLong());
    }
    return json;
  }

  /** The current monotonic time of this board's clock. */
  public long nanoTime() {
    return nanoTime.getAsLong();
  }
}
