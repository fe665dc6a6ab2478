package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.LatencyHistograms;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PackedHistograms: packed latency histograms with their storage allocated up front")
class PackedHistogramsTest {

  private static void busySecond(Histogram h, int seed) {
    for (int i = 0; i < 400; i++) {
      h.recordValueWithCount(20 + (long) i * i * (seed + 1) % 50_000, 1 + (i * 7919L) % 70_000);
    }
  }

  @Test
  @DisplayName("a sized histogram starts with the storage asked for and holds the same values")
  void sized() {
    Histogram sized = PackedHistograms.create(4096);
    Histogram ordinary = LatencyHistograms.create();
    assertThat(sized).isInstanceOf(PackedHistogram.class);
    assertThat(PackedHistograms.longs(sized)).isEqualTo(4096);
    assertThat(PackedHistograms.longs(ordinary)).isLessThan(PackedHistograms.MIN_LONGS);
    busySecond(sized, 1);
    busySecond(ordinary, 1);
    assertThat(sized).isEqualTo(ordinary);
    assertThat(sized.getTotalCount()).isEqualTo(ordinary.getTotalCount());
    assertThat(sized.getValueAtPercentile(99)).isEqualTo(ordinary.getValueAtPercentile(99));
    // it had room: no resize on the way
    assertThat(PackedHistograms.longs(sized)).isEqualTo(4096);
  }

  @Test
  @DisplayName("a small size keeps the ordinary starting storage")
  void small() {
    assertThat(PackedHistograms.longs(PackedHistograms.create(10)))
        .isEqualTo(PackedHistograms.longs(LatencyHistograms.create()));
  }

  @Test
  @DisplayName(
      "a busy interval's hand-over starts as big as the last busy one grew, a quiet one small, and"
          + " both hold exactly what was recorded")
  void intervalHandOver() {
    IntervalHistogram interval = new IntervalHistogram();
    try {
      Histogram expected = LatencyHistograms.create();
      for (int i = 0; i < 20_000; i++) {
        long nanos = 15_000 + (i * 7919L) % 3_000_000;
        interval.recordNanos(nanos);
        LatencyHistograms.recordNanos(expected, nanos);
      }
      Histogram first = interval.take();
      assertThat(first).isEqualTo(expected);
      int grown = PackedHistograms.longs(first);
      assertThat(grown).isGreaterThan(PackedHistograms.MIN_LONGS);

      expected.reset();
      for (int i = 0; i < 20_000; i++) {
        long nanos = 15_000 + (i * 104_729L) % 3_000_000;
        interval.recordNanos(nanos);
        LatencyHistograms.recordNanos(expected, nanos);
      }
      Histogram second = interval.take();
      assertThat(second).isEqualTo(expected);
      assertThat(PackedHistograms.longs(second)).isGreaterThanOrEqualTo(grown);

      interval.recordNanos(20_000);
      interval.take();
      interval.recordNanos(20_000);
      Histogram quiet = interval.take();
      assertThat(quiet.getTotalCount()).isEqualTo(1);
      assertThat(PackedHistograms.longs(quiet)).isLessThan(PackedHistograms.MIN_LONGS);
    } finally {
      interval.release();
    }
  }
}
