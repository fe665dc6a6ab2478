package dev.wsmon.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitCodesTest {

  private final JsonObject ok = Snapshots.sample();
  private final JsonObject neverConnected =
      new JsonObject().put("total", new JsonObject().put("successful_connections", 0));

  @Test
  void successWhenAllThresholdsPass() {
    assertThat(ExitCodes.of(ok, List.of(Threshold.parse("rtt_ms.p99<50").evaluate(ok))))
        .isEqualTo(0);
    assertThat(ExitCodes.of(ok, List.of())).isEqualTo(0);
  }

  @Test
  void oneWhenAThresholdFails() {
    assertThat(
            ExitCodes.of(
                ok,
                List.of(
                    Threshold.parse("rtt_ms.p99<50").evaluate(ok),
                    Threshold.parse("disconnections==0").evaluate(ok))))
        .isEqualTo(1);
  }

  @Test
  void threeWhenNoConnectionEverSucceededEvenIfThresholdsFail() {
    assertThat(ExitCodes.of(neverConnected, List.of())).isEqualTo(3);
    assertThat(
            ExitCodes.of(
                neverConnected,
                List.of(Threshold.parse("success_rate>=99").evaluate(neverConnected))))
        .isEqualTo(3);
    assertThat(ExitCodes.of(new JsonObject(), List.of())).isEqualTo(3);
  }

  @Test
  void notThreeWhenTheRunConnectedBeforeAResetClearedTheCount() {
    assertThat(ExitCodes.of(neverConnected, List.of(), true)).isEqualTo(0);
    assertThat(
            ExitCodes.of(
                neverConnected,
                List.of(Threshold.parse("success_rate>=99").evaluate(neverConnected)),
                true))
        .isEqualTo(1);
  }
}
