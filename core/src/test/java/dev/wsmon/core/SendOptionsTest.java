package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SendOptions: the sending group of ConnectionOptions, flat in its JSON")
class SendOptionsTest {

  @Test
  @DisplayName("defaults are the DEFAULT_* constants")
  void defaults() {
    SendOptions d = new ConnectionOptions("ws://h/").getSendOptions();
    assertThat(d.getSendBufferSize()).isEqualTo(SendOptions.DEFAULT_SEND_BUFFER_SIZE).isZero();
    assertThat(d.getBackpressure()).isEqualTo(SendOptions.DEFAULT_BACKPRESSURE);
    assertThat(d.getMaxPendingWrites()).isEqualTo(SendOptions.DEFAULT_MAX_PENDING_WRITES);
    assertThat(d.getCorrelation()).isEqualTo(SendOptions.DEFAULT_CORRELATION);
    assertThat(d.getMaxPendingRequests()).isEqualTo(SendOptions.DEFAULT_MAX_PENDING_REQUESTS);
    assertThat(d).isEqualTo(new SendOptions());
  }

  @Test
  @DisplayName("flat keys are read into the group and written back flat; copy; live getter")
  void flatJson() {
    JsonObject json =
        new JsonObject()
            .put("uri", "ws://h/")
            .put("sendBufferSize", 4)
            .put("backpressure", "FAIL")
            .put("maxPendingWrites", "12")
            .put("correlation", "json:id")
            .put("maxPendingRequests", 3);
    ConnectionOptions o = new ConnectionOptions(json);
    SendOptions s = o.getSendOptions();
    assertThat(s.getSendBufferSize()).isEqualTo(4);
    assertThat(s.getBackpressure()).isEqualTo(Backpressure.FAIL);
    assertThat(s.getMaxPendingWrites()).isEqualTo(12);
    assertThat(s.getCorrelation()).isEqualTo(Correlation.jsonField("id"));
    assertThat(s.getMaxPendingRequests()).isEqualTo(3);
    assertThat(s.toJson())
        .isEqualTo(
            new JsonObject()
                .put("sendBufferSize", 4)
                .put("backpressure", "FAIL")
                .put("maxPendingWrites", 12)
                .put("correlation", "json:id")
                .put("maxPendingRequests", 3));
    JsonObject back = o.toJson();
    assertThat(back.containsKey("sendOptions")).isFalse();
    assertThat(back.getInteger("sendBufferSize")).isEqualTo(4);
    assertThat(back.getString("correlation")).isEqualTo("json:id");
    assertThat(new ConnectionOptions(back)).isEqualTo(o);
    assertThat(new SendOptions(json)).isEqualTo(s);
    assertThat(new SendOptions(s)).isEqualTo(s).isNotSameAs(s);

    s.setSendBufferSize(9);
    assertThat(o.toJson().getInteger("sendBufferSize")).as("getter is live").isEqualTo(9);
    SendOptions given = new SendOptions().setMaxPendingWrites(5);
    ConnectionOptions withGiven = new ConnectionOptions("ws://h/").setSendOptions(given);
    given.setMaxPendingWrites(6);
    assertThat(withGiven.getSendOptions().getMaxPendingWrites()).as("setter copies").isEqualTo(5);
  }

  @Test
  @DisplayName("bad values are rejected naming the key and the value")
  void validation() {
    SendOptions s = new SendOptions();
    assertThatThrownBy(() -> s.setSendBufferSize(-1))
        .hasMessage("sendBufferSize must not be negative, got -1");
    assertThatThrownBy(() -> s.setMaxPendingWrites(0))
        .hasMessage("maxPendingWrites must be at least 1, got 0");
    assertThatThrownBy(() -> s.setMaxPendingRequests(0))
        .hasMessage("maxPendingRequests must be at least 1, got 0");
    assertThatThrownBy(() -> s.setBackpressure(null)).hasMessageContaining("backpressure");
    assertThatThrownBy(() -> s.setCorrelation(null)).hasMessageContaining("correlation");
    assertThatThrownBy(() -> new SendOptions(new JsonObject().put("backpressure", "DROP")))
        .hasMessageContaining("backpressure")
        .hasMessageContaining("DROP");
    assertThatThrownBy(() -> new ConnectionOptions(new JsonObject().put("maxPendingWrites", "x")))
        .hasMessageContaining("maxPendingWrites")
        .hasMessageContaining("x");
    assertThatThrownBy(() -> new ConnectionOptions().setSendOptions(null))
        .hasMessageContaining("sendOptions");
  }
}
