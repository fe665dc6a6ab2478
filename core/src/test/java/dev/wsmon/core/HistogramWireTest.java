package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.impl.HistogramBuckets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("histogram buckets and their wire form")
class HistogramWireTest {

  private static List<long[]> buckets(Histogram h) {
    List<long[]> out = new ArrayList<>();
    LatencyHistograms.forEachBucket(h, (v, n) -> out.add(new long[] {v, n}));
    return out;
  }

  private static List<long[]> reference(Histogram h) {
    List<long[]> out = new ArrayList<>();
    HistogramBuckets.forEachRecorded(h, (v, n) -> out.add(new long[] {v, n}));
    return out;
  }

  @Test
  @DisplayName("the packed walk is available and visits the same buckets as HdrHistogram")
  void packedWalkMatchesRecordedValues() {
    assertThat(HistogramBuckets.fastPathAvailable()).isTrue();
    Random random = new Random(11);
    for (int round = 0; round < 50; round++) {
      Histogram h = LatencyHistograms.create();
      int n = 1 + random.nextInt(300);
      for (int i = 0; i < n; i++) {
        LatencyHistograms.record(
            h, (long) (random.nextDouble() * Math.pow(10, random.nextInt(10))));
      }
      assertThat(buckets(h)).usingRecursiveComparison().isEqualTo(reference(h));
    }
  }

  @Test
  @DisplayName("the wire form is the [value, count, ...] list of non-zero buckets and reads back")
  void wireFormIsBucketPairs() {
    Histogram h = LatencyHistograms.create();
    LatencyHistograms.record(h, 250);
    LatencyHistograms.record(h, 250);
    LatencyHistograms.record(h, 3_000_000_000L);
    JsonObject json = new JsonObject();

    LatencyHistograms.putIfPresent(json, "ping_rtt", h);

    assertThat(json.getJsonArray("ping_rtt"))
        .isEqualTo(
            new JsonArray().add(250L).add(2L).add(h.lowestEquivalentValue(3_000_000_000L)).add(1L));
    Histogram back = LatencyHistograms.getIfPresent(new JsonObject(json.encode()), "ping_rtt");
    assertThat(buckets(back)).usingRecursiveComparison().isEqualTo(buckets(h));
    assertThat(back.getTotalCount()).isEqualTo(3);
    assertThat(LatencyHistograms.getIfPresent(json, "rtt")).isNull();
  }

  @Test
  @DisplayName("the older base64 form still reads; malformed lists name the key")
  void olderFormAndMalformed() {
    Histogram h = LatencyHistograms.create();
    LatencyHistograms.record(h, 1234);
    JsonObject old = new JsonObject().put("rtt", LatencyHistograms.encode(h));
    assertThat(LatencyHistograms.getIfPresent(old, "rtt").getTotalCount()).isEqualTo(1);
    assertThatThrownBy(
            () ->
                LatencyHistograms.getIfPresent(
                    new JsonObject().put("rtt", new JsonArray().add(5)), "rtt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'rtt'");
    assertThatThrownBy(
            () ->
                LatencyHistograms.getIfPresent(
                    new JsonObject().put("rtt", new JsonArray().add(5).add("x")), "rtt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'rtt'");
    assertThatThrownBy(
            () ->
                LatencyHistograms.getIfPresent(
                    new JsonObject().put("rtt", new JsonArray().add(5).add(0)), "rtt"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
