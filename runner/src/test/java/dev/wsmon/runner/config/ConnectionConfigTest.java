package dev.wsmon.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ReconnectPolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ConnectionConfig: settings as option JSON, endpoints through the JSON constructor")
class ConnectionConfigTest {

  private static final Map<String, String> ORIGINS =
      Map.of("jitter", "--jitter", "headers", "WSMON_HEADERS", "insecure", "insecure in f.yaml");

  private static ConnectionConfig read(JsonObject values) {
    return ConnectionConfig.read(values, key -> ORIGINS.getOrDefault(key, key + " in f.yaml"));
  }

  @Test
  @DisplayName("text values are typed to the options' JSON; aliases become the options' names")
  void typedJson() {
    ConnectionConfig c =
        read(
            new JsonObject()
                .put("jitter", "0.5")
                .put("autoReconnect", "off")
                .put("insecure", "yes")
                .put("headers", new JsonArray().add("X-A: 1"))
                .put("subprotocols", "a, b")
                .put("trustStorePassword", 123456)
                .put("ignored", "not a connection key"));
    assertThat(c.json())
        .isEqualTo(
            new JsonObject()
                .put("trustAll", true)
                .put("verifyHost", false)
                .put("headers", new JsonObject().put("X-A", "1"))
                .put("subprotocols", new JsonArray().add("a").add("b"))
                .put("trustStorePassword", "123456")
                .put("autoReconnect", false)
                .put("jitter", "0.5"));
    ReconnectPolicy p = c.reconnectPolicy();
    assertThat(p.getJitter()).isEqualTo(0.5);
    assertThat(p.isAutoReconnect()).isFalse();
  }

  @Test
  @DisplayName("an endpoint's own keys win; defaults are the options' own")
  void endpointOverSettings() {
    ConnectionConfig c = read(new JsonObject().put("connections", 3).put("pingInterval", "2s"));
    ConnectionOptions o =
        c.endpoint(new JsonObject().put("uri", "ws://h:1/").put("connections", 5));
    assertThat(o.getConnections()).isEqualTo(5);
    assertThat(o.getPingInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.getPongTimeout()).isEqualTo(ConnectionOptions.DEFAULT_PONG_TIMEOUT);
    assertThat(c.defaults().getConnections()).isEqualTo(3);
  }

  @Test
  @DisplayName("errors name the origin and the value; secrets are left out")
  void errors() {
    assertThatThrownBy(() -> read(new JsonObject().put("jitter", 2)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("invalid --jitter value '2': jitter");
    assertThatThrownBy(() -> read(new JsonObject().put("headers", "Secret-Token")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("WSMON_HEADERS")
        .hasMessageContaining("Name: value");
    assertThatThrownBy(() -> read(new JsonObject().put("keyStorePassword", new JsonArray())))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid keyStorePassword in f.yaml: keyStorePassword must be a text value (a file, a"
                + " type or a URI)");
    assertThatThrownBy(() -> read(new JsonObject().put("keyFile", "/k.pem")).defaults())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("invalid keyFile in f.yaml: ");
  }
}
