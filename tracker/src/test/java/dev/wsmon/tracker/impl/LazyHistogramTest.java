package dev.wsmon.tracker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.tracker.HistogramSummary;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LazyHistogram: plain pairs first, the packed histogram only past PLAIN recordings")
class LazyHistogramTest {

  @Test
  @DisplayName("every prefix of the recordings has the summary of one histogram of them all")
  void sameSummaryAsOneHistogram() {
    Random random = new Random(5);
    LazyHistogram lazy = new LazyHistogram();
    Histogram expected = LatencyHistograms.create();
    assertThat(lazy.histogram()).isNull();
    assertThat(LazyHistogram.of(null)).isNull();
    for (int i = 1; i <= 3 * LazyHistogram.PLAIN; i++) {
      long micros = 1 + (long) (random.nextDouble() * Math.pow(10, random.nextInt(9)));
      long count = 1 + random.nextInt(3);
      lazy.record(micros, count);
      expected.recordValueWithCount(micros, count);
      assertThat(HistogramSummary.of(lazy.histogram()).toJson())
          .isEqualTo(HistogramSummary.of(expected).toJson());
      assertThat(lazy.isPacked()).isEqualTo(i > LazyHistogram.PLAIN);
    }
  }

  @Test
  @DisplayName("a count or value too large for a plain pair goes to the packed histogram at once")
  void largeCountsPackAtOnce() {
    LazyHistogram lazy = new LazyHistogram();
    lazy.record(0, 1);
    lazy.record(LatencyHistograms.HIGHEST_MICROS, 2);
    assertThat(lazy.isPacked()).isFalse();
    lazy.record(70, 1L << 33);
    assertThat(lazy.isPacked()).isTrue();
    assertThat(lazy.histogram().getTotalCount()).isEqualTo(3 + (1L << 33));
    assertThat(lazy.histogram().getMinValue()).isZero();
  }

  @Test
  @DisplayName(
      "a connection pinged six times keeps no packed histogram, and its stats show all six")
  void heldConnectionStaysPlain() {
    ConnectionStats c = new ConnectionStats("c-1", new Scope("g", LatencyHistograms::create), null);
    for (int i = 0; i < 6; i++) {
      c.recordPingRtt(300 + i, 1);
    }
    assertThat(c.pingRttHistogram().getTotalCount()).isEqualTo(6);
    assertThat(c.rttHistogram()).isNull();
    c.reset(0);
    assertThat(c.pingRttHistogram()).isNull();
  }
}
