package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.LatencyHistograms;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IntervalHistogram: packed for quiet connections, a bounded dense one for busy ones")
class IntervalHistogramTest {

  @Test
  @DisplayName("a busy interval gives exactly the values a packed histogram would hold")
  void busyIntervalIsExact() {
    IntervalHistogram h = new IntervalHistogram();
    Histogram expected = LatencyHistograms.create();
    int lentBefore = IntervalHistogram.lent();
    for (int i = 0; i < 5_000; i++) {
      long nanos = 20_000L + (i * 7919L % 3_000_000L);
      h.recordNanos(nanos);
      LatencyHistograms.recordNanos(expected, nanos);
    }
    assertThat(IntervalHistogram.lent()).isEqualTo(lentBefore + 1);
    Histogram taken = h.take();
    assertThat(taken.getTotalCount()).isEqualTo(5_000);
    for (double p : new double[] {0, 50, 90, 99, 99.9, 100}) {
      assertThat(taken.getValueAtPercentile(p))
          .as("p" + p)
          .isEqualTo(expected.getValueAtPercentile(p));
    }
    assertThat(h.isEmpty()).isTrue();
    // a quiet interval after a busy one: values kept, the dense histogram given back
    h.recordNanos(1_000_000);
    assertThat(h.take().getTotalCount()).isEqualTo(1);
    assertThat(IntervalHistogram.lent()).isEqualTo(lentBefore);
    assertThat(h.take()).isNull();
  }

  @Test
  @DisplayName("at most MAX_DENSE are lent JVM-wide; the others stay packed and exact")
  void budgetIsBounded() {
    int lentBefore = IntervalHistogram.lent();
    List<IntervalHistogram> busy = new ArrayList<>();
    for (int k = 0; k < IntervalHistogram.MAX_DENSE + 10; k++) {
      IntervalHistogram h = new IntervalHistogram();
      for (int i = 0; i < IntervalHistogram.DENSE_AFTER + 1; i++) {
        h.recordNanos(50_000);
      }
      busy.add(h);
    }
    assertThat(IntervalHistogram.lent()).isEqualTo(IntervalHistogram.MAX_DENSE);
    for (IntervalHistogram h : busy) {
      assertThat(h.take().getTotalCount()).isEqualTo(IntervalHistogram.DENSE_AFTER + 1);
      h.release();
    }
    assertThat(IntervalHistogram.lent())
        .isEqualTo(Math.min(lentBefore, IntervalHistogram.MAX_DENSE));
  }
}
