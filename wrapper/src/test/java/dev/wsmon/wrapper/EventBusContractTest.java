package dev.wsmon.wrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.TrafficBatch;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.support.Waits;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every event-bus address of DESIGN.md's table, queried through a running {@link TestingWrapper}
 * against a real echo server: the documented bodies in, the documented reply shapes out, and a
 * failure naming the problem for bad requests.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("the event-bus contract: every documented address answers with the documented shape")
@Timeout(60)
class EventBusContractTest {

  static final List<String> SNAPSHOT_KEYS =
      List.of("generated_at", "started_at", "elapsed_seconds", "total", "groups", "connections");
  static final List<String> EVENT_KEYS =
      List.of(
          "connection_id", "type", "timestamp", "attempt", "duration_ms", "close_code", "reason");

  private TestingWrapper wrapper;

  @AfterEach
  void stop() {
    if (wrapper != null) {
      wrapper.stopAndShutdown().await();
    }
  }

  @Test
  @DisplayName("events, traffic, send, stats, history, export and stats.reset")
  void everyAddress(Vertx vertx) throws Exception {
    EchoServer server = EchoServer.deploy(vertx).await();
    String uri = server.uri("/contract");
    Addresses a = Addresses.of("contract");
    Promise<Object> event = Promise.promise();
    Promise<Object> batch = Promise.promise();
    vertx.eventBus().consumer(a.events(), m -> event.tryComplete(m.body()));
    vertx.eventBus().consumer(a.traffic(), m -> batch.tryComplete(m.body()));
    wrapper = TestingWrapper.builder().vertx(vertx).uri(uri).namespace("contract").build();
    wrapper.start().await();
    wrapper.awaitConnected(Duration.ofSeconds(10)).await();

    assertThat(event.future().await()).isInstanceOf(ConnectionEvent.class);
    assertThat(request(vertx, a.send(), "hello", "c-1"))
        .isEqualTo(new JsonObject().put("ok", true));
    assertThat(request(vertx, a.send(), Buffer.buffer(new byte[] {1, 2}), "c-1"))
        .isEqualTo(new JsonObject().put("ok", true));
    assertThat(batch.future().await()).isInstanceOf(TrafficBatch.class);
    Waits.until(
            vertx,
            () -> wrapper.stats(),
            s -> s.total().getLong("messages_received") == 2,
            Duration.ofSeconds(10))
        .await();

    JsonObject snapshot = (JsonObject) request(vertx, a.stats(), new JsonObject(), null);
    assertThat(snapshot.fieldNames()).containsAll(SNAPSHOT_KEYS).contains("events");
    JsonObject c1 = snapshot.getJsonArray("connections").getJsonObject(0);
    assertThat(c1.getString("connection_id")).isEqualTo("c-1");
    assertThat(c1.getString("group")).isEqualTo(uri);
    assertThat(snapshot.getJsonObject("groups").fieldNames()).containsExactly(uri);
    JsonObject one =
        (JsonObject) request(vertx, a.stats(), new JsonObject().put("connection_id", "c-1"), null);
    assertThat(one.getMap())
        .containsEntry("connection_id", "c-1")
        .containsEntry("state", "CONNECTED");
    assertThat(
            ((JsonObject) request(vertx, a.stats(), new JsonObject().put("group", uri), null))
                .getInteger("connections"))
        .isEqualTo(1);

    JsonObject history =
        (JsonObject)
            request(
                vertx,
                a.history(),
                new JsonObject().put("limit", 100).put("connection_id", "c-1"),
                null);
    JsonArray events = history.getJsonArray("events");
    assertThat(events).isNotEmpty();
    for (Object e : events) {
      assertThat(((JsonObject) e).fieldNames()).containsAll(EVENT_KEYS);
    }
    assertThat(
            ((JsonObject) request(vertx, a.history(), new JsonObject().put("limit", 1), null))
                .getJsonArray("events"))
        .hasSize(1);

    for (String format : List.of("json", "csv", "csv-series", "html")) {
      Object text = request(vertx, a.export(), new JsonObject().put("format", format), null);
      assertThat(text).as(format).isInstanceOf(String.class);
      assertThat((String) text).as(format).isNotBlank();
    }
    assertThat(
            new JsonObject(
                    (String)
                        request(vertx, a.export(), new JsonObject().put("format", "json"), null))
                .fieldNames())
        .containsAll(SNAPSHOT_KEYS);
    assertThat(
            ((String) request(vertx, a.export(), new JsonObject().put("format", "csv"), null))
                .lines()
                .skip(1)
                .findFirst()
                .orElseThrow())
        .startsWith("total,");
    Path file = Path.of("target", "event-bus-contract", "export.json");
    JsonObject written =
        (JsonObject)
            request(
                vertx,
                a.export(),
                new JsonObject().put("format", "json").put("path", file.toString()),
                null);
    assertThat(written.fieldNames()).containsExactlyInAnyOrder("path", "bytes");
    assertThat(written.getLong("bytes")).isEqualTo(Files.size(file));

    Map<String, Object[]> bad =
        Map.of(
            "unknown connection id 'c-9'", new Object[] {a.send(), "x", "c-9"},
            "missing header connection_id", new Object[] {a.send(), "x", null},
            "unknown connection_id 'c-9'",
                new Object[] {a.stats(), new JsonObject().put("connection_id", "c-9"), null},
            "unknown group 'nope'",
                new Object[] {a.stats(), new JsonObject().put("group", "nope"), null},
            "unknown format 'xml'",
                new Object[] {a.export(), new JsonObject().put("format", "xml"), null},
            "{not json", new Object[] {a.stats(), "{not json", null},
            "is outside the export directory",
                new Object[] {
                  a.export(), new JsonObject().put("format", "csv").put("path", "../out.csv"), null
                },
            "unknown connection_id 'c-7'",
                new Object[] {a.history(), new JsonObject().put("connection_id", "c-7"), null});
    bad.forEach(
        (message, req) ->
            assertThatThrownBy(() -> request(vertx, (String) req[0], req[1], (String) req[2]))
                .as(message)
                .isInstanceOf(ReplyException.class)
                .hasMessageContaining(message));

    assertThat(request(vertx, a.statsReset(), new JsonObject(), null))
        .isEqualTo(new JsonObject().put("reset", true));
    JsonObject after = (JsonObject) request(vertx, a.stats(), new JsonObject(), null);
    assertThat(after.getJsonObject("total").getLong("messages_sent")).isZero();
    assertThat(after.getJsonArray("connections").getJsonObject(0).getMap())
        .containsEntry("is_connected", true)
        .containsEntry("state", "CONNECTED");
  }

  private static Object request(Vertx vertx, String address, Object body, String connectionId) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(10_000);
    if (connectionId != null) {
      options.addHeader(Addresses.CONNECTION_ID_HEADER, connectionId);
    }
    Future<Object> reply = vertx.eventBus().request(address, body, options).map(m -> m.body());
    return reply.await();
  }
}
