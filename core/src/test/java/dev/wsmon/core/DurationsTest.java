package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({"500ms,500", "10s,10000", "1.5s,1500", "2m,120000", "1h,3600000", "250,250"})
  void parses(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void parsesMicros() {
    assertThat(Durations.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
  }

  @Test
  void rejectsWithTheText() {
    assertThatThrownBy(() -> Durations.parse("ten seconds")).hasMessageContaining("'ten seconds'");
    assertThatThrownBy(() -> Durations.fromConfig("reconnectDelay", "5x"))
        .hasMessageContaining("reconnectDelay")
        .hasMessageContaining("'5x'");
    assertThatThrownBy(() -> Durations.fromConfig("reconnectDelay", -1))
        .hasMessageContaining("reconnectDelay");
    assertThatThrownBy(() -> Durations.fromConfig("reconnectDelay", true))
        .hasMessageContaining("reconnectDelay");
  }

  @Test
  void configNumbersAreMillis() {
    assertThat(Durations.fromConfig("k", 1500)).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void formatsShortest() {
    assertThat(Durations.format(Duration.ofHours(1))).isEqualTo("1h");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0ms");
  }
}
