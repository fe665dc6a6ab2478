package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Step kinds at run time through {@code wsmon run --scenario}, against the echo server. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("wsmon run: binary sends, wait, repeat for/forever and 'send failed' at run time")
class RunScenarioStepsTest {

  @TempDir Path dir;
  private EchoServer server;

  @BeforeEach
  void startServer(Vertx vertx) {
    server = EchoServer.deploy(vertx).await();
  }

  @AfterEach
  void stopServer() {
    server.close().await();
  }

  private Cli last;

  private JsonObject run(String scenario, String duration, String... more) throws Exception {
    Path file = dir.resolve("steps.yaml");
    Files.writeString(file, scenario);
    Path json = dir.resolve("run.json");
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                server.uri("/"),
                "-c",
                "2",
                "-d",
                duration,
                "--scenario",
                file.toString(),
                "--export-json",
                json.toString()));
    args.addAll(more.length == 0 ? List.of("--quiet") : List.of(more));
    Cli cli = Cli.run(args.toArray(String[]::new));
    assertThat(cli.code).as(cli.toString()).isZero();
    last = cli;
    return new JsonObject(Files.readString(json));
  }

  private static JsonObject step(JsonObject snapshot, String name) {
    return snapshot
        .getJsonObject("total")
        .getJsonObject("scenario")
        .getJsonObject("steps")
        .getJsonObject(name);
  }

  @Test
  @DisplayName("binary base64 and @FILE, wait, repeat for, a missing capture: 'send failed'")
  void stepKinds() throws Exception {
    Files.write(dir.resolve("blob.bin"), new byte[] {9, 8, 7, 6, 5});
    JsonObject snapshot =
        run(
            """
            scenario:
              name: steps
              steps:
                - send: {binary: AAEC}
                  name: bin
                - send: {binary: '@blob.bin'}
                  name: bin-file
                - wait: 100ms
                  name: pause
                - repeat:
                    for: 300ms
                    think: 50ms
                    steps:
                      - send: 'tick {seq}'
                        name: tick
                      - expect: {name: tock, regex: '^tick {seq}$', timeout: 1s}
                - expect: {name: cap, regex: '^zzz (\\w+)$', capture: {v: 1}, timeout: 100ms}
                - send: 'v={v}'
                  name: uses-v
                - close: {}
            """,
            "30s");
    JsonObject total = snapshot.getJsonObject("total");
    assertThat(snapshot.getDouble("elapsed_seconds")).as("ended by the close steps").isLessThan(20);
    assertThat(step(snapshot, "bin").getLong("ok")).isEqualTo(2);
    assertThat(step(snapshot, "bin-file").getLong("ok")).isEqualTo(2);
    long ticks = step(snapshot, "tick").getLong("ok");
    assertThat(ticks).as("repeat for 300ms, think 50ms: 2 to 7 per connection").isBetween(4L, 14L);
    assertThat(step(snapshot, "tock").getLong("ok")).isEqualTo(ticks);
    assertThat(total.getLong("bytes_sent"))
        .as("3 + 5 binary bytes per connection, then the ticks")
        .isEqualTo(server.stats().bytesReceived());
    assertThat(total.getLong("messages_sent")).isEqualTo(2 * 2 + ticks);
    assertThat(step(snapshot, "pause").getJsonObject("latency_ms").getDouble("min"))
        .isGreaterThanOrEqualTo(99.0);
    assertThat(step(snapshot, "cap").getLong("timed_out")).isEqualTo(2);
    assertThat(step(snapshot, "uses-v").getLong("failed")).isEqualTo(2);
    assertThat(snapshot.getJsonArray("events").encode())
        .contains("send failed: capture 'v' has no value");
  }

  @Test
  @DisplayName(
      "repeat forever runs until the run ends, none lost; the live line and summary show it")
  void forever() throws Exception {
    JsonObject snapshot =
        run(
            """
            scenario:
              steps:
                - repeat:
                    forever: true
                    think: 20ms
                    steps:
                      - send: 'f {seq}'
                        name: f
                      - expect: {name: f-echo, regex: '^f {seq}$', timeout: 1s}
            """,
            "1500ms",
            "--stats-interval",
            "300ms");
    assertThat(last.err)
        .containsPattern("scenario it 2 ok 0 fail 0  steps ok \\d+ fail 0  checks 100");
    assertThat(last.out).contains("f-echo");
    JsonObject sc = snapshot.getJsonObject("total").getJsonObject("scenario");
    assertThat(sc.getLong("iterations")).isEqualTo(2);
    assertThat(sc.getLong("completed")).isZero();
    assertThat(sc.getLong("failed") + sc.getLong("interrupted")).isEqualTo(2);
    assertThat(step(snapshot, "f").getLong("ok")).isGreaterThan(10);
    assertThat(step(snapshot, "f-echo").getLong("ok"))
        .isEqualTo(step(snapshot, "f-echo").getLong("runs"))
        .isEqualTo(step(snapshot, "f").getLong("ok"));
  }
}
