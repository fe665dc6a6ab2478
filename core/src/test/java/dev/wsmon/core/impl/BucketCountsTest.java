package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.LatencyHistograms;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("BucketCounts: HdrHistogram's bucket layout in a plain int[]")
class BucketCountsTest {

  @Test
  @DisplayName("no more slots than HdrHistogram's counts array for 1 µs to 1 h, 3 digits")
  void length() {
    IntCountsHistogram reference =
        new IntCountsHistogram(
            LatencyHistograms.HIGHEST_MICROS, LatencyHistograms.SIGNIFICANT_DIGITS);
    int referenceLength = (reference.getEstimatedFootprintInBytes() - 512) / 4;
    // HdrHistogram's array runs to the end of the top bucket; values stop at HIGHEST_MICROS
    assertThat(BucketCounts.LENGTH).isBetween(referenceLength - 1024, referenceLength);
  }

  @Test
  @DisplayName("every value lands in the bucket HdrHistogram gives it, in ascending order")
  void index() {
    Histogram reference = LatencyHistograms.create();
    int previous = -1;
    for (long v = 1; v <= LatencyHistograms.HIGHEST_MICROS; v += 1 + v / 997) {
      int i = BucketCounts.index(v);
      assertThat(i).as("index of %d", v).isBetween(previous, BucketCounts.LENGTH - 1);
      assertThat(HistogramBuckets.valueFromIndex(i, 10, 0))
          .as("bucket of %d", v)
          .isEqualTo(reference.lowestEquivalentValue(v));
      previous = i;
    }
    assertThat(BucketCounts.index(LatencyHistograms.HIGHEST_MICROS))
        .isEqualTo(BucketCounts.LENGTH - 1);
  }

  @Test
  @DisplayName("drained into a packed histogram: equal to recording each value there; then empty")
  void drainEqualsRecording() {
    BucketCounts counts = new BucketCounts();
    Histogram expected = LatencyHistograms.create();
    SplittableRandom random = new SplittableRandom(29);
    for (int i = 0; i < 20_000; i++) {
      long micros =
          i % 100 == 0 ? random.nextLong(1, LatencyHistograms.HIGHEST_MICROS + 1) : 50 + i % 3000;
      counts.record(micros);
      expected.recordValue(micros);
    }
    Histogram drained = LatencyHistograms.create();
    counts.drainTo(drained);
    assertThat(drained).isEqualTo(expected);
    assertThat(drained.getMaxValue()).isEqualTo(expected.getMaxValue());
    assertThat(drained.getMinNonZeroValue()).isEqualTo(expected.getMinNonZeroValue());

    Histogram again = LatencyHistograms.create();
    counts.drainTo(again);
    assertThat(again.getTotalCount()).isZero();
    counts.record(7);
    counts.drainTo(again);
    assertThat(again.getTotalCount()).isEqualTo(1);
    assertThat(again.getMaxValue()).isEqualTo(7);
  }
}
