package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
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
@DisplayName("wsmon run over wss:// against the testkit TLS echo server (cert for localhost)")
class TlsCliTest {

  @TempDir Path dir;
  private EchoServer server;

  @BeforeEach
  void start(Vertx vertx) {
    server = EchoServer.deploy(vertx).await();
    server.faults(new FaultSpec().setTls(true));
    server.stopListening().await();
    server.startListening().await();
  }

  @AfterEach
  void stop() {
    server.close().await();
  }

  private Cli run(String... extra) {
    Path events = dir.resolve("events-" + System.nanoTime() + ".jsonl");
    String[] args = new String[extra.length + 9];
    args[0] = "run";
    System.arraycopy(extra, 0, args, 1, extra.length);
    int i = extra.length + 1;
    args[i++] = "-d";
    args[i++] = "8s";
    args[i++] = "--no-auto-reconnect";
    args[i++] = "--connect-timeout";
    args[i++] = "7s";
    args[i++] = "-q";
    args[i++] = "--events-jsonl";
    args[i] = events.toString();
    Cli cli = Cli.run(args);
    lastEvents = events;
    return cli;
  }

  private Path lastEvents;

  private String failureReasons() throws Exception {
    StringBuilder out = new StringBuilder();
    for (String line : Files.readAllLines(lastEvents)) {
      JsonObject e = new JsonObject(line);
      if ("CONNECT_FAILED".equals(e.getString("type")) || e.getString("reason") != null) {
        out.append(e.getString("reason")).append('\n');
      }
    }
    return out.toString();
  }

  @Test
  @DisplayName("verification is on by default: an untrusted self-signed certificate fails clearly")
  void untrustedCertificateFails() throws Exception {
    assertThat(server.isTls()).isTrue();
    String uri = "wss://localhost:" + server.port() + "/echo";
    Cli cli = run(uri);
    assertThat(cli.code).as(cli.toString()).isEqualTo(3);
    assertThat(failureReasons()).as(cli.toString()).containsIgnoringCase("TLS");
    assertThat(cli.err).doesNotContain("WARNING");
  }

  @Test
  @DisplayName("--insecure connects to the self-signed server and prints a warning")
  void insecureConnectsWithWarning() {
    Cli cli = run(server.uri("/echo"), "--insecure", "--send", "hi", "--rate", "5");
    assertThat(cli.code).as(cli.toString()).isZero();
    assertThat(cli.err).contains("WARNING: --insecure");
  }

  @Test
  @DisplayName("--insecure from the config file warns too")
  void insecureFromConfigWarns() throws Exception {
    Path config = dir.resolve("c.json");
    Files.writeString(config, new JsonObject().put("insecure", true).encode());
    Cli cli = run(server.uri("/echo"), "--config", config.toString());
    assertThat(cli.code).as(cli.toString()).isZero();
    assertThat(cli.err).contains("WARNING: --insecure");
  }
}
