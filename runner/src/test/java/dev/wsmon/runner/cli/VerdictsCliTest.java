package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(90)
@DisplayName("wsmon run verdicts and ramp-up, in-process against the testkit echo server")
class VerdictsCliTest {

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

  @Test
  @DisplayName("close_codes.1006==0 passes on a run without 1006 (an absent code counts 0)")
  void absentCloseCodeIsZero() {
    Cli cli =
        Cli.run(
            "run",
            server.uri("/"),
            "-d",
            "1s",
            "--threshold",
            "close_codes.1006==0",
            "--threshold",
            "close_codes.1000<1");
    assertThat(cli.code).as(cli.toString()).isZero();
    assertThat(cli.out)
        .contains("PASS  close_codes.1006 == 0 passed: close_codes.1006 = 0")
        .contains("PASS  close_codes.1000 < 1");
  }

  @Test
  @DisplayName("a run that exits 3 writes a JUnit report with a failing test case saying why")
  void couldNotRunFailsInJUnit() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path junit = dir.resolve("junit.xml");
    Cli cli =
        Cli.run(
            "run",
            "ws://127.0.0.1:" + port + "/",
            "-d",
            "30s",
            "--max-reconnect-attempts",
            "0",
            "--quiet",
            "--junit",
            junit.toString());
    assertThat(cli.code).as(cli.toString()).isEqualTo(3);
    String xml = Files.readString(junit);
    assertThat(xml)
        .contains("<testsuites tests=\"1\" failures=\"1\"")
        .contains("name=\"run\"")
        .containsPattern(
            "<failure message=\"could not run: no connection ever succeeded; last failure"
                + " \\(c-1\\): [^\"]*refused");
  }

  @Test
  @DisplayName("connections in JSON, CSV and summary come out by number: c-1, c-2, ..., c-12")
  void connectionsInNumberOrder() throws Exception {
    Path csv = dir.resolve("run.csv");
    Cli cli =
        Cli.runExporting(
            dir.resolve("run.json"),
            "run",
            server.uri("/"),
            "-c",
            "12",
            "-d",
            "1s",
            "--export-csv",
            csv.toString());
    assertThat(cli.code).as(cli.toString()).isZero();
    List<String> expected = IntStream.rangeClosed(1, 12).mapToObj(i -> "c-" + i).toList();
    JsonArray connections = cli.export().getJsonArray("connections");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < connections.size(); i++) {
      ids.add(connections.getJsonObject(i).getString("connection_id"));
    }
    assertThat(ids).isEqualTo(expected);
    List<String> rows =
        Files.readAllLines(csv).stream()
            .filter(l -> l.startsWith("connection,"))
            .map(l -> l.split(",")[1])
            .toList();
    assertThat(rows).isEqualTo(expected);
  }

  @Test
  @DisplayName("--ramp-up 2s -c 4 over the default event loops: connection k starts at k * 500 ms")
  void rampUpSpreadsOverAllLoops() throws Exception {
    Path events = dir.resolve("events.jsonl");
    Cli cli =
        Cli.runExporting(
            dir.resolve("ramp.json"),
            "run",
            server.uri("/"),
            "-c",
            "4",
            "--ramp-up",
            "2s",
            "-d",
            "3s",
            "--events-jsonl",
            events.toString());
    assertThat(cli.code).as(cli.toString()).isZero();
    Instant startedAt = Instant.parse(cli.export().getString("started_at"));
    List<Instant> starts = new ArrayList<>();
    for (String line : Files.readAllLines(events)) {
      JsonObject e = new JsonObject(line);
      if ("ATTEMPT".equals(e.getString("type")) && e.getInteger("attempt") == 0) {
        starts.add(Instant.parse(e.getString("timestamp")));
      }
    }
    starts.sort(null);
    assertThat(starts).hasSize(4);
    for (int k = 0; k < 4; k++) {
      // timers fire late, never early: the k-th start is k * 500 ms or more after the run began
      assertThat(Duration.between(startedAt, starts.get(k)).toMillis())
          .as("start %d of %s, run started %s", k, starts, startedAt)
          .isGreaterThanOrEqualTo(k * 500L - 2);
    }
    assertThat(Duration.between(starts.get(0), starts.get(3)).toMillis())
        .as("spread of %s", starts)
        .isGreaterThanOrEqualTo(900);
  }
}
