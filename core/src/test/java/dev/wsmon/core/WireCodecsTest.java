package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.internal.JsonRecordCodec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("event-bus records and codecs")
class WireCodecsTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456Z");

  @Test
  @DisplayName("a connection event survives the wire form")
  void eventWireRoundTrip() {
    ConnectionEvent event =
        new ConnectionEvent(
            "c-1",
            "ws://127.0.0.1:1/x",
            EventType.DISCONNECTED,
            T0,
            2,
            1234.567,
            4001,
            "bye, \"now\"",
            ConnectionState.RECONNECTING);
    assertThat(wire(event, codecOf(ConnectionEvent.class))).isEqualTo(event);
    assertThat(event.toJson().fieldNames())
        .containsExactlyInAnyOrder(
            "connection_id", "type", "timestamp", "attempt", "duration_ms", "close_code", "reason");
  }

  @Test
  @DisplayName("a traffic batch survives the wire form with its histograms")
  void batchWireRoundTrip() {
    Histogram rtt = LatencyHistograms.create();
    for (int i = 1; i <= 200; i++) {
      LatencyHistograms.record(rtt, i * 100L);
    }
    ConnectionDelta delta =
        new ConnectionDelta(
            "c-1", "g", 10, 9, 640, 576, 1, 2, 0, 3, rtt, null, null, null, null, null, 0);
    TrafficBatch batch = new TrafficBatch("d-1", T0, List.of(delta));

    TrafficBatch back = wire(batch, codecOf(TrafficBatch.class));

    ConnectionDelta d = back.deltas().get(0);
    assertThat(d.messagesSent()).isEqualTo(10);
    assertThat(d.bytesReceived()).isEqualTo(576);
    assertThat(d.protocolErrors()).isEqualTo(3);
    assertThat(d.pingRtt()).isNull();
    assertThat(d.rtt().getTotalCount()).isEqualTo(200);
    assertThat(d.rtt().getValueAtPercentile(50)).isEqualTo(rtt.getValueAtPercentile(50));
    assertThat(d.rtt().getMaxValue()).isEqualTo(rtt.getMaxValue());
  }

  @Test
  @DisplayName(
      "abandoned requests and the scheduled-send histograms survive the wire form (cluster runs)")
  void abandonedAndScheduledOnTheWire() {
    Histogram rtt = LatencyHistograms.create();
    Histogram actual = LatencyHistograms.create();
    Histogram lag = LatencyHistograms.create();
    LatencyHistograms.record(rtt, 250_000);
    LatencyHistograms.record(actual, 400);
    LatencyHistograms.record(lag, 249_600);
    ConnectionDelta delta =
        new ConnectionDelta(
            "a1:c-1", "g", 4, 1, 40, 10, 0, 1, 2, 0, rtt, actual, lag, null, null, null, 3);

    ConnectionDelta d =
        wire(new TrafficBatch("a1", T0, List.of(delta)), codecOf(TrafficBatch.class))
            .deltas()
            .get(0);

    assertThat(d.requestTimeouts()).isEqualTo(1);
    assertThat(d.requestsAbandoned()).isEqualTo(2);
    assertThat(d.requestsSent()).isEqualTo(3);
    assertThat(d.rttActual().getMaxValue()).isEqualTo(actual.getMaxValue());
    assertThat(d.sendLag().getTotalCount()).isEqualTo(1);
    assertThat(d.sendLag().getMaxValue()).isEqualTo(lag.getMaxValue());
  }

  @Test
  @DisplayName("local delivery hands over the same instance")
  void localTransformIsIdentity(Vertx vertx, VertxTestContext ctx) {
    WsmonCodecs.register(vertx);
    WsmonCodecs.register(vertx);
    ConnectionEvent event =
        new ConnectionEvent(
            "c-1", "g", EventType.ATTEMPT, T0, 0, null, null, null, ConnectionState.CONNECTING);
    vertx
        .eventBus()
        .<ConnectionEvent>consumer(
            "t",
            m -> {
              ctx.verify(() -> assertThat(m.body()).isSameAs(event));
              ctx.completeNow();
            })
        .completion()
        .onComplete(ctx.succeeding(v -> vertx.eventBus().publish("t", event)));
  }

  @Test
  @DisplayName("malformed wire bodies are rejected with a message")
  void malformedRejected() {
    assertThatThrownBy(() -> LatencyHistograms.decode("not base64!"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> ConnectionEvent.fromWireJson(new io.vertx.core.json.JsonObject().put("x", 1)))
        .hasMessageContaining("malformed connection event");
  }

  @SuppressWarnings("unchecked")
  private static <T> JsonRecordCodec<T> codecOf(Class<T> type) {
    if (type == ConnectionEvent.class) {
      return (JsonRecordCodec<T>)
          new JsonRecordCodec<>("e", ConnectionEvent::toWireJson, ConnectionEvent::fromWireJson);
    }
    return (JsonRecordCodec<T>)
        new JsonRecordCodec<>("b", TrafficBatch::toJson, TrafficBatch::fromJson);
  }

  private static <T> T wire(T value, JsonRecordCodec<T> codec) {
    Buffer buffer = Buffer.buffer("xx");
    codec.encodeToWire(buffer, value);
    return codec.decodeFromWire(2, buffer);
  }
}
