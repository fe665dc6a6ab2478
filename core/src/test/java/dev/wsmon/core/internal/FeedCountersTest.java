package dev.wsmon.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.FeedDelta;
import dev.wsmon.core.LatencyHistograms;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FeedCounters: the seven feed counters, defined once")
class FeedCountersTest {

  private static FeedCounters sample() {
    FeedCounters c = new FeedCounters();
    c.gaps = 3;
    c.missing = -2;
    c.duplicates = 4;
    c.outOfOrder = 5;
    c.resets = 6;
    c.unparsed = 7;
    c.filled = 1;
    return c;
  }

  @Test
  @DisplayName("a delta carries all seven; adding it back gives the same counters")
  void deltaRoundTrip() {
    FeedCounters c = sample();
    Histogram e2e = LatencyHistograms.create();
    e2e.recordValue(1500);
    FeedDelta d = c.toDelta(null, e2e, 12.5, Boolean.TRUE);

    FeedCounters back = new FeedCounters();
    back.add(d);
    back.add(d);

    assertThat(back.writeTo(new JsonObject()))
        .isEqualTo(
            new JsonObject()
                .put("gaps", 6L)
                .put("missing", -4L)
                .put("duplicates", 8L)
                .put("out_of_order", 10L)
                .put("resets", 12L)
                .put("unparsed", 14L)
                .put("filled", 2L));
    assertThat(d.netGaps()).isEqualTo(2);
    assertThat(d.e2e()).isSameAs(e2e);
    assertThat(d.maxSilenceMs()).isEqualTo(12.5);
    assertThat(d.stale()).isTrue();
  }

  @Test
  @DisplayName("the wire form reads back; a missing key is 0; FeedDelta's JSON uses it")
  void wireForm() {
    FeedCounters c = sample();
    JsonObject json = c.writeTo(new JsonObject());
    assertThat(FeedCounters.readFrom(json).writeTo(new JsonObject())).isEqualTo(json);
    assertThat(FeedCounters.readFrom(new JsonObject()).writeTo(new JsonObject()))
        .isEqualTo(new FeedCounters().writeTo(new JsonObject()));

    FeedDelta d = c.toDelta(null, null, 3.0, null);
    JsonObject wire = d.toJson();
    assertThat(wire.fieldNames()).containsAll(java.util.List.of(FeedCounters.KEYS));
    assertThat(FeedDelta.fromJson(wire)).isEqualTo(d);
  }

  @Test
  @DisplayName("the stats block shows six counters, gaps net of the gaps filled; clear zeroes all")
  void statsForm() {
    FeedCounters c = sample();
    JsonObject stats = c.writeStatsTo(new JsonObject());
    assertThat(stats.getLong("gaps")).isEqualTo(2);
    assertThat(stats.containsKey("filled")).isFalse();
    assertThat(stats.size()).isEqualTo(6);

    FeedCounters sum = new FeedCounters();
    sum.add(c);
    sum.add(c);
    assertThat(sum.netGaps()).isEqualTo(4);
    sum.clearCounters();
    assertThat(sum.writeTo(new JsonObject()).stream().allMatch(e -> ((Long) e.getValue()) == 0))
        .isTrue();
  }
}
