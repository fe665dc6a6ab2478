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

@DisplayName("FeedOptions and the feed part of a delta")
class FeedOptionsTest {

  @Test
  @DisplayName("FeedOptions: defaults, every key read from the flat connection JSON, copy, toJson")
  void options() {
    FeedOptions d = new ConnectionOptions("ws://h/x").getFeedOptions();
    assertThat(d.getSeqField()).isEqualTo(FeedOptions.DEFAULT_SEQ_FIELD).isNull();
    assertThat(d.getTsField()).isEqualTo(FeedOptions.DEFAULT_TS_FIELD).isNull();
    assertThat(d.getTsUnit()).isEqualTo(FeedOptions.DEFAULT_TS_UNIT).isEqualTo(TimestampUnit.AUTO);
    assertThat(d.getMaxSilence()).isEqualTo(FeedOptions.DEFAULT_MAX_SILENCE).isZero();
    assertThat(d.isEnabled()).isFalse();
    assertThat(new FeedOptions().setTsField("t").isEnabled()).isTrue();
    assertThat(new FeedOptions().setSeqField("s").isEnabled()).isTrue();
    assertThat(new FeedOptions().setMaxSilence(Duration.ofSeconds(1)).isEnabled()).isTrue();

    JsonObject json =
        new JsonObject()
            .put("uri", "ws://h/x")
            .put("seqField", "data.seq")
            .put("tsField", "data.ts")
            .put("tsUnit", "us")
            .put("maxSilence", "2s");
    ConnectionOptions o = new ConnectionOptions(json);
    FeedOptions f = o.getFeedOptions();
    assertThat(f.getSeqField()).isEqualTo("data.seq");
    assertThat(f.getTsField()).isEqualTo("data.ts");
    assertThat(f.getTsUnit()).isEqualTo(TimestampUnit.US);
    assertThat(f.getMaxSilence()).isEqualTo(Duration.ofSeconds(2));
    assertThat(f.isEnabled()).isTrue();
    assertThat(new FeedOptions(json)).isEqualTo(f);
    assertThat(new FeedOptions(f)).isEqualTo(f).isNotSameAs(f);
    assertThat(f.toJson())
        .isEqualTo(
            new JsonObject()
                .put("seqField", "data.seq")
                .put("tsField", "data.ts")
                .put("tsUnit", "US")
                .put("maxSilence", "2s"));
    assertThat(o.toJson().getString("maxSilence")).isEqualTo("2s");
    assertThat(o.toJson().getString("seqField")).isEqualTo("data.seq");
    assertThat(o.toJson().containsKey("feedOptions")).isFalse();
    assertThat(new ConnectionOptions(o.toJson())).isEqualTo(o);
    assertThat(new ConnectionOptions(o)).isEqualTo(o);
    f.setSeqField(null).setTsField(null);
    assertThat(o.toJson().containsKey("seqField")).as("getter is live").isFalse();
    FeedOptions set = new FeedOptions().setSeqField("n");
    ConnectionOptions withSet = new ConnectionOptions("ws://h/x").setFeedOptions(set);
    set.setSeqField("changed");
    assertThat(withSet.getFeedOptions().getSeqField()).as("setter copies").isEqualTo("n");
  }

  @Test
  @DisplayName("bad feed options are rejected naming the field and the value")
  void validation() {
    FeedOptions o = new FeedOptions();
    assertThatThrownBy(() -> o.setSeqField("data..seq"))
        .hasMessage("seqField must be a dotted JSON field path such as data.seq, got 'data..seq'");
    assertThatThrownBy(() -> o.setTsField(" "))
        .hasMessageContaining("tsField")
        .hasMessageContaining("' '");
    assertThatThrownBy(() -> o.setTsField(".ts")).hasMessageContaining("'.ts'");
    assertThatThrownBy(() -> o.setSeqField("seq.")).hasMessageContaining("'seq.'");
    assertThatThrownBy(() -> o.setMaxSilence(Duration.ofSeconds(-1)))
        .hasMessageContaining("maxSilence");
    assertThatThrownBy(() -> o.setTsUnit(null)).hasMessageContaining("tsUnit");
    assertThatThrownBy(() -> new ConnectionOptions(new JsonObject().put("tsUnit", "minutes")))
        .hasMessageContaining("tsUnit")
        .hasMessageContaining("minutes");
    assertThatThrownBy(() -> new FeedOptions(new JsonObject().put("seqField", 7)))
        .hasMessageContaining("seqField");
    assertThatThrownBy(() -> new ConnectionOptions().setFeedOptions(null))
        .hasMessageContaining("feedOptions");
  }

  @Test
  @DisplayName("a delta's feed part survives the wire; absent when null; old constructor works")
  void wire() {
    Histogram e2e = LatencyHistograms.create();
    LatencyHistograms.record(e2e, 50_000);
    FeedDelta feed = new FeedDelta(2, 3, 4, 5, 1, 6, 1, null, e2e, 12.5, Boolean.TRUE);
    ConnectionDelta delta =
        new ConnectionDelta(
            "c-1", "g", 0, 7, 0, 70, 0, 0, 0, 0, null, null, null, null, feed, null, 0);
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
            "c-1", "g", 0, 7, 0, 70, 0, 0, 0, 0, null, null, null, null, null, null, 0);
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
