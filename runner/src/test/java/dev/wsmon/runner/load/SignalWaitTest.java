package dev.wsmon.runner.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ctrl-C waits for the end of the run longer when it has more connections to close")
class SignalWaitTest {

  @Test
  @DisplayName("grace + 20 s, plus 1 s per 1 000 connections (50 000: 72 s with the 2 s grace)")
  void waitGrowsWithConnections() {
    assertThat(RunExecution.signalWaitMillis(Duration.ofSeconds(2), 1)).isEqualTo(22_001);
    assertThat(RunExecution.signalWaitMillis(Duration.ofSeconds(2), 50_000)).isEqualTo(72_000);
  }
}
