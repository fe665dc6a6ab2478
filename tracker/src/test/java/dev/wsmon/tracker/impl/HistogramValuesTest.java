package dev.wsmon.tracker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.tracker.HistogramSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HistogramValues and HistogramSummary")
class HistogramValuesTest {

  private static List<long[]> visit(Histogram h) {
    List<long[]> out = new ArrayList<>();
    HistogramValues.forEach(h, (v, n) -> out.add(new long[] {v, n}));
    return out;
  }

  private static List<long[]> reference(Histogram h) {
    List<long[]> out = new ArrayList<>();
    HistogramValues.forEachRecorded(h, (v, n) -> out.add(new long[] {v, n}));
    return out;
  }

  @Test
  @DisplayName("the packed walk visits the same buckets as HdrHistogram")
  void fastPathMatchesRecordedValues() {
    Random random = new Random(7);
    for (int round = 0; round < 50; round++) {
      Histogram packed = LatencyHistograms.create();
      int n = 1 + random.nextInt(300);
      for (int i = 0; i < n; i++) {
        double scale = Math.pow(10, random.nextInt(9));
        LatencyHistograms.record(packed, (long) (random.nextDouble() * scale));
      }
      assertThat(visit(packed)).usingRecursiveComparison().isEqualTo(reference(packed));
    }
  }

  @Test
  @DisplayName("single buckets, plain histograms, zero values and empty ones")
  void otherShapes() {
    Histogram single = LatencyHistograms.create();
    single.recordValueWithCount(5000, 3);
    assertThat(visit(single)).containsExactly(new long[] {single.lowestEquivalentValue(5000), 3});
    Histogram plain = new Histogram(3_600_000_000L, 3);
    plain.recordValue(10);
    plain.recordValue(100_000);
    assertThat(visit(plain)).usingRecursiveComparison().isEqualTo(reference(plain));
    Histogram withZero = new PackedHistogram(3_600_000_000L, 3);
    withZero.recordValue(0);
    withZero.recordValue(42);
    assertThat(visit(withZero)).containsExactly(new long[] {0, 1}, new long[] {42, 1});
    Histogram coarse = new PackedHistogram(1000, 3_600_000_000L, 2);
    coarse.recordValue(1500);
    coarse.recordValue(9_000_000);
    assertThat(visit(coarse)).usingRecursiveComparison().isEqualTo(reference(coarse));
    Histogram wide = LatencyHistograms.create();
    wide.recordValue(3);
    wide.recordValue(2_000_000_000L);
    Histogram decoded = LatencyHistograms.decode(LatencyHistograms.encode(wide));
    assertThat(visit(decoded)).usingRecursiveComparison().isEqualTo(reference(wide));
    assertThat(visit(LatencyHistograms.create())).isEmpty();
    assertThat(visit(null)).isEmpty();
  }

  @Test
  @DisplayName("the summary equals HdrHistogram's own mean and percentiles")
  void summaryMatchesHdrHistogram() {
    Random random = new Random(3);
    for (int round = 0; round < 30; round++) {
      Histogram h = round % 2 == 0 ? LatencyHistograms.create() : new Histogram(3_600_000_000L, 3);
      int n = 1 + random.nextInt(2000);
      for (int i = 0; i < n; i++) {
        LatencyHistograms.record(h, 1 + (long) Math.abs(random.nextGaussian() * 50_000));
      }
      HistogramSummary s = HistogramSummary.of(h);
      assertThat(s.count()).isEqualTo(h.getTotalCount());
      assertThat(s.p50Ms()).isEqualTo(LatencyHistograms.toMillis(h.getValueAtPercentile(50)));
      assertThat(s.p90Ms()).isEqualTo(LatencyHistograms.toMillis(h.getValueAtPercentile(90)));
      assertThat(s.p99Ms()).isEqualTo(LatencyHistograms.toMillis(h.getValueAtPercentile(99)));
      assertThat(s.toJson().getDouble("p999"))
          .isEqualTo(LatencyHistograms.toMillis(h.getValueAtPercentile(99.9)));
      assertThat(s.meanMs()).isEqualTo(LatencyHistograms.toMillis(h.getMean()));
      assertThat(s.maxMs()).isEqualTo(LatencyHistograms.toMillis(h.getMaxValue()));
      assertThat(s.toJson().getDouble("min"))
          .isEqualTo(LatencyHistograms.toMillis(h.getMinValue()));
    }
    HistogramSummary empty = HistogramSummary.of(null);
    assertThat(empty.count()).isZero();
    assertThat(empty.p50Ms()).isNull();
    assertThat(empty.meanMs()).isNull();
  }
}
