package dev.wsmon.tracker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.tracker.HistogramSummary;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LazyHistogram: plain values first, the packed histogram only past PLAIN values")
class LazyHistogramTest {

  @Test
  @DisplayName("every prefix of the recordings has the summary of one histogram of them all")
  void sameSummaryAsOneHistogram() {
    Random random = new Random(5);
    Object lazy = null;
    Histogram expected = LatencyHistograms.create();
    assertThat(LazyHistogram.histogram(lazy)).isNull();
    assertThat(LazyHistogram.totalCount(lazy)).isZero();
    long total = 0;
    for (int i = 1; i <= 3 * LazyHistogram.PLAIN; i++) {
      long micros = 1 + (long) (random.nextDouble() * Math.pow(10, random.nextInt(9)));
      long count = 1 + random.nextInt(3);
      lazy = LazyHistogram.record(lazy, micros, count);
      expected.recordValueWithCount(micros, count);
      total += count;
      assertThat(HistogramSummary.of(LazyHistogram.histogram(lazy)).toJson())
          .isEqualTo(HistogramSummary.of(expected).toJson());
      assertThat(LazyHistogram.totalCount(lazy)).isEqualTo(total);
      assertThat(LazyHistogram.isPacked(lazy)).isEqualTo(total > LazyHistogram.PLAIN);
    }
  }

  @Test
  @DisplayName("a count too large for the plain values goes to the packed histogram at once")
  void largeCountsPackAtOnce() {
    Object lazy = LazyHistogram.record(null, 0, 1);
    lazy = LazyHistogram.record(lazy, LatencyHistograms.HIGHEST_MICROS, 2);
    assertThat(LazyHistogram.isPacked(lazy)).isFalse();
    assertThat(LazyHistogram.histogram(lazy).getMaxValue())
        .isEqualTo(
            LatencyHistograms.create().highestEquivalentValue(LatencyHistograms.HIGHEST_MICROS));
    lazy = LazyHistogram.record(lazy, 70, 1L << 33);
    assertThat(LazyHistogram.isPacked(lazy)).isTrue();
    assertThat(LazyHistogram.histogram(lazy).getTotalCount()).isEqualTo(3 + (1L << 33));
    assertThat(LazyHistogram.histogram(lazy).getMinValue()).isZero();
  }

  @Test
  @DisplayName("ten minutes of pings every 10 s stay plain values (272 bytes at most), not packed")
  void tenMinutesOfPingsStayPlain() {
    Object lazy = null;
    for (int i = 0; i < 60; i++) {
      lazy = LazyHistogram.record(lazy, 200 + i, 1);
    }
    assertThat(LazyHistogram.isPacked(lazy)).isFalse();
    assertThat(((int[]) lazy).length).isEqualTo(60);
    assertThat(LazyHistogram.histogram(lazy).getTotalCount()).isEqualTo(60);
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
    assertThat(c.traffic()).as("pings create no traffic side").isNull();
    c.reset(0);
    assertThat(c.pingRttHistogram()).isNull();
  }
}
