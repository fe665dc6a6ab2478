package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(90)
@DisplayName("wsmon run: every request is counted, answered, timed out, abandoned or not sent")
class RequestAccountingCliTest {

  @TempDir Path dir;

  /** answered + timed out + abandoned == sent, for a correlated run. */
  private static void assertRequestInvariant(JsonObject stats) {
    assertThat(
            stats.getJsonObject("rtt_ms").getLong("count")
                + stats.getLong("request_timeouts")
                + stats.getLong("requests_abandoned"))
        .as("rtt_ms.count + request_timeouts + requests_abandoned == messages_sent in %s", stats)
        .isEqualTo(stats.getLong("messages_sent"));
  }

  @Test
  @DisplayName("--correlate json:id with a --send that has no 'id' field: exit 2 naming both")
  void templateWithoutTheCorrelationField() {
    Cli cli =
        Cli.run(
            "run",
            "ws://127.0.0.1:1/",
            "--correlate",
            "json:id",
            "--send",
            "plain text",
            "-d",
            "1s");
    assertThat(cli.code).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("'plain text'").contains("json:id").contains("'id'");

    Cli nested =
        Cli.run(
            "run",
            "ws://127.0.0.1:1/",
            "--correlate",
            "json:meta.id",
            "--send",
            "{\"id\":{seq}}",
            "-d",
            "1s");
    assertThat(nested.code).as(nested.toString()).isEqualTo(2);
    assertThat(nested.err).contains("'meta.id'");
  }

  @Test
  @DisplayName(
      "a server that reads but never answers, --rate 1000: 1024 sent and abandoned, the rest are"
          + " send failures; health and a threshold see it")
  void neverAnswered(Vertx vertx) throws Exception {
    EchoServer server = FaultServers.serve(vertx, "no-echo");
    try {
      Cli cli =
          Cli.runExporting(
              dir.resolve("mute.json"),
              "run",
              server.uri("/"),
              "-d",
              "2s",
              "--send",
              "q{seq}",
              "--rate",
              "1000",
              "--threshold",
              "requests_abandoned==0");
      assertThat(cli.code).as(cli.toString()).isEqualTo(1);
      JsonObject total = cli.total();
      assertThat(total.getLong("messages_sent")).isEqualTo(1024);
      assertThat(total.getLong("requests_abandoned")).isEqualTo(1024);
      assertThat(total.getLong("request_timeouts")).isZero();
      assertThat(total.getLong("send_failures")).isGreaterThan(100);
      assertThat(server.stats().messagesReceived()).isEqualTo(1024);
      assertRequestInvariant(total);
      assertRequestInvariant(cli.export().getJsonArray("connections").getJsonObject(0));
      assertThat(total.getDouble("health_score")).isEqualTo(60.0);
      assertThat(cli.out).containsPattern("abandoned 1024");
      assertThat(cli.err).contains("FAIL  requests_abandoned == 0");
    } finally {
      server.close().await();
    }
  }

  @Test
  @DisplayName(
      "--hold closes like the end of a run: replies in flight are awaited, sent == received")
  void holdAwaitsReplies(Vertx vertx) throws Exception {
    // every echo takes 100 ms, so each hold close finds requests in flight
    EchoServer server = FaultServers.serve(vertx, "delay=100ms");
    try {
      Cli cli =
          Cli.runExporting(
              dir.resolve("hold.json"),
              "run",
              server.uri("/"),
              "-c",
              "2",
              "-d",
              "3s",
              "--send",
              "h{seq}",
              "--rate",
              "50",
              "--hold",
              "500ms",
              "--quiet");
      assertThat(cli.code).as(cli.toString()).isZero();
      JsonObject total = cli.total();
      assertThat(total.getLong("reconnections")).isGreaterThanOrEqualTo(2);
      assertThat(total.getLong("messages_sent")).isGreaterThan(50);
      assertThat(total.getLong("messages_received")).isEqualTo(total.getLong("messages_sent"));
      assertThat(total.getLong("requests_abandoned")).isZero();
      assertThat(total.getLong("send_failures")).isZero();
      assertRequestInvariant(total);
    } finally {
      server.close().await();
    }
  }

  @Test
  @DisplayName(
      "--rate: rtt_actual_ms and send_lag_ms beside rtt_ms, one value per answer; the summary's"
          + " rates divide by the sending time, not the grace")
  void rateModeKeysAndSummaryRates(Vertx vertx) throws Exception {
    EchoServer server = FaultServers.serve(vertx);
    try {
      Cli cli =
          Cli.runExporting(
              dir.resolve("rate.json"),
              "run",
              server.uri("/"),
              "-d",
              "3s",
              "--send",
              "r{seq}",
              "--rate",
              "10");
      assertThat(cli.code).as(cli.toString()).isZero();
      JsonObject total = cli.total();
      long answered = total.getJsonObject("rtt_ms").getLong("count");
      assertThat(answered).isEqualTo(total.getLong("messages_sent"));
      assertThat(total.getJsonObject("rtt_actual_ms").getLong("count")).isEqualTo(answered);
      assertThat(total.getJsonObject("send_lag_ms").getLong("count")).isEqualTo(answered);
      assertThat(total.getJsonObject("rtt_ms").getDouble("min"))
          .isGreaterThanOrEqualTo(total.getJsonObject("rtt_actual_ms").getDouble("min"));
      assertRequestInvariant(total);

      Matcher m =
          Pattern.compile("sent (\\d+) \\(([0-9.]+)/s\\).*per second of the ([0-9.]+) s of sending")
              .matcher(cli.out);
      assertThat(m.find()).as(cli.out).isTrue();
      assertThat(Double.parseDouble(m.group(3))).isBetween(2.9, 3.5);
      // 3 s at 10/s: about 10/s (dividing by the elapsed time with the 2 s grace gave 6/s)
      assertThat(Double.parseDouble(m.group(2))).isBetween(8.5, 11.0);
    } finally {
      server.close().await();
    }
  }

  @Test
  @DisplayName("--rate 0 (window): no scheduled sends, so no rtt_actual_ms or send_lag_ms")
  void windowModeHasNoLag(Vertx vertx) throws Exception {
    EchoServer server = FaultServers.serve(vertx);
    try {
      Cli cli =
          Cli.runExporting(
              dir.resolve("window.json"),
              "run",
              server.uri("/"),
              "-d",
              "1s",
              "--send",
              "w{seq}",
              "--rate",
              "0",
              "--quiet");
      assertThat(cli.code).as(cli.toString()).isZero();
      JsonObject total = cli.total();
      assertThat(total.containsKey("rtt_actual_ms")).isFalse();
      assertThat(total.containsKey("send_lag_ms")).isFalse();
      assertRequestInvariant(total);
    } finally {
      server.close().await();
    }
  }
}
