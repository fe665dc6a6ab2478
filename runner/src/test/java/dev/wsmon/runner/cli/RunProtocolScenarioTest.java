package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.NodeProtocolServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.stomp.Command;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(120)
@DisplayName(
    "wsmon run --config with protocol steps (the issue's three YAML files) against the real servers")
class RunProtocolScenarioTest {

  private static final String SOCKETIO =
      """
      protocol: socketio
      socketio: {namespace: /, auth: {token: secret}}
      scenario:
        steps:
          - emit: {event: echo, data: {hello: world, n: "{seq}"}, ack: true, name: echo}
          - expect: {event: news, name: news, timeout: 2s, json: {echoed.hello: world}}
      """;

  private static final String STOMP =
      """
      protocol: stomp
      stomp: {login: guest, passcode: guest, host: /}
      scenario:
        steps:
          - subscribe: {destination: /topic/x, id: s1}
          - send: {destination: /topic/x, body: '{"n":"{seq}"}', receipt: true}
            name: publish
          - expect: {destination: /topic/x, name: got, timeout: 2s, json: {n: "{seq}"}}
      """;

  private static final String GRAPHQL =
      """
      protocol: graphql-ws
      graphqlWs: {payload: {token: secret}}
      scenario:
        steps:
          - subscribe: {name: ticks, query: 'subscription { ticks(n: 5) }', variables: {}}
          - expect: {subscription: ticks, name: tick, timeout: 2s, json: {data.ticks: 1}}
      """;

  @TempDir Path dir;
  private NodeProtocolServer node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private NodeProtocolServer node(String script, Map<String, String> env) {
    try {
      node = NodeProtocolServer.start(Path.of("target", "node"), script, env);
      return node;
    } catch (NodeProtocolServer.Unavailable e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError("CI=true and the Node server cannot start: " + e.getMessage(), e);
      }
      Assumptions.abort("skipped: the Node protocol server cannot start: " + e.getMessage());
      return null;
    }
  }

  private Cli run(String uri, String yaml, String connections, Path json) throws Exception {
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, yaml);
    return Cli.run(
        "run",
        uri,
        "--config",
        config.toString(),
        "-c",
        connections,
        "-d",
        "3s",
        "--export-json",
        json.toString());
  }

  private static JsonObject step(JsonObject total, String name) {
    return total.getJsonObject("scenario").getJsonObject("steps").getJsonObject(name);
  }

  private static long channel(JsonObject total, String name) {
    return total
        .getJsonObject("protocol")
        .getJsonObject("channels")
        .getJsonObject(name)
        .getLong("messages_received");
  }

  @Test
  @DisplayName(
      "Socket.IO: emit with ack (the ack is the step latency and a round trip), expect by event"
          + " name; counts equal the server's")
  void socketio() throws Exception {
    NodeProtocolServer server = node("socketio-server.js", Map.of("NEWS_AFTER_ECHO", "1"));
    Path json = dir.resolve("sio.json");

    Cli cli = run("ws://127.0.0.1:" + server.port(), SOCKETIO, "3", json);

    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject total = new JsonObject(Files.readString(json)).getJsonObject("total");
    JsonObject seen = server.stats();
    assertThat(seen.getInteger("echo")).isEqualTo(3);
    JsonObject echo = step(total, "echo");
    assertThat(echo.getLong("ok")).isEqualTo(3).isEqualTo(seen.getLong("acks"));
    assertThat(echo.getJsonObject("latency_ms").getLong("count")).isEqualTo(3);
    assertThat(step(total, "news").getLong("ok")).isEqualTo(3);
    assertThat(total.getJsonObject("scenario").getLong("completed")).isEqualTo(3);
    assertThat(total.getJsonObject("rtt_ms").getLong("count"))
        .as("acks are round trips")
        .isEqualTo(3);
    assertThat(channel(total, "news")).isEqualTo(seen.getLong("news")).isEqualTo(3);
    assertThat(total.getLong("messages_sent")).isEqualTo(3);
  }

  @Test
  @DisplayName(
      "STOMP: subscribe, send with a receipt (the receipt is the step latency and a round trip),"
          + " expect by destination; counts equal the broker's")
  void stomp(Vertx vertx) throws Exception {
    StompBridge broker = StompBridge.start(vertx);
    Path json = dir.resolve("stomp.json");

    Cli cli = run(broker.uri(), STOMP, "1", json);

    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject total = new JsonObject(Files.readString(json)).getJsonObject("total");
    assertThat(broker.received(Command.SUBSCRIBE)).isEqualTo(1);
    assertThat(broker.received(Command.SEND)).isEqualTo(1);
    JsonObject publish = step(total, "publish");
    assertThat(publish.getLong("ok")).isEqualTo(1);
    assertThat(publish.getJsonObject("latency_ms").getLong("count")).isEqualTo(1);
    assertThat(step(total, "subscribe-1").getLong("ok")).isEqualTo(1);
    assertThat(step(total, "got").getLong("ok")).isEqualTo(1);
    assertThat(total.getJsonObject("rtt_ms").getLong("count")).as("the receipt").isEqualTo(1);
    assertThat(channel(total, "/topic/x")).isEqualTo(broker.written(Command.MESSAGE)).isEqualTo(1);
    assertThat(total.getLong("messages_sent")).as("SUBSCRIBE and SEND").isEqualTo(2);
  }

  @Test
  @DisplayName(
      "graphql-ws: subscribe and expect by subscription; the subscription stays open after the"
          + " last step until the server completes it: every tick counts")
  void graphql() throws Exception {
    NodeProtocolServer server = node("graphql-ws-server.js", Map.of());
    Path json = dir.resolve("gql.json");

    Cli cli = run("ws://127.0.0.1:" + server.port() + "/graphql", GRAPHQL, "2", json);

    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject total = new JsonObject(Files.readString(json)).getJsonObject("total");
    JsonObject seen = server.stats();
    assertThat(seen.getInteger("subscriptions")).isEqualTo(2);
    assertThat(step(total, "ticks").getLong("ok")).isEqualTo(2);
    assertThat(step(total, "tick").getLong("ok")).isEqualTo(2);
    assertThat(channel(total, "ticks")).isEqualTo(seen.getLong("ticks")).isEqualTo(10);
    assertThat(total.getJsonObject("protocol").getLong("errors")).isZero();
  }

  @Test
  @DisplayName(
      "graphql-ws: an expect that no result matches times out; the reason names the channel and"
          + " the last payload seen")
  void graphqlNoMatch() throws Exception {
    NodeProtocolServer server = node("graphql-ws-server.js", Map.of());
    Path json = dir.resolve("gql.json");
    String yaml =
        GRAPHQL.replace("json: {data.ticks: 1}", "json: {data.ticks: 99}").replace("2s", "500ms");

    Cli cli = run("ws://127.0.0.1:" + server.port() + "/graphql", yaml, "1", json);

    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject snapshot = new JsonObject(Files.readString(json));
    JsonObject tick = step(snapshot.getJsonObject("total"), "tick");
    assertThat(tick.getLong("timed_out")).isEqualTo(1);
    assertThat(tick.getLong("ok")).isZero();
    assertThat(snapshot.getJsonArray("events").encode())
        .contains("STEP_FAILED")
        .contains("no match, last message seen: (ticks) {\\\"data\\\":{\\\"ticks\\\":5}}");
  }

  @Test
  @DisplayName("a protocol step under another protocol exits 2 naming the step")
  void wrongProtocol() throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, SOCKETIO.replace("protocol: socketio", "protocol: stomp"));

    Cli cli = Cli.run("run", "ws://127.0.0.1:1/", "--config", config.toString(), "-d", "1s");

    assertThat(cli.code).isEqualTo(2);
    assertThat(cli.err).contains("emit step 'echo'").contains("socketio").contains("stomp");
    Files.writeString(config, "scenario: {steps: [{expect: {subscription: ticks}}]}\n");
    Cli raw = Cli.run("run", "ws://127.0.0.1:1/", "--config", config.toString(), "-d", "1s");
    assertThat(raw.code).isEqualTo(2);
    assertThat(raw.err).contains("expect step 'expect-1'").contains("graphql-ws");
  }
}
