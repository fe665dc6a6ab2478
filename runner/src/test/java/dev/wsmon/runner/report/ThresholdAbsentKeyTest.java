package dev.wsmon.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a threshold on a key total does not have says so, apart from a null value")
class ThresholdAbsentKeyTest {

  private static final JsonObject SNAPSHOT =
      new JsonObject(
          "{\"total\": {\"success_rate\": 100.0, \"rtt_ms\": {\"count\": 0, \"p99\": null}}}");

  @Test
  @DisplayName("a misspelt key fails naming it as absent; a null value fails as null")
  void absentAndNull() {
    ThresholdResult typo = Threshold.parse("succes_rate>=99").evaluate(SNAPSHOT);
    assertThat(typo.passed()).isFalse();
    assertThat(typo.message()).contains("succes_rate is not a key of total");
    ThresholdResult deep = Threshold.parse("rtt_ms.p9>=1").evaluate(SNAPSHOT);
    assertThat(deep.message()).contains("rtt_ms.p9 is not a key of total");
    ThresholdResult nul = Threshold.parse("rtt_ms.p99<50").evaluate(SNAPSHOT);
    assertThat(nul.passed()).isFalse();
    assertThat(nul.message()).contains("rtt_ms.p99 has no value (null)");
    assertThat(Threshold.parse("success_rate>=99").evaluate(SNAPSHOT).passed()).isTrue();
  }
}
