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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(90)
@DisplayName("wsmon run without correlation: the end of a run and a hold close await the echoes")
class UncorrelatedDrainCliTest {

  @TempDir Path dir;

  private Cli run(EchoServer server, String name, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("run", server.uri("/"), "-c", "2", "-d", "3s", "--rate", "50", "--quiet"));
    args.addAll(List.of(extra));
    return Cli.runExporting(dir.resolve(name), args.toArray(String[]::new));
  }

  private static void assertEchoed(Cli cli, EchoServer server) {
    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject total = cli.total();
    assertThat(total.getLong("messages_sent")).isGreaterThan(50);
    assertThat(total.getLong("send_failures")).isZero();
    assertThat(total.getLong("messages_received"))
        .as("echoes received of the messages sent, in %s", total)
        .isEqualTo(total.getLong("messages_sent"));
    assertThat(server.stats().messagesReceived()).isEqualTo(total.getLong("messages_sent"));
  }

  @Test
  @DisplayName("--correlate none --hold 500ms on an echo taking 100 ms: sent == received")
  void textHold(Vertx vertx) throws Exception {
    EchoServer server =
        EchoServer.deploy(
                vertx, new EchoServerOptions().setFaults(new FaultSpec(List.of("delay=100ms"))))
            .await();
    try {
      Cli cli =
          run(server, "text.json", "--send", "t{seq}", "--correlate", "none", "--hold", "500ms");
      assertEchoed(cli, server);
      assertThat(cli.total().getLong("reconnections")).isGreaterThanOrEqualTo(2);
    } finally {
      server.close().await();
    }
  }

  @Test
  @DisplayName("--binary (no correlation) on an echo taking 100 ms, with and without --hold")
  void binary(Vertx vertx) throws Exception {
    EchoServer server =
        EchoServer.deploy(
                vertx, new EchoServerOptions().setFaults(new FaultSpec(List.of("delay=100ms"))))
            .await();
    Path payload = Files.write(dir.resolve("p.bin"), new byte[] {1, 2, 3, 4, (byte) 0xff});
    try {
      assertEchoed(run(server, "bin.json", "--send", "@" + payload, "--binary"), server);
      server.resetStats();
      Cli held =
          run(server, "binhold.json", "--send", "@" + payload, "--binary", "--hold", "500ms");
      assertEchoed(held, server);
      assertThat(held.total().getLong("reconnections")).isGreaterThanOrEqualTo(2);
    } finally {
      server.close().await();
    }
  }

  @Test
  @DisplayName("a server that never answers: a hold close waits only for the quiet period")
  void sinkDoesNotWaitTheGrace(Vertx vertx) throws Exception {
    EchoServer server =
        EchoServer.deploy(
                vertx, new EchoServerOptions().setFaults(new FaultSpec(List.of("no-echo"))))
            .await();
    try {
      Cli cli =
          run(
              server,
              "sink.json",
              "--send",
              "s{seq}",
              "--correlate",
              "none",
              "--hold",
              "300ms",
              "--grace",
              "10s");
      assertThat(cli.code).as(cli.toString()).isZero();
      JsonObject total = cli.total();
      assertThat(total.getLong("messages_received")).isZero();
      // each cycle: 300 ms held, 500 ms of quiet, a reconnect; never the 10 s grace
      assertThat(total.getLong("reconnections")).isGreaterThanOrEqualTo(2);
      assertThat(cli.export().getDouble("elapsed_seconds")).isLessThan(8.0);
    } finally {
      server.close().await();
    }
  }
}
