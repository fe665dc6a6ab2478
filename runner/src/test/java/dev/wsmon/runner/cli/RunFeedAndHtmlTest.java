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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(90)
@DisplayName("wsmon run with feed metrics and the HTML report")
class RunFeedAndHtmlTest {

  @TempDir Path dir;
  private EchoServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close().await();
    }
  }

  @Test
  @DisplayName(
      "--seq-field/--ts-field on a pushed feed with gaps: feed stats exported, report written")
  void feedRunWithHtmlReport(Vertx vertx) throws Exception {
    server =
        EchoServer.deploy(
                vertx,
                new EchoServerOptions()
                    .setFaults(FaultSpec.parse("push=200/s:gap-every=10:dup-every=7")))
            .await();
    Path json = dir.resolve("feed.json");
    Path html = dir.resolve("report/feed.html");

    Cli cli =
        Cli.run(
            "run",
            server.uri("/feed"),
            "-d",
            "5s",
            "--seq-field",
            "seq",
            "--ts-field",
            "ts",
            "--max-silence",
            "5s",
            "--export-json",
            json.toString(),
            "--export-html",
            html.toString(),
            "--threshold",
            "feed.gaps==0",
            "--quiet");

    assertThat(cli.code).as(cli.toString()).isEqualTo(1);
    JsonObject feed =
        new JsonObject(Files.readString(json)).getJsonObject("total").getJsonObject("feed");
    assertThat(feed).as("total.feed").isNotNull();
    assertThat(feed.getLong("gaps")).isPositive();
    assertThat(feed.getLong("missing")).isGreaterThanOrEqualTo(feed.getLong("gaps"));
    assertThat(feed.getLong("duplicates")).isPositive();
    assertThat(feed.getJsonObject("e2e_latency_ms").getLong("count")).isPositive();
    assertThat(feed.getBoolean("stale")).isFalse();

    String page = Files.readString(html);
    assertThat(page).contains("<html", "uPlot", "feed.gaps == 0", "FAIL");
    assertThat(page).doesNotContain("<link ", "src=\"http");
  }
}
