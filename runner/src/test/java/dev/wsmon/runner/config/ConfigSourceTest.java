package dev.wsmon.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.Correlation;
import dev.wsmon.core.ReconnectPolicy;
import dev.wsmon.runner.load.RunSettings;
import dev.wsmon.runner.report.Threshold;
import io.vertx.core.json.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourceTest {

  @TempDir Path dir;

  @Test
  void yamlFileEnvironmentAndFlagsInPrecedenceOrder() throws Exception {
    Path yaml = dir.resolve("wsmon.yaml");
    Files.writeString(
        yaml,
        "uri: ws://file:1/x\n"
            + "connections: 3\n"
            + "reconnectDelay: 250ms\n"
            + "max-reconnect-attempts: 7\n"
            + "headers:\n  Authorization: Bearer abc\n"
            + "thresholds:\n  - success_rate>=99\n"
            + "send: hi {conn}\n");
    ConfigSource source =
        new ConfigSource()
            .addFile(yaml, RunSettings.KEYS)
            .addEnvironment(
                Map.of(
                    "WSMON_CONNECTIONS", "4",
                    "WSMON_RECONNECT_DELAY", "2s",
                    "WSMON_SUBPROTOCOLS", "a, b",
                    "WSMON_JAVA_OPTS", "-Xmx1g"),
                RunSettings.KEYS)
            .put("connections", "5", "--connections");
    RunSettings s = RunSettings.from(source);
    assertThat(s.endpoints).hasSize(1);
    assertThat(s.endpoints.get(0).uri().text()).isEqualTo("ws://file:1/x");
    assertThat(s.connections).isEqualTo(5);
    ConnectionOptions o = s.connection.defaults();
    assertThat(o.getReconnectPolicy().getReconnectDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.getReconnectPolicy().getMaxReconnectAttempts()).isEqualTo(7);
    assertThat(o.getHeaders()).containsOnlyKeys("Authorization");
    assertThat(o.getSubprotocols()).containsExactly("a", "b");
    assertThat(s.thresholds).extracting(Threshold::metric).containsExactly("success_rate");
    assertThat(s.sendText.render(2, 1)).isEqualTo("hi 2");
    assertThat(s.rate).isEqualTo(1.0);
  }

  @Test
  void jsonFileWithEndpoints() throws Exception {
    Path json = dir.resolve("wsmon.json");
    Files.writeString(
        json,
        "{\"endpoints\": [\"ws://a:1/x\", {\"uri\": \"wss://b:2/y\", \"group\": \"b\"}],"
            + " \"connectTimeout\": 1500, \"autoReconnect\": false}");
    RunSettings s = RunSettings.from(new ConfigSource().addFile(json, RunSettings.KEYS));
    assertThat(s.endpoints)
        .extracting(e -> e.uri().text())
        .containsExactly("ws://a:1/x", "wss://b:2/y");
    assertThat(s.endpoints.get(1).group()).isEqualTo("b");
    assertThat(s.connection.defaults().getConnectTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(s.connection.reconnectPolicy().isAutoReconnect()).isFalse();
  }

  @Test
  void defaultsFollowTheDesign() {
    RunSettings s = RunSettings.from(new ConfigSource().put("uri", "ws://h:1", "<ws-uri>"));
    assertThat(s.connections).isEqualTo(1);
    ReconnectPolicy p = s.connection.reconnectPolicy();
    assertThat(p.getMaxReconnectAttempts()).isEqualTo(5);
    assertThat(p.getReconnectDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.getMaxReconnectDelay()).isEqualTo(Duration.ofSeconds(60));
    assertThat(p.getBackoffMultiplier()).isEqualTo(2.0);
    assertThat(p.getJitter()).isEqualTo(0.2);
    assertThat(p.getStableAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.isAutoReconnect()).isTrue();
    ConnectionOptions o = s.connection.defaults();
    assertThat(o.getConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.getPingInterval()).isEqualTo(Duration.ZERO);
    assertThat(s.tracker.getStatsInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.duration).isNull();
    assertThat(s.sending()).isFalse();
    assertThat(s.correlation).isEqualTo(Correlation.fifo());
  }

  @Test
  void unknownFileKeyIsNamed() throws Exception {
    Path json = dir.resolve("bad.json");
    Files.writeString(json, "{\"uri\": \"ws://a:1\", \"conections\": 3}");
    assertThatThrownBy(() -> new ConfigSource().addFile(json, RunSettings.KEYS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'conections'");
  }

  @Test
  void badFileValueNamesKeyAndFile() throws Exception {
    Path yaml = dir.resolve("bad.yml");
    Files.writeString(yaml, "uri: ws://a:1\nreconnectDelay: soon\n");
    assertThatThrownBy(() -> RunSettings.from(new ConfigSource().addFile(yaml, RunSettings.KEYS)))
        .hasMessageContaining("reconnectDelay in " + yaml)
        .hasMessageContaining("'soon'");
  }

  @Test
  void envValueErrorNamesTheVariable() {
    assertThatThrownBy(
            () ->
                RunSettings.from(
                    new ConfigSource()
                        .put("uri", "ws://h:1", "<ws-uri>")
                        .addEnvironment(Map.of("WSMON_CONNECTIONS", "lots"), RunSettings.KEYS)))
        .hasMessageContaining("WSMON_CONNECTIONS")
        .hasMessageContaining("'lots'");
  }

  @Test
  void malformedFilesAreOneLineErrors() throws Exception {
    Path json = dir.resolve("broken.json");
    Files.writeString(json, "{\"uri\": ");
    assertThatThrownBy(() -> ConfigSource.readFile(json))
        .hasMessageContaining("is not a JSON object");
    Path yaml = dir.resolve("list.yaml");
    Files.writeString(yaml, "- a\n- b\n");
    assertThatThrownBy(() -> ConfigSource.readFile(yaml)).hasMessageContaining("mapping");
  }

  @Test
  void names() {
    assertThat(ConfigSource.envName("reconnectDelay")).isEqualTo("WSMON_RECONNECT_DELAY");
    assertThat(ConfigSource.camel("--export-json")).isEqualTo("exportJson");
    assertThat(new JsonArray().add("x")).hasSize(1);
  }

  @Test
  void nestedEnvironmentErrorsNameTheVariable() throws Exception {
    Path yaml = dir.resolve("two.yaml");
    Files.writeString(yaml, "endpoints: [ws://a:1/x, ws://b:1/y]\n");
    assertThatThrownBy(
            () ->
                new ConfigSource()
                    .addFile(yaml, RunSettings.KEYS)
                    .addEnvironment(Map.of("WSMON_ENDPOINTS__5__GROUP", "g"), RunSettings.KEYS))
        .hasMessageContaining("WSMON_ENDPOINTS__5__GROUP")
        .hasMessageContaining("out of range (size 2)");
    assertThatThrownBy(
            () ->
                new ConfigSource()
                    .addFile(yaml, RunSettings.KEYS)
                    .addEnvironment(Map.of("WSMON_ENDPOINTS__X", "g"), RunSettings.KEYS))
        .hasMessageContaining("'X' must be a list index");
    assertThatThrownBy(
            () ->
                new ConfigSource()
                    .addEnvironment(Map.of("WSMON_THRESHOLDS", "[\"a\""), RunSettings.KEYS))
        .hasMessageContaining("WSMON_THRESHOLDS")
        .hasMessageContaining("JSON array");
    assertThatThrownBy(
            () ->
                new ConfigSource()
                    .addFile(yaml, RunSettings.KEYS)
                    .addEnvironment(Map.of("WSMON_ENDPOINTS__0__GROUP", "g"), RunSettings.KEYS))
        .hasMessageContaining("WSMON_ENDPOINTS__0__GROUP")
        .hasMessageContaining("item 0 of endpoints is the text value 'ws://a:1/x', not a mapping");
    ConfigSource appended =
        new ConfigSource()
            .addFile(yaml, RunSettings.KEYS)
            .addEnvironment(Map.of("WSMON_ENDPOINTS__2__URI", "ws://c:1/z"), RunSettings.KEYS);
    assertThat(appended.values().getJsonArray("endpoints")).hasSize(3);
    assertThat(appended.origin("endpoints")).isEqualTo("WSMON_ENDPOINTS__2__URI");
    assertThat(RunSettings.from(appended).endpoints).hasSize(3);
  }

  @Test
  void profileKeysAreNamedWithTheirProfile() throws Exception {
    Path yaml = dir.resolve("prof.yaml");
    Files.writeString(
        yaml, "uri: ws://a:1/x\nprofile: slow\nprofiles:\n  slow: {reconnectDelay: never}\n");
    assertThatThrownBy(() -> RunSettings.from(new ConfigSource().addFile(yaml, RunSettings.KEYS)))
        .hasMessageContaining("reconnectDelay in " + yaml + " (profile slow)")
        .hasMessageContaining("'never'");
    Files.writeString(yaml, "uri: ws://a:1/x\nprofiles:\n  p: {conections: 2}\n");
    assertThatThrownBy(() -> new ConfigSource().addFile(yaml, "p", RunSettings.KEYS))
        .hasMessageContaining("unknown key 'conections' in " + yaml + " (profile p)");
  }
}
