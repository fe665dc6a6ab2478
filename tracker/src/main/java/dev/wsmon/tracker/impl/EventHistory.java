package dev.wsmon.tracker.impl;

import dev.wsmon.core.ConnectionEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A bounded ring of lifecycle events: when full, the oldest is dropped. */
final class EventHistory {

  private final int capacity;
  private final ArrayDeque<ConnectionEvent> events;

  EventHistory(int capacity) {
    this.capacity = capacity;
    this.events = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  void add(ConnectionEvent event) {
    if (events.size() == capacity) {
      events.pollFirst();
    }
    events.addLast(event);
  }

  void clear() {
    events.clear();
  }

  int size() {
    return events.size();
  }

  /** The newest {@code limit} events (of {@code connectionId} when not null), oldest first. */
  List<ConnectionEvent> newest(int limit, String connectionId) {
    ArrayList<ConnectionEvent> picked = new ArrayList<>(Math.min(limit, events.size()));
    Iterator<ConnectionEvent> it = events.descendingIterator();
    while (it.hasNext() && picked.size() < limit) {
      ConnectionEvent event = it.next();
      if (connectionId == null || connectionId.equals(event.connectionId())) {
        picked.add(event);
      }
    }
    java.util.Collections.reverse(picked);
    return picked;
  }
}
