package dev.wsmon.wrapper.monitor.impl;

import io.vertx.core.json.JsonObject;

/** Adds keys of its own to the snapshot documents the HTTP server serves (the monitor's uptime). */
public interface SnapshotDecorator {

  /** Leaves documents as they are. */
  SnapshotDecorator NONE =
      new SnapshotDecorator() {
        @Override
        public JsonObject decorate(JsonObject snapshot) {
          return snapshot;
        }

        @Override
        public JsonObject decorateGroup(String group, JsonObject json) {
          return json;
        }
      };

  /** Decorates a snapshot document ({@code total}, {@code groups}); returns it. */
  JsonObject decorate(JsonObject snapshot);

  /** Decorates one group's stats object; returns it. */
  JsonObject decorateGroup(String group, JsonObject json);

  /** Decorates one connection's stats object; returns it (unchanged by default). */
  default JsonObject decorateConnection(String connectionId, JsonObject json) {
    return json;
  }
}
