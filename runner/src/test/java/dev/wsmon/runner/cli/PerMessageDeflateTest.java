package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
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
@DisplayName("--per-message-deflate: the testkit server negotiates it and an echo run works")
class PerMessageDeflateTest {

  @TempDir Path dir;
  private EchoServer server;

  @BeforeEach
  void start(Vertx vertx) {
    server = EchoServer.deploy(vertx).await();
  }

  @AfterEach
  void stop() {
    server.close().await();
  }

  @Test
  @DisplayName("the testkit server answers an offer of permessage-deflate with the extension")
  void serverNegotiates(Vertx vertx) {
    HttpClient http = vertx.createHttpClient();
    HttpClientResponse response =
        http.request(
                new RequestOptions()
                    .setMethod(HttpMethod.GET)
                    .setHost("127.0.0.1")
                    .setPort(server.port())
                    .setURI("/echo")
                    .putHeader("Upgrade", "websocket")
                    .putHeader("Connection", "Upgrade")
                    .putHeader("Sec-WebSocket-Version", "13")
                    .putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                    .putHeader("Sec-WebSocket-Extensions", "permessage-deflate"))
            .compose(request -> request.send())
            .await();
    assertThat(response.statusCode()).isEqualTo(101);
    assertThat(response.getHeader("Sec-WebSocket-Extensions")).contains("permessage-deflate");
    http.close().await();
  }

  @Test
  @DisplayName(
      "wsmon run --per-message-deflate: every message echoed, none lost (the first compressed"
          + " handshake in a JVM takes about 2 s: Netty loads its compression codecs)")
  void echoRunWithCompression() throws Exception {
    Path json = dir.resolve("run.json");
    Cli cli =
        Cli.run(
            "run",
            server.uri("/echo"),
            "--per-message-deflate",
            "-d",
            "6s",
            "--send",
            "compressible ".repeat(200) + "{seq}",
            "--rate",
            "20",
            "--export-json",
            json.toString(),
            "--quiet");
    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject total = new JsonObject(Files.readString(json)).getJsonObject("total");
    long sent = total.getLong("messages_sent");
    assertThat(sent).isGreaterThan(5);
    assertThat(total.getLong("messages_received")).isEqualTo(sent);
    assertThat(total.getLong("protocol_errors")).isZero();
    assertThat(server.stats().messagesReceived()).isEqualTo(sent);
  }
}
