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

  @Test
  @DisplayName(
      "a busy delta makes room once: plain or packed values move into a histogram sized for it,"
          + " holding the same values, and a small delta changes nothing")
  void expectMakesRoom() {
    Histogram delta = LatencyHistograms.create();
    for (int i = 0; i < 500; i++) {
      delta.recordValueWithCount(30 + (long) i * i % 40_000, 1 + i * 131L % 90_000);
    }
    int deltaLongs = LatencyHistograms.storageLongs(delta);
    assertThat(deltaLongs).isGreaterThanOrEqualTo(LazyHistogram.MIN_SIZED_LONGS);

    Object plain = LazyHistogram.record(LazyHistogram.record(null, 7, 1), 4_000_000_000L - 1, 2);
    Object small = LazyHistogram.record(null, 9, 1);
    assertThat(LazyHistogram.expect(small, 10)).isSameAs(small);

    Histogram expected = LatencyHistograms.create();
    expected.recordValueWithCount(7, 1);
    expected.recordValueWithCount(4_000_000_000L - 1, 2);
    Object sized = LazyHistogram.expect(plain, deltaLongs);
    assertThat(LazyHistogram.isPacked(sized)).isTrue();
    assertThat(LatencyHistograms.storageLongs((Histogram) sized)).isEqualTo(2 * deltaLongs);
    assertThat(LazyHistogram.histogram(sized)).isEqualTo(expected);
    // already big enough: kept as it is
    assertThat(LazyHistogram.expect(sized, deltaLongs)).isSameAs(sized);

    Object lazy = sized;
    for (int round = 0; round < 3; round++) {
      lazy = LazyHistogram.expect(lazy, deltaLongs);
      Object target = lazy;
      Object[] holder = {target};
      LatencyHistograms.forEachBucket(
          delta, (v, c) -> holder[0] = LazyHistogram.record(holder[0], v, c));
      assertThat(holder[0]).isSameAs(target);
      lazy = holder[0];
      expected.add(delta);
    }
    assertThat(LazyHistogram.histogram(lazy)).isEqualTo(expected);
    // at most a resize or two while three deltas' counts went in (a sixteenth each), not dozens
    assertThat(LatencyHistograms.storageLongs((Histogram) lazy))
        .isBetween(2 * deltaLongs, 2 * deltaLongs * 17 * 17 / 256);
  }
}
