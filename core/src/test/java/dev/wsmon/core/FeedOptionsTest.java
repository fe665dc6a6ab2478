package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("feed options and the feed part of a delta")
class FeedOptionsTest {

  @Test
  @DisplayName("seqField, tsField, tsUnit, maxSilence: defaults, JSON round trip, copy")
  void options() {
    ConnectionOptions d = new ConnectionOptions("ws://h/x");
    assertThat(d.getSeqField()).isNull();
    assertThat(d.getTsField()).isNull();
    assertThat(d.getTsUnit()).isEqualTo(TimestampUnit.AUTO);
    assertThat(d.getMaxSilence()).isZero();
    assertThat(d.isFeedMonitored()).isFalse();
    assertThat(new ConnectionOptions("ws://h/x").setTsField("t").isFeedMonitored()).isTrue();
    assertThat(
            new ConnectionOptions("ws://h/x")
                .setMaxSilence(Duration.ofSeconds(1))
                .isFeedMonitored())
        .isTrue();

    JsonObject json =
        new JsonObject()
            .put("uri", "ws://h/x")
            .put("seqField", "data.seq")
            .put("tsField", "data.ts")
            .put("tsUnit", "us")
            .put("maxSilence", "2s");
    ConnectionOptions o = new ConnectionOptions(json);
    assertThat(o.getSeqField()).isEqualTo("data.seq");
    assertThat(o.getTsField()).isEqualTo("data.ts");
    assertThat(o.getTsUnit()).isEqualTo(TimestampUnit.US);
    assertThat(o.getMaxSilence()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.isFeedMonitored()).isTrue();
    assertThat(o.toJson().getString("maxSilence")).isEqualTo("2s");
    assertThat(new ConnectionOptions(o.toJson())).isEqualTo(o);
    assertThat(new ConnectionOptions(o)).isEqualTo(o);
    assertThat(o.setSeqField(null).setTsField(null).toJson().containsKey("seqField")).isFalse();
  }

  @Test
  @DisplayName("bad feed options are rejected naming the field and the value")
  void validation() {
    ConnectionOptions o = new ConnectionOptions();
    assertThatThrownBy(() -> o.setSeqField("data..seq"))
        .hasMessage("seqField must be a dotted JSON field path such as data.seq, got 'data..seq'");
    assertThatThrownBy(() -> o.setTsField(" "))
        .hasMessageContaining("tsField")
        .hasMessageContaining("' '");
    assertThatThrownBy(() -> o.setTsField(".ts")).hasMessageContaining("'.ts'");
    assertThatThrownBy(() -> o.setSeqField("seq.")).hasMessageContaining("'seq.'");
    assertThatThrownBy(() -> o.setMaxSilence(Duration.ofSeconds(-1)))
        .hasMessageContaining("maxSilence");
    assertThatThrownBy(() -> new ConnectionOptions(new JsonObject().put("tsUnit", "minutes")))
        .hasMessageContaining("tsUnit")
        .hasMessageContaining("minutes");
  }

  @Test
  @DisplayName("a delta's feed part survives the wire; absent when null; old constructor works")
  void wire() {
    Histogram e2e = LatencyHistograms.create();
    LatencyHistograms.record(e2e, 50_000);
    FeedDelta feed = new FeedDelta(2, 3, 4, 5, 1, 6, 1, null, e2e, 12.5, Boolean.TRUE);
    ConnectionDelta delta =
        new ConnectionDelta(
            "c-1", "g", 0, 7, 0, 70, 0, 0, 0, 0, null, null, null, null, feed, null);
    TrafficBatch back =
        TrafficBatch.fromJson(
            new JsonObject(new TrafficBatch("d", Instant.EPOCH, List.of(delta)).toJson().encode()));
    FeedDelta f = back.deltas().get(0).feed();
    assertThat(f.gaps()).isEqualTo(2);
    assertThat(f.missing()).isEqualTo(3);
    assertThat(f.duplicates()).isEqualTo(4);
    assertThat(f.outOfOrder()).isEqualTo(5);
    assertThat(f.resets()).isEqualTo(1);
    assertThat(f.unparsed()).isEqualTo(6);
    assertThat(f.filled()).isEqualTo(1);
    assertThat(f.interArrival()).isNull();
    assertThat(f.e2e().getTotalCount()).isEqualTo(1);
    assertThat(f.maxSilenceMs()).isEqualTo(12.5);
    assertThat(f.stale()).isTrue();

    ConnectionDelta plain =
        new ConnectionDelta(
            "c-1", "g", 0, 7, 0, 70, 0, 0, 0, 0, null, null, null, null, null, null);
    assertThat(plain.feed()).isNull();
    assertThat(plain.toJson().containsKey("feed")).isFalse();
    assertThat(ConnectionDelta.fromJson(plain.toJson()).feed()).isNull();
    FeedDelta unchanged =
        FeedDelta.fromJson(new FeedDelta(0, 0, 0, 0, 0, 0, 0, e2e, null, 0, null).toJson());
    assertThat(unchanged.stale()).isNull();
    assertThat(unchanged.interArrival().getTotalCount()).isEqualTo(1);
    assertThatThrownBy(() -> FeedDelta.fromJson(new JsonObject().put("gaps", "many")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed feed delta");
  }
}
