package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

@ExtendWith(VertxExtension.class)
@Timeout(90)
@DisplayName("wsmon run, in-process against the testkit echo server")
class RunCommandTest {

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
  @DisplayName("an echo run: exit 0, sent == received == the server's count, every output written")
  void echoRunExactCounts() throws Exception {
    Path csv = dir.resolve("out/run.csv");
    Path events = dir.resolve("out/events.jsonl");
    Path junit = dir.resolve("out/junit.xml");
    Cli cli =
        Cli.runExporting(
            dir.resolve("out/run.json"),
            "run",
            server.uri("/echo"),
            "-c",
            "3",
            "-d",
            "2s",
            "--send",
            "msg {conn}-{seq}",
            "--rate",
            "20",
            "--export-csv",
            csv.toString(),
            "--events-jsonl",
            events.toString(),
            "--junit",
            junit.toString(),
            "--threshold",
            "success_rate>=99",
            "--threshold",
            "disconnections==0");
    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject total = cli.total();
    long sent = total.getLong("messages_sent");
    assertThat(sent).isGreaterThan(30);
    assertThat(total.getLong("messages_received")).isEqualTo(sent);
    assertThat(server.stats().messagesReceived()).isEqualTo(sent);
    assertThat(total.getLong("successful_connections")).isEqualTo(3);
    assertThat(total.getLong("disconnections")).isZero();
    assertThat(total.getLong("send_failures")).isZero();
    assertThat(total.getJsonObject("rtt_ms").getLong("count")).isEqualTo(sent);
    assertThat(total.getJsonObject("close_codes")).isEmpty();
    assertThat(total.getBoolean("is_connected"))
        .as("as the run ended, before wsmon's close")
        .isTrue();
    assertThat(total.getLong("connected")).isEqualTo(3);
    assertThat(cli.out).contains("wsmon summary").contains("PASS  success_rate >= 99");
    assertThat(Files.readString(csv)).contains("messages_sent").contains("total");

    List<JsonObject> lines =
        Files.readAllLines(events).stream().map(JsonObject::new).collect(Collectors.toList());
    Map<String, Long> byType =
        lines.stream()
            .collect(Collectors.groupingBy(e -> e.getString("type"), Collectors.counting()));
    assertThat(byType).containsEntry("ATTEMPT", 3L).containsEntry("CONNECTED", 3L);
    assertThat(byType).containsEntry("CLOSED", 3L);
    assertThat(lines).allSatisfy(e -> assertThat(e.getString("connection_id")).startsWith("c-"));

    Element suite =
        (Element)
            DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readAllBytes(junit)))
                .getElementsByTagName("testsuite")
                .item(0);
    assertThat(suite.getAttribute("tests")).isEqualTo("2");
    assertThat(suite.getAttribute("failures")).isEqualTo("0");
  }

  @Test
  @DisplayName("a failing threshold: exit 1 and a JUnit failure naming it")
  void failingThreshold() throws Exception {
    Path junit = dir.resolve("junit.xml");
    Cli cli =
        Cli.run(
            "run",
            server.uri("/"),
            "-d",
            "4s",
            "--send",
            "x",
            "--rate",
            "10",
            "--quiet",
            "--junit",
            junit.toString(),
            "--threshold",
            "messages_received<1",
            "--threshold",
            "ping_rtt_ms.p99<100",
            "--threshold",
            "connection_attempts==1");
    assertThat(cli.code).as(cli.toString()).isEqualTo(1);
    assertThat(cli.out).doesNotContain("wsmon summary").contains("PASS  connection_attempts == 1");
    assertThat(cli.err)
        .contains("FAIL  messages_received < 1 failed")
        .contains("ping_rtt_ms.p99 has no value (null)");
    String xml = Files.readString(junit);
    assertThat(xml).contains("tests=\"3\"").contains("failures=\"2\"");
    assertThat(xml).contains("<failure message=\"messages_received &lt; 1 failed");
  }

  @Test
  @DisplayName("a target that never answers: exit 3 (wins over a failed threshold), ends early")
  void failingTargetExitsThree() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    long t0 = System.nanoTime();
    Cli cli =
        Cli.runExporting(
            dir.resolve("failed.json"),
            "run",
            "ws://127.0.0.1:" + port + "/",
            "-c",
            "2",
            "-d",
            "60s",
            "--max-reconnect-attempts",
            "1",
            "--reconnect-delay",
            "10ms",
            "--threshold",
            "success_rate>=99");
    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
    assertThat(cli.code).as(cli.toString()).isEqualTo(3);
    assertThat(seconds).as("ended early when every connection gave up").isLessThan(30);
    assertThat(cli.err).contains("no connection ever succeeded").contains("last failure");
    assertThat(cli.err.lines().filter(l -> l.contains("\tat ")).count()).isZero();
    JsonObject total = cli.total();
    assertThat(total.getLong("connection_attempts")).isEqualTo(4);
    assertThat(total.getLong("failed_connections")).isEqualTo(4);
  }

  @Test
  @DisplayName(
      "--rate 0 keeps --window requests in flight over --event-loops loops; still sent =="
          + " received")
  void windowMode() throws Exception {
    Cli cli =
        Cli.runExporting(
            dir.resolve("window.json"),
            "run",
            server.uri("/"),
            "-c",
            "3",
            "--event-loops",
            "2",
            "-d",
            "1s",
            "--send",
            "w{seq}",
            "--rate",
            "0",
            "--window",
            "4",
            "--quiet");
    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject total = cli.total();
    assertThat(total.getLong("messages_sent")).isGreaterThan(20);
    assertThat(total.getLong("messages_received")).isEqualTo(total.getLong("messages_sent"));
    assertThat(cli.export().getJsonArray("connections").size()).isEqualTo(3);
  }

  @Test
  @DisplayName("--correlate json:FIELD matches replies by field; --hold churns connections")
  void jsonCorrelationAndHold() throws Exception {
    Cli cli =
        Cli.runExporting(
            dir.resolve("hold.json"),
            "run",
            server.uri("/"),
            "-c",
            "2",
            "-d",
            "8s",
            "--send",
            "{\"id\":\"{conn}-{seq}\"}",
            "--rate",
            "20",
            "--correlate",
            "json:id",
            "--hold",
            "300ms",
            "--quiet");
    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject total = cli.total();
    assertThat(total.getLong("reconnections")).isPositive();
    assertThat(total.getLong("disconnections")).isZero();
    assertThat(total.getJsonObject("rtt_ms").getLong("count")).isPositive();
    // a hold close awaits the replies in flight, as the end of a run does
    assertThat(total.getLong("messages_received")).isEqualTo(total.getLong("messages_sent"));
    assertThat(total.getLong("requests_abandoned")).isZero();
  }

  @Test
  @DisplayName("server-side closes show as disconnections with their close code")
  void serverCloses(Vertx vertx) throws Exception {
    EchoServer closing =
        EchoServer.deploy(
                vertx,
                new EchoServerOptions().setFaults(new FaultSpec(List.of("close-after=5:4001:bye"))))
            .await();
    try {
      Cli cli =
          Cli.runExporting(
              dir.resolve("closes.json"),
              "run",
              closing.uri("/"),
              "-d",
              "2s",
              "--send",
              "x",
              "--rate",
              "20",
              "--reconnect-delay",
              "50ms",
              "--quiet",
              "--threshold",
              "disconnections==0");
      assertThat(cli.code).as(cli.toString()).isEqualTo(1);
      JsonObject total = cli.total();
      assertThat(total.getLong("disconnections")).isPositive();
      assertThat(total.getJsonObject("close_codes").getLong("4001"))
          .isEqualTo(total.getLong("disconnections"));
      assertThat(total.getLong("reconnections")).isPositive();
    } finally {
      closing.close().await();
    }
  }
}
