package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
@DisplayName("serve --fault tls: a URL that matches the certificate, and the certificate to trust")
class ServeTlsCliTest {

  @TempDir Path dir;

  @Test
  @DisplayName(
      "run --trust-store FILE (from --tls-cert-out) connects to the printed URL without --insecure")
  void trustedWithoutInsecure() throws Exception {
    Path cert = dir.resolve("out/serve-ca.pem");
    PipedInputStream pipe = new PipedInputStream();
    PrintStream out = new PrintStream(new PipedOutputStream(pipe), true, StandardCharsets.UTF_8);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CompletableFuture<Integer> serve =
        CompletableFuture.supplyAsync(
            () ->
                WsmonCommand.execute(
                    out,
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    Map.of(),
                    "serve",
                    "--port",
                    "0",
                    "--fault",
                    "tls",
                    "--tls-cert-out",
                    cert.toString(),
                    "--duration",
                    "20s"));
    String url = new BufferedReader(new InputStreamReader(pipe, StandardCharsets.UTF_8)).readLine();
    assertThat(url)
        .as("serve prints a URL naming the certificate's host")
        .matches("wss://localhost:\\d+/");
    assertThat(Files.readString(cert)).startsWith("-----BEGIN CERTIFICATE-----");

    Cli run = Cli.run("run", url, "--trust-store", cert.toString(), "-d", "1s", "--send", "hi");
    assertThat(run.code).as(run.toString()).isZero();
    assertThat(run.out).contains("wsmon summary");

    Cli untrusted = Cli.run("run", url, "-d", "1s", "--max-reconnect-attempts", "0");
    assertThat(untrusted.code)
        .as("without the certificate the server is not trusted: " + untrusted)
        .isEqualTo(3);

    assertThat(serve.get(60, TimeUnit.SECONDS)).as(err.toString(StandardCharsets.UTF_8)).isZero();
    // its TLS warm-up before the URL is counted nowhere: one connection, the trusted run's
    String log = err.toString(StandardCharsets.UTF_8);
    String stopping = "wsmon serve: stopping; ";
    JsonObject stats =
        new JsonObject(log.substring(log.indexOf(stopping) + stopping.length()).strip());
    assertThat(stats.getLong("connectionsOpened")).as(log).isEqualTo(1);
  }

  @Test
  @DisplayName("--tls-cert-out without --fault tls is a usage error naming the flag")
  void certOutNeedsTls() {
    Cli cli = Cli.run("serve", "--port", "0", "--tls-cert-out", dir.resolve("x.pem").toString());
    assertThat(cli.code).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("--tls-cert-out").contains("--fault tls");
  }
}
