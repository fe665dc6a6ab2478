package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

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

  @RegisterExtension
  final EchoServerExtension server = EchoServerExtension.withFaults("banner=welcome");

  @RepeatedTest(3)
  @DisplayName("a greeting sent on open satisfies the first expect on every one of 100 connections")
  void greetingSeenByFirstExpect() throws Exception {
    Cli cli =
        Cli.runScenario(
            dir,
            "greeted",
            SCENARIO,
            "run",
            server.uri("/"),
            "-c",
            String.valueOf(CONNECTIONS),
            "-d",
            "40s",
            "--quiet");
    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject sc = cli.total().getJsonObject("scenario");
    JsonObject greeting = sc.getJsonObject("steps").getJsonObject("greeting");
    assertThat(greeting.getLong("timed_out")).as(sc.encode()).isZero();
    assertThat(greeting.getLong("ok")).isEqualTo(CONNECTIONS);
    assertThat(sc.getJsonObject("steps").getJsonObject("echoed").getLong("ok"))
        .isEqualTo(CONNECTIONS);
    assertThat(sc.getLong("completed")).isEqualTo(CONNECTIONS);
    assertThat(server.stats().connectionsOpened()).isEqualTo(CONNECTIONS);
  }
}
