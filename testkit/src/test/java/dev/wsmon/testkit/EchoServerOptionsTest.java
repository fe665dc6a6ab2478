package dev.wsmon.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("EchoServerOptions")
class EchoServerOptionsTest {

  @Test
  @DisplayName("defaults, JSON round trip and copy")
  void roundTrip() {
    EchoServerOptions d = new EchoServerOptions();
    assertThat(d.getHost()).isEqualTo("127.0.0.1");
    assertThat(d.getPort()).isZero();
    assertThat(d.getAcceptBacklog()).isEqualTo(EchoServerOptions.DEFAULT_ACCEPT_BACKLOG);
    assertThat(d.getMaxFrameSize()).isEqualTo(65536);
    assertThat(d.getMaxMessageSize()).isEqualTo(16 * 1024 * 1024);
    assertThat(d.isTls()).isFalse();
    EchoServerOptions o =
        new EchoServerOptions()
            .setHost("::1")
            .setPort(8080)
            .setAcceptBacklog(10)
            .setMaxFrameSize(1000)
            .setMaxMessageSize(2000)
            .setFaults(FaultSpec.parse("no-pong").add("delay=5ms"))
            .setTls(true)
            .setTlsCertificateHost("elsewhere.test")
            .setRequireClientCertificate(true);
    assertThat(d.getTlsCertificateHost()).isEqualTo("localhost");
    assertThat(d.isRequireClientCertificate()).isFalse();
    JsonObject json = o.toJson();
    assertThat(json.getString("tlsCertificateHost")).isEqualTo("elsewhere.test");
    assertThat(json.getBoolean("requireClientCertificate")).isTrue();
    assertThat(json.getJsonArray("faults").getList())
        .containsExactly("delay=5ms", "no-pong", "tls");
    EchoServerOptions back = new EchoServerOptions(json);
    assertThat(back.toJson()).isEqualTo(json);
    assertThat(new EchoServerOptions(o).toJson()).isEqualTo(json);
    assertThat(new EchoServerOptions(new JsonObject()).toJson())
        .isEqualTo(new EchoServerOptions().toJson());
  }

  @Test
  @DisplayName("setters reject bad values naming them")
  void validation() {
    EchoServerOptions o = new EchoServerOptions();
    assertThatThrownBy(() -> o.setHost(" ")).hasMessageContaining("host");
    assertThatThrownBy(() -> o.setPort(70000)).hasMessageContaining("70000");
    assertThatThrownBy(() -> o.setAcceptBacklog(0)).hasMessageContaining("acceptBacklog");
    assertThatThrownBy(() -> o.setMaxFrameSize(1)).hasMessageContaining("maxFrameSize");
    assertThatThrownBy(() -> o.setMaxMessageSize(1)).hasMessageContaining("maxMessageSize");
    assertThatThrownBy(
            () ->
                new EchoServerOptions(
                    new JsonObject().put("faults", new io.vertx.core.json.JsonArray().add("nope"))))
        .hasMessageContaining("'nope'");
  }
}
