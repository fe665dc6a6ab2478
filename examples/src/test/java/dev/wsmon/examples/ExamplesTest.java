package dev.wsmon.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(90)
@DisplayName("the examples, against the testkit echo server")
class ExamplesTest {

  private EchoServer server;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @BeforeEach
  void startServer(Vertx vertx) {
    server = EchoServer.deploy(vertx).await();
  }

  @AfterEach
  void stopServer() {
    server.close().await();
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void echoClient() {
    int code = EchoClientExample.run(server.uri("/"), 10, Duration.ofMillis(20), out);
    assertThat(code).as(output()).isZero();
    assertThat(output())
        .contains("echo: Hello, Testing World!")
        .contains("message 10 echoed in")
        .contains("sent 11, received 11")
        .contains("scope,name,group");
    assertThat(server.stats().messagesReceived()).isEqualTo(11);
  }

  @Test
  @DisplayName("the echo client reports an unreachable server instead of crashing")
  void echoClientNeverPanics() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    int code = EchoClientExample.run("ws://127.0.0.1:" + port + "/", 2, Duration.ofMillis(1), out);
    assertThat(code).isEqualTo(1);
    assertThat(output()).contains("echo client failed").contains("successes 0");
  }

  @Test
  void embeddedVerticles(Vertx vertx) {
    JsonObject stats = EmbeddedVerticlesExample.run(vertx, server.uri("/"), 5, out).await();
    assertThat(stats.getJsonObject("total").getLong("messages_received")).isEqualTo(5);
    assertThat(stats.getJsonArray("connections").getJsonObject(0).getString("connection_id"))
        .isEqualTo("c-1");
    assertThat(output()).contains("connected 1/1");
  }

  @Test
  void scheduledCalls() {
    JsonObject calls =
        ScheduledCallsExample.run(
            server.uri("/"), Duration.ofMillis(100), Duration.ofMillis(800), out);
    assertThat(calls.fieldNames()).containsExactly("greeting", "heartbeat", "status");
    assertThat(calls.getJsonObject("greeting").getLong("ok")).isEqualTo(1);
    assertThat(calls.getJsonObject("heartbeat").getLong("runs")).isPositive();
    assertThat(calls.getJsonObject("heartbeat").getLong("failed")).isZero();
    assertThat(calls.getJsonObject("status").getLong("runs")).isEqualTo(1);
    assertThat(output()).contains("heartbeat  runs");
  }

  @Test
  void multiEndpoint(Vertx vertx) {
    EchoServer second = EchoServer.deploy(vertx).await();
    try {
      Map<String, JsonObject> groups =
          MultiEndpointExample.run(server.uri("/a"), second.uri("/b"), 3, out);
      assertThat(groups).containsOnlyKeys("primary", "backup");
      for (JsonObject g : groups.values()) {
        assertThat(g.getLong("connections")).isEqualTo(2);
        assertThat(g.getLong("messages_sent")).isEqualTo(6);
        assertThat(g.getLong("messages_received")).isEqualTo(6);
      }
      assertThat(output()).contains("primary").contains("backup");
    } finally {
      second.close().await();
    }
  }
}
