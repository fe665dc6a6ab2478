package dev.wsmon.runner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Threshold: METRIC OP NUMBER over total")
class ThresholdTest {

  private final JsonObject snapshot = Snapshots.sample();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "success_rate>=90 | true",
        "success_rate>=99 | false",
        "rtt_ms.p99<50 | true",
        "rtt_ms.p99<4 | false",
        "rtt_ms.p99 <= 4.321 | true",
        "disconnections==0 | false",
        "disconnections==3 | true",
        "disconnections!=3 | false",
        "messages_received>997 | true",
        "close_codes.4001==2 | true",
        "failed_connections < 1 | false",
        "is_connected==0 | true"
      })
  void evaluates(String text, boolean expected) {
    ThresholdResult result = Threshold.parse(text).evaluate(snapshot);
    assertThat(result.passed()).as(result.message()).isEqualTo(expected);
    assertThat(result.message()).contains(expected ? "passed" : "failed");
  }

  @Test
  @DisplayName(
      "a close code outside 1000-4999 is refused at parse time: it would pass as 0 for ever")
  void misspeltCloseCodeRefused() {
    for (String text : List.of("close_codes.10006==0", "close_codes.999<1", "close_codes.abc==0")) {
      assertThatThrownBy(() -> Threshold.parse(text))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + text + "'");
    }
    assertThat(Threshold.parse("close_codes.4999==0").evaluate(snapshot).passed()).isTrue();
  }

  @Test
  @DisplayName("a threshold on a null value fails and says so")
  void nullFails() {
    ThresholdResult result = Threshold.parse("ping_rtt_ms.p99<10").evaluate(snapshot);
    assertThat(result.passed()).isFalse();
    assertThat(result.actual()).isNull();
    assertThat(result.message()).contains("ping_rtt_ms.p99").contains("null");
  }

  @Test
  @DisplayName("a missing metric fails and says so")
  void missingFails() {
    ThresholdResult result = Threshold.parse("no_such_metric>1").evaluate(snapshot);
    assertThat(result.passed()).isFalse();
    assertThat(result.message()).contains("no_such_metric is not a key of total");
  }

  @Test
  @DisplayName("an object metric fails and asks for a field")
  void objectFails() {
    ThresholdResult result = Threshold.parse("rtt_ms<1").evaluate(snapshot);
    assertThat(result.passed()).isFalse();
    assertThat(result.message()).contains("name one of its fields");
  }

  @Test
  void messageShowsActualValue() {
    ThresholdResult result = Threshold.parse("rtt_ms.p99<50").evaluate(snapshot);
    assertThat(result.actual()).isEqualTo(4.321);
    assertThat(result.message()).isEqualTo("rtt_ms.p99 < 50 passed: rtt_ms.p99 = 4.321");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"success_rate", "rate=>5", "p99 < fast", "<5", "a.b ~ 3", "x>=1 2"})
  void rejectsMalformed(String text) {
    assertThatThrownBy(() -> Threshold.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining("METRIC OP NUMBER");
  }
}
