package dev.wsmon.tracker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.tracker.HistogramSummary;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Scope: message round-trip histograms exist only once a value arrives")
class ScopeTest {

  @Test
  @DisplayName("a scope of held connections builds only the connect and ping histograms")
  void roundTripHistogramsOnFirstValue() {
    AtomicInteger built = new AtomicInteger();
    Scope scope =
        new Scope(
            "g",
            () -> {
              built.incrementAndGet();
              return LatencyHistograms.create();
            });
    assertThat(built).hasValue(2);
    assertThat(scope.rtt(false)).isNull();
    assertThat(scope.rttActual(false)).isNull();
    assertThat(scope.sendLag(false)).isNull();
    assertThat(HistogramSummary.of(scope.rtt(false)))
        .isEqualTo(HistogramSummary.of(LatencyHistograms.create()));

    scope.rtt(true).recordValue(250);
    assertThat(scope.rtt(false).getTotalCount()).isEqualTo(1);
    assertThat(scope.rtt(true)).isSameAs(scope.rtt(false));
    assertThat(built).hasValue(3);
    scope.clearHistograms();
    assertThat(scope.rtt(false)).isNull();
    assertThat(built).hasValue(5);
  }
}
