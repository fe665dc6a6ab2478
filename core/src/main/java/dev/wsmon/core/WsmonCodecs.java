package dev.wsmon.core;

import dev.wsmon.core.internal.JsonRecordCodec;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;

/**
 * Registers the default codecs of every wsmon event-bus body type. Safe to call more than once per
 * Vert.x instance: each codec is registered once.
 */
public final class WsmonCodecs {

  private WsmonCodecs() {}

  /**
   * Registers the codecs of {@link ConnectionEvent} and {@link TrafficBatch} on {@code vertx}'s
   * event bus unless they are registered already.
   *
   * @param vertx the Vert.x instance
   */
  public static void register(Vertx vertx) {
    EventBus bus = vertx.eventBus();
    synchronized (WsmonCodecs.class) {
      registerOnce(
          bus,
          ConnectionEvent.class,
          new JsonRecordCodec<>(
              "wsmon.ConnectionEvent", ConnectionEvent::toWireJson, ConnectionEvent::fromWireJson));
      registerOnce(
          bus,
          TrafficBatch.class,
          new JsonRecordCodec<>(
              "wsmon.TrafficBatch", TrafficBatch::toJson, TrafficBatch::fromJson));
    }
  }

  private static <T> void registerOnce(EventBus bus, Class<T> type, JsonRecordCodec<T> codec) {
    try {
      bus.registerDefaultCodec(type, codec);
    } catch (IllegalStateException alreadyRegistered) {
      // registered by an earlier call on the same Vert.x instance
    }
  }
}
