package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.wsmon.runner.SecretServer;
import dev.wsmon.runner.Secrets;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("wsmon run never shows a secret, while the server receives every credential")
class SecretsInCliTest {

  @TempDir Path dir;
  private SecretServer server;

  @BeforeEach
  void start(Vertx vertx) {
    server = SecretServer.start(vertx);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  @DisplayName("stdout, stderr, logs, JSON/CSV/HTML exports and the events JSONL hold no marker")
  void noSinkLeaks() throws Exception {
    Path json = dir.resolve("run.json");
    Path csv = dir.resolve("run.csv");
    Path events = dir.resolve("events.jsonl");
    ListAppender<ILoggingEvent> logs = Secrets.captureLogs();
    Cli cli;
    try {
      cli =
          Cli.run(
              "run",
              Secrets.uri(server.port()),
              "-c",
              "2",
              "-d",
              "5s",
              "--send",
              "hello {conn}-{seq}",
              "--rate",
              "10",
              "--reconnect-delay",
              "50ms",
              "--stats-interval",
              "500ms",
              "-H",
              "Authorization: " + Secrets.AUTHORIZATION,
              "-H",
              "Cookie: " + Secrets.COOKIE,
              "-H",
              Secrets.API_KEY_HEADER + ": " + Secrets.API_KEY,
              "--export-json",
              json.toString(),
              "--export-csv",
              csv.toString(),
              "--events-jsonl",
              events.toString(),
              "--verbose");
    } finally {
      Verbosity.set(false);
    }
    String logText = Secrets.detach(logs);
    assertThat(cli.code).as(cli.toString()).isZero();

    Secrets.assertClean("stdout", cli.out);
    Secrets.assertClean("stderr", cli.err);
    Secrets.assertClean("logs", logText);
    Secrets.assertClean("JSON export", Files.readString(json));
    Secrets.assertClean("CSV export", Files.readString(csv));
    String jsonl = Files.readString(events);
    Secrets.assertClean("events JSONL", jsonl);
    assertThat(jsonl)
        .as("the close reason is kept, only its secret is masked")
        .contains("session expired token=***")
        .contains("ws://***@127.0.0.1:" + server.port() + "/x?token=***");
    assertThat(Files.readString(json)).contains("room=lobby");

    assertThat(server.handshakes()).hasSizeGreaterThanOrEqualTo(3);
    SecretServer.Handshake first = server.handshakes().get(0);
    assertThat(first.headers())
        .containsEntry("Authorization", Secrets.AUTHORIZATION)
        .containsEntry("Cookie", Secrets.COOKIE)
        .containsEntry(Secrets.API_KEY_HEADER, Secrets.API_KEY);
    assertThat(first.uri())
        .contains("token=SECRET-MARKER-4", "apikey=SECRET-MARKER-6", "signature=SECRET-MARKER-7");
  }

  @Test
  @DisplayName("a usage error on a secret URI or header names the bad value without its secret")
  void usageErrorsAreRedacted() {
    Cli badScheme =
        Cli.run("run", "http://user:SECRET-MARKER-3@127.0.0.1:1/x?token=SECRET-MARKER-4");
    assertThat(badScheme.code).as(badScheme.toString()).isEqualTo(2);
    assertThat(badScheme.err).contains("ws://");
    Secrets.assertClean("stderr", badScheme.out + badScheme.err);

    Cli badRate =
        Cli.run(
            "run",
            Secrets.uri(1),
            "-H",
            "Authorization: " + Secrets.AUTHORIZATION,
            "--rate",
            "-5",
            "--send",
            "x",
            "--verbose");
    Verbosity.set(false);
    assertThat(badRate.code).as(badRate.toString()).isEqualTo(2);
    Secrets.assertClean("stderr", badRate.out + badRate.err);

    Cli noColon = Cli.run("run", Secrets.uri(1), "-H", "Cookie sid=SECRET-MARKER-2");
    assertThat(noColon.code).as(noColon.toString()).isEqualTo(2);
    assertThat(noColon.err).contains("Name: value");
    Secrets.assertClean("stderr", noColon.out + noColon.err);
  }
}
