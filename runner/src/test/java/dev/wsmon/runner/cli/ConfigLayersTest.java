package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.EventType;
import dev.wsmon.runner.config.ConfigSource;
import dev.wsmon.runner.load.RunSettings;
import dev.wsmon.wrapper.ScheduledCall;
import dev.wsmon.wrapper.monitor.MonitorOptions;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

@DisplayName("config layers: file < profile < environment < flags, for run and monitor")
class ConfigLayersTest {

  @TempDir Path dir;

  private static final String LAYERED =
      "uri: ws://127.0.0.1:1/base\n"
          + "send: hi\n"
          + "connections: 1\n"
          + "reconnectDelay: 1s\n"
          + "maxReconnectAttempts: 1\n"
          + "rate: 1\n"
          + "jitter: 0.1\n"
          + "headers: {A: a1, B: b1}\n"
          + "endpoints:\n"
          + "  - {uri: 'ws://127.0.0.1:1/e0', group: g0}\n"
          + "  - {uri: 'ws://127.0.0.1:1/e1', group: g1}\n"
          + "profiles:\n"
          + "  p:\n"
          + "    connections: 2\n"
          + "    reconnectDelay: 2s\n"
          + "    maxReconnectAttempts: 2\n"
          + "    rate: 2\n"
          + "    headers: {B: b2}\n"
          + "  q:\n"
          + "    connections: 7\n";

  /** Parses {@code args} as picocli would and returns the command object. */
  private static <T> T parse(Map<String, String> env, String... args) {
    CommandLine cl =
        WsmonCommand.commandLine(
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(new ByteArrayOutputStream()),
            env);
    ParseResult parsed = cl.parseArgs(args);
    return parsed.subcommand().commandSpec().commandLine().getCommand();
  }

  private static RunSettings run(Map<String, String> env, String... args) {
    RunCommand run = parse(env, args);
    return RunSettings.from(run.configSource());
  }

  private static MonitorOptions monitor(Map<String, String> env, String... args) {
    MonitorCommand monitor = parse(env, args);
    return monitor.options();
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Nested
  @DisplayName("run")
  class Run {

    @Test
    @DisplayName("each key takes the value of the highest layer that sets it")
    void precedence() throws Exception {
      Path file = write("layers.yaml", LAYERED);
      Map<String, String> env =
          Map.of(
              "WSMON_RECONNECT_DELAY", "3s",
              "WSMON_MAX_RECONNECT_ATTEMPTS", "3",
              "WSMON_RATE", "3");
      RunSettings s =
          run(
              env,
              "run",
              "--config",
              file.toString(),
              "--profile",
              "p",
              "--max-reconnect-attempts",
              "4",
              "--rate",
              "4");
      ConnectionOptions o = s.connection.defaults();
      assertThat(o.getReconnectPolicy().getJitter()).as("file").isEqualTo(0.1);
      assertThat(s.connections).as("profile over file").isEqualTo(2);
      assertThat(o.getReconnectPolicy().getReconnectDelay())
          .as("env over profile")
          .isEqualTo(Duration.ofSeconds(3));
      assertThat(o.getReconnectPolicy().getMaxReconnectAttempts()).as("flag over env").isEqualTo(4);
      assertThat(s.rate).as("flag over env").isEqualTo(4.0);
      assertThat(o.getHeaders())
          .as("profile objects deep-merge over the file's")
          .containsExactly(Map.entry("A", "a1"), Map.entry("B", "b2"));

      RunSettings base = run(Map.of(), "run", "--config", file.toString());
      assertThat(base.connections).as("no profile: base keys").isEqualTo(1);
      assertThat(base.connection.reconnectPolicy().getReconnectDelay())
          .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("--profile wins over WSMON_PROFILE, which wins over the file's profile key")
    void profileSelection() throws Exception {
      Path file = write("sel.yaml", LAYERED + "profile: q\n");
      assertThat(run(Map.of(), "run", "--config", file.toString()).connections).isEqualTo(7);
      assertThat(run(Map.of("WSMON_PROFILE", "p"), "run", "--config", file.toString()).connections)
          .isEqualTo(2);
      assertThat(
              run(
                      Map.of("WSMON_PROFILE", "p"),
                      "run",
                      "--config",
                      file.toString(),
                      "--profile",
                      "q")
                  .connections)
          .isEqualTo(7);
      assertThat(
              run(Map.of("WSMON_CONFIG", file.toString(), "WSMON_PROFILE", "p"), "run").connections)
          .as("WSMON_CONFIG names the file when --config is not given")
          .isEqualTo(2);
    }

    @Test
    @DisplayName("nested WSMON_A__B variables reach into lists and objects of lower layers")
    void nestedEnvironment() throws Exception {
      Path file = write("nested.yaml", LAYERED);
      Map<String, String> env = new HashMap<>();
      env.put("WSMON_ENDPOINTS__1__GROUP", "from-env");
      env.put("WSMON_ENDPOINTS__0__CONNECTIONS", "3");
      env.put("WSMON_HEADERS__C", "c-env");
      env.put(
          "WSMON_SCHEDULED_CALLS", "[{\"name\": \"hb\", \"every\": \"2s\", \"payload\": \"x\"}]");
      RunSettings s = run(env, "run", "--config", file.toString());
      assertThat(s.endpoints).extracting(RunSettings.Endpoint::group).contains("g0", "from-env");
      assertThat(s.endpoints.get(1).connections()).isEqualTo(3);
      assertThat(s.connection.defaults().getHeaders().keySet()).containsExactly("A", "B", "c");
      assertThat(s.scheduledCalls).extracting(ScheduledCall::getName).containsExactly("hb");
      assertThat(s.scheduledCalls.get(0).getEvery()).isEqualTo(Duration.ofSeconds(2));
    }
  }

  @Nested
  @DisplayName("monitor")
  class Monitor {

    @Test
    @DisplayName("flags > WSMON_* > profile > file, including nested endpoint keys")
    void precedence() throws Exception {
      Path file =
          write(
              "monitor.yaml",
              "endpoints:\n"
                  + "  - {uri: 'ws://127.0.0.1:1/a', connections: 1}\n"
                  + "  - ws://127.0.0.1:1/b\n"
                  + "connections: 2\n"
                  + "httpPort: 1000\n"
                  + "sampleInterval: 1s\n"
                  + "historySize: 10\n"
                  + "profiles:\n"
                  + "  prod: {httpPort: 2000, token: s3cret, historySize: 20}\n");
      Map<String, String> env = new HashMap<>();
      env.put("WSMON_HTTP_PORT", "3000");
      env.put("WSMON_SAMPLE_INTERVAL", "3s");
      env.put("WSMON_LOG_STATS", "false");
      env.put("WSMON_ENDPOINTS__0__CONNECTIONS", "3");
      MonitorOptions o =
          monitor(
              env, "monitor", "--config", file.toString(), "--profile", "prod", "--http-port", "0");
      assertThat(o.getHttpPort()).as("flag").isZero();
      assertThat(o.getSampleInterval()).as("env").isEqualTo(Duration.ofSeconds(3));
      assertThat(o.getTrackerOptions().isLogStats()).as("env, typed").isFalse();
      assertThat(o.getToken()).as("profile").isEqualTo("s3cret");
      assertThat(o.getTrackerOptions().getHistorySize()).as("profile over file").isEqualTo(20);
      assertThat(o.getEndpoints())
          .extracting(ConnectionOptions::getConnections)
          .as("nested env for endpoint 0; top-level connections for endpoint 1")
          .containsExactly(3, 2);

      MonitorOptions envOnly =
          monitor(
              Map.of(
                  "WSMON_ENDPOINTS", "ws://127.0.0.1:1/x,ws://127.0.0.1:1/y", "WSMON_TOKEN", "t"),
              "monitor");
      assertThat(envOnly.getEndpoints()).hasSize(2);
      assertThat(envOnly.getToken()).isEqualTo("t");
    }
  }

  @Nested
  @DisplayName("YAML and JSON")
  class Formats {

    @Test
    @DisplayName("the same document in YAML and in JSON gives the same options")
    void sameOptions() throws Exception {
      Path yaml =
          write(
              "same.yaml",
              "endpoints:\n"
                  + "  - {uri: 'ws://127.0.0.1:1/a', group: primary, connections: 2}\n"
                  + "  - ws://127.0.0.1:1/b\n"
                  + "send: '{\"id\":\"{conn}-{seq}\"}'\n"
                  + "correlate: json:id\n"
                  + "rate: 2.5\n"
                  + "reconnectDelay: 250ms\n"
                  + "connectTimeout: 1500\n"
                  + "autoReconnect: false\n"
                  + "insecure: true\n"
                  + "headers: {X-Key: v}\n"
                  + "thresholds: [success_rate>=99, rtt_ms.p99<50]\n"
                  + "scheduledCalls:\n"
                  + "  - {name: hb, every: 1s, payload: ping, expect: 'p.*', maxRuns: 3}\n"
                  + "  - {name: hello, on: CONNECTED, payload: hi}\n"
                  + "profiles:\n"
                  + "  x: {rate: 9}\n");
      Path json =
          write(
              "same.json",
              "{\"endpoints\": [{\"uri\": \"ws://127.0.0.1:1/a\", \"group\": \"primary\","
                  + " \"connections\": 2}, \"ws://127.0.0.1:1/b\"],"
                  + " \"send\": \"{\\\"id\\\":\\\"{conn}-{seq}\\\"}\", \"correlate\": \"json:id\","
                  + " \"rate\": 2.5, \"reconnectDelay\": \"250ms\", \"connectTimeout\": 1500,"
                  + " \"autoReconnect\": false, \"insecure\": true, \"headers\": {\"X-Key\": \"v\"},"
                  + " \"thresholds\": [\"success_rate>=99\", \"rtt_ms.p99<50\"],"
                  + " \"scheduledCalls\": [{\"name\": \"hb\", \"every\": \"1s\", \"payload\":"
                  + " \"ping\", \"expect\": \"p.*\", \"maxRuns\": 3}, {\"name\": \"hello\","
                  + " \"on\": \"CONNECTED\", \"payload\": \"hi\"}],"
                  + " \"profiles\": {\"x\": {\"rate\": 9}}}");
      assertThat(ConfigSource.readFile(yaml)).isEqualTo(ConfigSource.readFile(json));
      for (String profile : new String[] {null, "x"}) {
        RunSettings y = settings(yaml, profile);
        RunSettings j = settings(json, profile);
        assertThat(describe(y)).isEqualTo(describe(j));
      }
      assertThat(settings(yaml, "x").rate).isEqualTo(9.0);
      RunSettings s = settings(yaml, null);
      assertThat(s.scheduledCalls.get(1).getOn()).isEqualTo(EventType.CONNECTED);
      assertThat(s.connection.reconnectPolicy().isAutoReconnect()).isFalse();
    }

    private RunSettings settings(Path file, String profile) {
      return RunSettings.from(new ConfigSource().addFile(file, profile, RunSettings.KEYS));
    }

    private JsonObject describe(RunSettings s) {
      JsonObject d = new JsonObject();
      s.endpoints.forEach(
          e -> d.put("endpoint " + e.uri().text(), e.group() + "/" + e.connections()));
      d.put("send", s.sendText.text())
          .put("connection", s.connection.json())
          .put("correlation", s.correlation.toString())
          .put("rate", s.rate)
          .put("thresholds", s.thresholds.toString());
      s.scheduledCalls.forEach(c -> d.put("call " + c.getName(), c.toJson()));
      return d;
    }

    @Test
    @DisplayName("YAML 1.2 scalars: only true/false are booleans, no octal, no sexagesimal")
    void yaml12() throws Exception {
      Path yaml =
          write(
              "yaml12.yaml",
              "send: yes\n"
                  + "subprotocols: [on, off, y, n]\n"
                  + "endpoints: [{uri: 'ws://127.0.0.1:1/a', group: no}]\n"
                  + "connections: 010\n"
                  + "duration: 1:30\n"
                  + "binary: false\n"
                  + "quiet: True\n"
                  + "seqField: 2026-01-01\n"
                  + "scheduledCalls: [{name: c, on: CONNECTED, payload: x}]\n");
      JsonObject v = ConfigSource.readFile(yaml);
      assertThat(v.getValue("send")).isEqualTo("yes");
      assertThat(v.getJsonArray("subprotocols").getList()).containsExactly("on", "off", "y", "n");
      assertThat(v.getJsonArray("endpoints").getJsonObject(0).getValue("group")).isEqualTo("no");
      assertThat(v.getValue("connections")).as("decimal, never octal").isEqualTo(10);
      assertThat(v.getValue("duration")).isEqualTo("1:30");
      assertThat(v.getValue("binary")).isEqualTo(false);
      assertThat(v.getValue("quiet")).isEqualTo(true);
      assertThat(v.getValue("seqField")).isEqualTo("2026-01-01");
      assertThat(v.getJsonArray("scheduledCalls").getJsonObject(0).getValue("on"))
          .as("the key 'on' stays a key, not the boolean true")
          .isEqualTo("CONNECTED");
    }

    @Test
    @DisplayName("YAML anchors, aliases and merge keys: the mapping's own keys win")
    void mergeKeys() throws Exception {
      Path yaml =
          write(
              "merge.yaml",
              "base: &base {connections: 3, duration: 5s}\n"
                  + "endpoints:\n"
                  + "  - {<<: *base, uri: 'ws://127.0.0.1:1/a', connections: 7}\n"
                  + "  - <<: [*base, {group: g}]\n"
                  + "    uri: 'ws://127.0.0.1:1/b'\n");
      JsonObject v = ConfigSource.readFile(yaml);
      JsonObject a = v.getJsonArray("endpoints").getJsonObject(0);
      JsonObject b = v.getJsonArray("endpoints").getJsonObject(1);
      assertThat(a.getMap()).containsEntry("connections", 7).containsEntry("duration", "5s");
      assertThat(a.containsKey("<<")).isFalse();
      assertThat(b.getMap())
          .containsEntry("connections", 3)
          .containsEntry("group", "g")
          .containsEntry("uri", "ws://127.0.0.1:1/b");
    }
  }
}
