package dev.wsmon.tracker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.tracker.HistogramSummary;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("per-connection connect latencies: a few plain values, then a packed histogram")
class ConnectLatencyStorageTest {

  private static ConnectionStats stats() {
    return new ConnectionStats("c-1", new Scope("g", LatencyHistograms::create), null);
  }

  private static void assertSameSummary(ConnectionStats c, long... micros) {
    Histogram expected = LatencyHistograms.create();
    for (long m : micros) {
      LatencyHistograms.record(expected, m);
    }
    assertThat(HistogramSummary.of(c.connectLatencies()).toJson())
        .isEqualTo(HistogramSummary.of(expected).toJson());
  }

  @Test
  @DisplayName("none: no histogram; few and many: the same summary as one histogram of all")
  void sameSummaries() {
    ConnectionStats c = stats();
    assertThat(c.connectLatencies()).isNull();
    long[] values = {1200, 53, 999_000, 7, 4_000_000, 61};
    for (int n = 1; n <= values.length; n++) {
      c.recordConnectLatency(values[n - 1]);
      assertSameSummary(c, java.util.Arrays.copyOf(values, n));
      assertThat(c.connectLatencyCount()).isEqualTo(n);
    }
    c.reset(0);
    assertThat(c.connectLatencies()).isNull();
    assertThat(c.connectLatencyCount()).isZero();
    c.recordConnectLatency(10);
    assertSameSummary(c, 10);
  }
}
