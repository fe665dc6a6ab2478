package dev.wsmon.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TrackerOptions")
class TrackerOptionsTest {

  @Test
  @DisplayName("has the documented defaults")
  void defaults() {
    TrackerOptions o = new TrackerOptions();
    assertThat(o.getNamespace()).isEqualTo("wsmon");
    assertThat(o.getStatsInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.getSampleInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.isLogStats()).isTrue();
    assertThat(o.isTrackEvents()).isTrue();
    assertThat(o.getHistorySize()).isEqualTo(1000);
    assertThat(o.getSeriesCapacity()).isEqualTo(10_000);
    assertThat(o.isPerConnectionMeterTags()).isFalse();
  }

  @Test
  @DisplayName("round-trips through JSON and copies")
  void jsonRoundTrip() {
    TrackerOptions o =
        new TrackerOptions()
            .setNamespace("ns-2")
            .setStatsInterval(Duration.ofSeconds(5))
            .setSampleInterval(Duration.ofMillis(250))
            .setLogStats(false)
            .setTrackEvents(false)
            .setHistorySize(10)
            .setSeriesCapacity(4)
            .setPerConnectionMeterTags(true);
    JsonObject json = o.toJson();
    assertThat(json.getString("statsInterval")).isEqualTo("5s");
    assertThat(json.getString("sampleInterval")).isEqualTo("250ms");
    assertThat(new TrackerOptions(json).toJson()).isEqualTo(json);
    assertThat(new TrackerOptions(o).toJson()).isEqualTo(json);
    assertThat(o.toString()).contains("ns-2");
  }

  @Test
  @DisplayName("reads durations as text or milliseconds and ignores unknown keys")
  void readsConfig() {
    TrackerOptions o =
        new TrackerOptions(
            new JsonObject()
                .put("statsInterval", 1500)
                .put("sampleInterval", "2s")
                .put("historySize", 5L)
                .put("reconnectDelay", "5s"));
    assertThat(o.getStatsInterval()).isEqualTo(Duration.ofMillis(1500));
    assertThat(o.getSampleInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.getHistorySize()).isEqualTo(5);
  }

  @Test
  @DisplayName("rejects bad values naming the field and the value")
  void validates() {
    assertThatThrownBy(() -> new TrackerOptions().setHistorySize(0))
        .hasMessage("historySize must be at least 1, got 0");
    assertThatThrownBy(() -> new TrackerOptions().setSeriesCapacity(1))
        .hasMessage("seriesCapacity must be at least 2, got 1");
    assertThatThrownBy(() -> new TrackerOptions().setSampleInterval(Duration.ZERO))
        .hasMessage("sampleInterval must be at least 1ms, got 0ms");
    assertThatThrownBy(() -> new TrackerOptions().setNamespace("a b"))
        .hasMessageContaining("'a b'");
    assertThatThrownBy(() -> new TrackerOptions(new JsonObject().put("logStats", "yes")))
        .hasMessage("logStats must be true or false, got yes");
    assertThatThrownBy(() -> new TrackerOptions(new JsonObject().put("historySize", "ten")))
        .hasMessage("historySize must be an integer, got ten");
    assertThatThrownBy(() -> new TrackerOptions(new JsonObject().put("namespace", 3)))
        .hasMessage("namespace must be a string, got 3");
    assertThatThrownBy(() -> new TrackerOptions(new JsonObject().put("statsInterval", "soon")))
        .hasMessageContaining("statsInterval")
        .hasMessageContaining("soon");
  }
}
