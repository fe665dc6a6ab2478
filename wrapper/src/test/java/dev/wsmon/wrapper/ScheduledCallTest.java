package dev.wsmon.wrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.EventType;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScheduledCallTest {

  @Test
  void jsonRoundTrip() {
    JsonObject json =
        new JsonObject()
            .put("name", "heartbeat")
            .put("every", "5s")
            .put("payload", "ping")
            .put("expect", "pong.*")
            .put("timeout", 2000)
            .put("maxRuns", 3)
            .put("connectionId", "c-2");
    ScheduledCall call = new ScheduledCall(json);
    assertThat(call.getTrigger()).isEqualTo(ScheduledCall.Trigger.EVERY);
    assertThat(call.getEvery()).isEqualTo(Duration.ofSeconds(5));
    assertThat(call.getTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(call.getExpectPredicate().test("pong 1")).isTrue();
    assertThat(call.getExpectPredicate().test("ping")).isFalse();
    JsonObject back = call.toJson();
    assertThat(back.getString("timeout")).isEqualTo("2s");
    assertThat(new ScheduledCall(back).toJson()).isEqualTo(back);
    assertThat(new ScheduledCall(call).toJson()).isEqualTo(back);
  }

  @Test
  void triggers() {
    assertThat(new ScheduledCall(new JsonObject().put("name", "a").put("on", "connected")).getOn())
        .isEqualTo(EventType.CONNECTED);
    assertThat(new ScheduledCall(new JsonObject().put("name", "a").put("at", "1s")).getAt())
        .isEqualTo(Duration.ofSeconds(1));
    ScheduledCall c =
        new ScheduledCall("x").setAt(Duration.ofSeconds(1)).setEvery(Duration.ofSeconds(2));
    assertThat(c.getTrigger()).isEqualTo(ScheduledCall.Trigger.EVERY);
    assertThat(c.getAt()).isNull();
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> new ScheduledCall("bad name")).hasMessageContaining("'bad name'");
    assertThatThrownBy(() -> new ScheduledCall(new JsonObject().put("name", "a")))
        .hasMessageContaining("exactly one of at, every or on");
    assertThatThrownBy(
            () ->
                new ScheduledCall(
                    new JsonObject().put("name", "a").put("at", "1s").put("every", "1s")))
        .hasMessageContaining("exactly one");
    assertThatThrownBy(
            () -> new ScheduledCall(new JsonObject().put("name", "a").put("on", "LUNCH")))
        .hasMessageContaining("LUNCH");
    assertThatThrownBy(
            () -> new ScheduledCall(new JsonObject().put("name", "a").put("at", "1s").put("x", 1)))
        .hasMessageContaining("unknown scheduled call key 'x'");
    assertThatThrownBy(() -> new ScheduledCall("a").setExpect("(")).hasMessageContaining("'('");
    assertThatThrownBy(() -> new ScheduledCall("a").setEvery(Duration.ZERO))
        .hasMessageContaining("every");
    assertThatThrownBy(() -> new ScheduledCall("a").setMaxRuns(-1)).hasMessageContaining("-1");
    assertThatThrownBy(() -> new ScheduledCall("a").setAt(Duration.ofSeconds(1)).validate())
        .hasMessageContaining("payload or an action");
  }
}
