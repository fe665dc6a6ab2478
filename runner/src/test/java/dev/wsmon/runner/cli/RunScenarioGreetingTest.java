package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("wsmon run: the scenario is attached before the first connect")
class RunScenarioGreetingTest {

  static final int CONNECTIONS = 100;

  static final String SCENARIO =
      """
      scenario:
        name: greeted
        steps:
          - expect: {name: greeting, regex: '^welcome$', timeout: 5s}
          - send: 'hi {conn}'
          - expect: {name: echoed, regex: '^hi {conn}$', timeout: 5s}
          - close: {code: 1000, reason: done}
      """;

  @TempDir Path dir;
  private EchoServer server;

  @BeforeEach
  void startServer(Vertx vertx) {
    server =
        EchoServer.deploy(
                vertx, new EchoServerOptions().setFaults(FaultSpec.parse("banner=welcome")))
            .await();
  }

  @AfterEach
  void stopServer() {
    server.close().await();
  }

  @RepeatedTest(3)
  @DisplayName("a greeting sent on open satisfies the first expect on every one of 100 connections")
  void greetingSeenByFirstExpect() throws Exception {
    Path scenario = dir.resolve("greeted.yaml");
    Files.writeString(scenario, SCENARIO);
    Path json = dir.resolve("run.json");
    Cli cli =
        Cli.run(
            "run",
            server.uri("/"),
            "-c",
            String.valueOf(CONNECTIONS),
            "-d",
            "40s",
            "--scenario",
            scenario.toString(),
            "--export-json",
            json.toString(),
            "--quiet");
    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject sc =
        new JsonObject(Files.readString(json)).getJsonObject("total").getJsonObject("scenario");
    JsonObject greeting = sc.getJsonObject("steps").getJsonObject("greeting");
    assertThat(greeting.getLong("timed_out")).as(sc.encode()).isZero();
    assertThat(greeting.getLong("ok")).isEqualTo(CONNECTIONS);
    assertThat(sc.getJsonObject("steps").getJsonObject("echoed").getLong("ok"))
        .isEqualTo(CONNECTIONS);
    assertThat(sc.getLong("completed")).isEqualTo(CONNECTIONS);
    assertThat(server.stats().connectionsOpened()).isEqualTo(CONNECTIONS);
  }
}
