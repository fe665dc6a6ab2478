package dev.wsmon.wrapper.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.ConnectionOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MonitorOptions")
class MonitorOptionsTest {

  @Test
  @DisplayName("defaults: loopback, port 8080, no token, 1 s samples")
  void defaults() {
    MonitorOptions o = new MonitorOptions();
    assertThat(o.getHttpHost()).isEqualTo("127.0.0.1");
    assertThat(o.getHttpPort()).isEqualTo(8080);
    assertThat(o.getToken()).isNull();
    assertThat(o.getNamespace()).isEqualTo("wsmon");
    assertThat(o.getSampleInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.getExportDirectory()).isEqualTo(".");
    assertThat(o.getEndpoints()).isEmpty();
  }

  @Test
  @DisplayName("JSON round trip keeps every key; copies are equal")
  void roundTrip() {
    JsonObject json =
        new JsonObject()
            .put("namespace", "mon")
            .put(
                "endpoints",
                new JsonArray()
                    .add(new JsonObject().put("uri", "ws://127.0.0.1:9/a").put("connections", 3))
                    .add("ws://127.0.0.1:9/b"))
            .put("statsInterval", "10s")
            .put("sampleInterval", "250ms")
            .put("logStats", false)
            .put("trackEvents", false)
            .put("historySize", 50)
            .put("seriesCapacity", 100)
            .put("httpHost", "0.0.0.0")
            .put("httpPort", 0)
            .put("token", "s3cret")
            .put("exportDirectory", "/tmp/x");
    MonitorOptions o = new MonitorOptions(json);
    assertThat(o.getEndpoints()).hasSize(2);
    assertThat(o.getEndpoints().get(0).getConnections()).isEqualTo(3);
    assertThat(o.getTrackerOptions().getNamespace()).isEqualTo("mon");
    assertThat(o.getTrackerOptions().getHistorySize()).isEqualTo(50);
    assertThat(o.getTrackerOptions().isLogStats()).isFalse();
    assertThat(o.getSampleInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(o.getToken()).isEqualTo("s3cret");
    MonitorOptions back = new MonitorOptions(o.toJson());
    assertThat(back).isEqualTo(o);
    assertThat(back.toJson()).isEqualTo(o.toJson());
    assertThat(new MonitorOptions(o)).isEqualTo(o).hasSameHashCodeAs(o);
    assertThat(o.toString()).doesNotContain("s3cret").contains("***");
  }

  @Test
  @DisplayName("endpoints from JSON are pinged every 10 s unless pingInterval is given")
  void pingDefault() {
    MonitorOptions o =
        new MonitorOptions(
            new JsonObject()
                .put("uri", "ws://127.0.0.1:9/u")
                .put(
                    "endpoints",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("uri", "ws://127.0.0.1:9/a")
                                .put("pingInterval", 0))
                        .add("ws://127.0.0.1:9/b")));
    assertThat(o.getEndpoints())
        .extracting(ConnectionOptions::getPingInterval)
        .containsExactly(Duration.ofSeconds(10), Duration.ZERO, Duration.ofSeconds(10));
    assertThat(new MonitorOptions().addEndpoint("ws://h/x").getEndpoints().get(0).getPingInterval())
        .isEqualTo(MonitorOptions.DEFAULT_PING_INTERVAL);
  }

  @Test
  @DisplayName("bad values are rejected, naming the key and the value")
  void badValues() {
    assertThatThrownBy(() -> new MonitorOptions(new JsonObject().put("httpPrt", 1)))
        .hasMessageContaining("unknown monitor option 'httpPrt'");
    assertThatThrownBy(() -> new MonitorOptions(new JsonObject().put("httpPort", 70000)))
        .hasMessageContaining("httpPort must be 0..65535, got 70000");
    assertThatThrownBy(() -> new MonitorOptions(new JsonObject().put("httpPort", "80")))
        .hasMessageContaining("httpPort must be an integer, got 80");
    assertThatThrownBy(() -> new MonitorOptions(new JsonObject().put("sampleInterval", "soon")))
        .hasMessageContaining("sampleInterval");
    assertThatThrownBy(
            () ->
                new MonitorOptions(
                    new JsonObject().put("endpoints", new JsonArray().add("http://x/"))))
        .hasMessageContaining("endpoints[0]")
        .hasMessageContaining("http://x/");
    assertThatThrownBy(
            () -> new MonitorOptions(new JsonObject().put("endpoints", new JsonArray().add(3))))
        .hasMessageContaining("endpoints[0] must be an endpoint object or a URI, got 3");
    assertThatThrownBy(() -> new MonitorOptions(new JsonObject().put("endpoints", "ws://x")))
        .hasMessageContaining("endpoints must be a list");
    assertThatThrownBy(() -> new MonitorOptions().setToken("has space"))
        .hasMessageContaining("token must be printable ASCII")
        .hasMessageNotContaining("has space");
    assertThatThrownBy(() -> new MonitorOptions().setToken("")).hasMessageContaining("token");
    assertThatThrownBy(() -> new MonitorOptions().setHttpHost(" "))
        .hasMessageContaining("httpHost");
    assertThatThrownBy(() -> new MonitorOptions().setExportDirectory(""))
        .hasMessageContaining("exportDirectory");
    assertThatThrownBy(() -> new MonitorOptions().setNamespace("a b")).hasMessageContaining("a b");
    assertThatThrownBy(() -> new MonitorOptions().addEndpoint(new ConnectionOptions()))
        .hasMessageContaining("endpoints[0].uri must be set");
  }
}
