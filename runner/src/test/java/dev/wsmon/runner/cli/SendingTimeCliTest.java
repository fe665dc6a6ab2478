package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("wsmon run: the summary's per-second figures divide by the sending time, which is -d")
class SendingTimeCliTest {

  @TempDir Path dir;

  @Test
  @DisplayName(
      "a 1 s handshake delay, -d 3s: 3 s of sending, printed and exported as sending_seconds, and"
          + " sent/s = messages_sent / sending_seconds")
  void slowHandshakeKeepsTheSendingTimeOfTheDuration(Vertx vertx) {
    EchoServer server =
        EchoServer.deploy(
                vertx,
                new EchoServerOptions().setFaults(new FaultSpec(List.of("handshake-delay=1s"))))
            .await();
    try {
      Cli cli =
          Cli.runExporting(
              dir.resolve("run.json"),
              "run",
              server.uri("/"),
              "-c",
              "3",
              "-d",
              "3s",
              "--send",
              "t{seq}",
              "--rate",
              "10");
      assertThat(cli.code).as(cli.toString()).isZero();
      JsonObject export = cli.export();
      JsonObject total = export.getJsonObject("total");
      double sending = export.getDouble("sending_seconds");
      assertThat(sending).as(cli.out).isBetween(2.7, 3.3);
      assertThat(export.getDouble("elapsed_seconds")).isGreaterThan(sending);
      Matcher m =
          Pattern.compile(
                  "sent (\\d+) \\(([0-9.]+)/s\\)   received (\\d+) \\(([0-9.]+)/s\\)"
                      + "   per second of the ([0-9.]+) s of sending")
              .matcher(cli.out);
      assertThat(m.find()).as(cli.out).isTrue();
      long sent = total.getLong("messages_sent");
      long received = total.getLong("messages_received");
      assertThat(sent).isPositive();
      assertThat(Long.parseLong(m.group(1))).isEqualTo(sent);
      assertThat(Long.parseLong(m.group(3))).isEqualTo(received);
      assertThat(Double.parseDouble(m.group(2))).isCloseTo(sent / sending, within(0.051));
      assertThat(Double.parseDouble(m.group(4))).isCloseTo(received / sending, within(0.051));
      assertThat(Double.parseDouble(m.group(5))).isCloseTo(sending, within(0.051));
    } finally {
      server.close().await();
    }
  }
}
