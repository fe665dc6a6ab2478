package dev.wsmon.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.core.WsmonCodecs;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class EventsJsonlWriterTest {

  @Test
  void oneJsonObjectPerLineForEveryEvent(Vertx vertx, @TempDir Path dir) throws Exception {
    WsmonCodecs.register(vertx);
    Addresses addresses = Addresses.of("jsonl-test");
    Path file = dir.resolve("nested/events.jsonl");
    EventsJsonlWriter writer = EventsJsonlWriter.open(vertx, addresses.events(), file).await();
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    vertx.eventBus().publish(addresses.events(), event(EventType.ATTEMPT, null, now));
    vertx.eventBus().publish(addresses.events(), event(EventType.CONNECTED, null, now));
    vertx.eventBus().publish(addresses.events(), event(EventType.DISCONNECTED, 4001, now));
    vertx.eventBus().publish(addresses.events(), event(EventType.GAVE_UP, null, now));
    until(vertx, () -> writer.lines() == 4).await();
    writer.close().await();

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(4);
    List<JsonObject> json = lines.stream().map(JsonObject::new).toList();
    assertThat(json)
        .extracting(j -> j.getString("type"))
        .containsExactly("ATTEMPT", "CONNECTED", "DISCONNECTED", "GAVE_UP");
    assertThat(json.get(2).getInteger("close_code")).isEqualTo(4001);
    assertThat(json.get(0).getString("connection_id")).isEqualTo("c-1");
    assertThat(json.get(0).containsKey("duration_ms")).isTrue();
  }

  /** Completes when {@code condition} holds, checking every 10 ms on the event loop. */
  static Future<Void> until(Vertx vertx, BooleanSupplier condition) {
    Promise<Void> promise = Promise.promise();
    vertx.setPeriodic(
        10,
        id -> {
          if (condition.getAsBoolean()) {
            vertx.cancelTimer(id);
            promise.tryComplete();
          }
        });
    return promise.future().timeout(10, TimeUnit.SECONDS);
  }

  private static ConnectionEvent event(EventType type, Integer code, Instant at) {
    return new ConnectionEvent(
        "c-1", "ws://127.0.0.1:1/", type, at, 0, 1.5, code, null, ConnectionState.CONNECTED);
  }
}
