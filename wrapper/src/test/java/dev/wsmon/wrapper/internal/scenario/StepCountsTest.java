package dev.wsmon.wrapper.internal.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("StepCounts: the one result shape of scenario steps and scheduled calls")
class StepCountsTest {

  @Test
  @DisplayName("counts outcomes, records successful latencies, keeps in-flight starts on reset")
  void countsAndReset() {
    StepCounts c = new StepCounts();
    for (int i = 0; i < 4; i++) {
      c.started();
    }
    c.ok(2_000_000);
    c.ok(-1);
    c.failed();
    assertThat(c.idle()).isFalse();
    JsonObject json = c.toJson();
    assertThat(json.fieldNames())
        .containsExactly("runs", "ok", "failed", "timed_out", "latency_ms");
    assertThat(json.getLong("runs")).isEqualTo(4);
    assertThat(json.getLong("ok")).isEqualTo(2);
    assertThat(json.getLong("failed")).isEqualTo(1);
    assertThat(json.getLong("timed_out")).isZero();
    assertThat(json.getJsonObject("latency_ms").getLong("count")).as("-1: no latency").isEqualTo(1);

    StepCounts fresh = c.inFlight();
    assertThat(fresh.toJson().getLong("runs")).isEqualTo(1);
    fresh.timedOut();
    assertThat(fresh.idle()).isTrue();
    assertThat(fresh.toJson().getLong("timed_out")).isEqualTo(1);
  }

  @Test
  @DisplayName("the wire form reads back exactly and merges add up")
  void wireAndMerge() {
    StepCounts a = new StepCounts();
    a.started();
    a.ok(3_000_000);
    StepCounts b = StepCounts.fromWire(a.toWire());
    assertThat(b.toJson()).isEqualTo(a.toJson());
    b.add(a);
    JsonObject sum = b.toJson();
    assertThat(sum.getLong("runs")).isEqualTo(2);
    assertThat(sum.getLong("ok")).isEqualTo(2);
    assertThat(sum.getJsonObject("latency_ms").getLong("count")).isEqualTo(2);
  }
}
