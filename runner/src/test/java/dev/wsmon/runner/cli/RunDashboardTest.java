package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.runner.config.ConfigSource;
import dev.wsmon.runner.load.RunSettings;
import dev.wsmon.runner.load.ThreadedRun;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.support.Waits;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(90)
@DisplayName("wsmon run --dashboard")
class RunDashboardTest {

  private static final String TOKEN = "t0ken-for-run";

  @Nested
  @DisplayName("flags")
  class Flags {

    @Test
    @DisplayName("dashboard flags without --dashboard are a usage error naming the flag")
    void needsDashboard() {
      Cli cli = Cli.run("run", "ws://127.0.0.1:1/x", "--dashboard-port", "9000", "-d", "1s");
      assertThat(cli.code).as(cli.toString()).isEqualTo(2);
      assertThat(cli.err).contains("--dashboard-port", "only with --dashboard");
      Cli token = Cli.run("run", "ws://127.0.0.1:1/x", "--token", "x", "-d", "1s");
      assertThat(token.code).as(token.toString()).isEqualTo(2);
      assertThat(token.err).contains("--token", "only with --dashboard");
    }

    @Test
    @DisplayName("a bad port or token is a usage error that does not echo the token")
    void badValues() {
      Cli port = Cli.run("run", "ws://127.0.0.1:1/x", "--dashboard", "--dashboard-port", "70000");
      assertThat(port.code).as(port.toString()).isEqualTo(2);
      assertThat(port.err).contains("--dashboard-port", "70000", "between 0 and 65535");
      Cli token = Cli.run("run", "ws://127.0.0.1:1/x", "--dashboard", "--token", "se cret");
      assertThat(token.code).as(token.toString()).isEqualTo(2);
      assertThat(token.err).contains("--token").doesNotContain("se cret");
    }

    @Test
    @DisplayName("defaults: 127.0.0.1, a free port, no token; config keys and flags agree")
    void defaults() {
      RunSettings on =
          RunSettings.from(
              new ConfigSource()
                  .put("uri", "ws://127.0.0.1:1/x", "test")
                  .put("dashboard", "true", "test"));
      assertThat(on.dashboard.host()).isEqualTo("127.0.0.1");
      assertThat(on.dashboard.port()).isZero();
      assertThat(on.dashboard.token()).isNull();
      RunSettings off =
          RunSettings.from(
              new ConfigSource()
                  .addEnvironment(Map.of("WSMON_TOKEN", "from-env"), RunSettings.KEYS)
                  .put("uri", "ws://127.0.0.1:1/x", "test"));
      assertThat(off.dashboard).as("WSMON_TOKEN alone does not start a dashboard").isNull();
      RunSettings env =
          RunSettings.from(
              new ConfigSource()
                  .addEnvironment(
                      Map.of("WSMON_TOKEN", "from-env", "WSMON_DASHBOARD", "true"),
                      RunSettings.KEYS)
                  .put("uri", "ws://127.0.0.1:1/x", "test"));
      assertThat(env.dashboard.token()).isEqualTo("from-env");
      assertThat(RunCommand.keyOf("--dashboard-host")).isEqualTo("dashboardHost");
      assertThat(RunSettings.KEYS).containsKeys("dashboard", "dashboardPort", "dashboardHost");
    }
  }

  @Test
  @DisplayName(
      "serves the live dashboard, its event stream and the stats with the token, then closes")
  void servesDuringTheRun(Vertx vertx) throws Exception {
    EchoServer server = EchoServer.deploy(vertx).await();
    ThreadedRun run =
        ThreadedRun.start(
            new ConfigSource()
                .put("uri", server.uri("/echo"), "test")
                .put("connections", "2", "test")
                .put("duration", "60s", "test")
                .put("send", "hi {seq}", "test")
                .put("rate", "20", "test")
                .put("dashboard", true, "test")
                .put("token", TOKEN, "test")
                .put("quiet", true, "test"));
    WebClient web = WebClient.create(vertx);
    HttpClient http = vertx.createHttpClient();
    int port;
    try {
      URI base = URI.create(run.dashboardUrl(Duration.ofSeconds(30)));
      port = base.getPort();
      assertThat(run.err()).contains("wsmon run: dashboard " + base).doesNotContain(TOKEN);

      HttpResponse<Buffer> denied = web.get(port, "127.0.0.1", "/").send().await();
      assertThat(denied.statusCode()).isEqualTo(401);
      HttpResponse<Buffer> page =
          web.get(port, "127.0.0.1", "/").bearerTokenAuthentication(TOKEN).send().await();
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.bodyAsString())
          .contains("<title>wsmon dashboard</title>", "\"live\":\"events\"", "id=\"chart-rtt\"");
      // the dashboard serves from before the ramp: the connections appear once they start
      HttpResponse<Buffer> stats =
          Waits.until(
                  vertx,
                  () ->
                      web.get(port, "127.0.0.1", "/stats").bearerTokenAuthentication(TOKEN).send(),
                  r ->
                      r.statusCode() != 200
                          || r.bodyAsJsonObject().getJsonObject("total").getInteger("connections")
                              == 2,
                  Duration.ofSeconds(30))
              .await();
      assertThat(stats.statusCode()).isEqualTo(200);
      assertThat(stats.bodyAsJsonObject().getJsonObject("total").getInteger("connections"))
          .isEqualTo(2);

      HttpClientResponse events =
          http.request(HttpMethod.GET, port, "127.0.0.1", "/events?token=" + TOKEN)
              .compose(req -> req.send())
              .await();
      assertThat(events.statusCode()).isEqualTo(200);
      assertThat(events.cookies()).anyMatch(c -> c.startsWith("wsmon_token="));
      Promise<JsonObject> withSent = Promise.promise();
      StringBuilder text = new StringBuilder();
      events.handler(
          chunk -> {
            text.append(chunk.toString());
            int end;
            while ((end = text.indexOf("\n\n")) >= 0) {
              String frame = text.substring(0, end);
              text.delete(0, end + 2);
              if (frame.startsWith("event: stats\n")) {
                JsonObject event = new JsonObject(frame.substring(frame.indexOf("data: ") + 6));
                if (event.getJsonObject("total").getLong("messages_received", 0L) > 0) {
                  withSent.tryComplete(event);
                }
              }
            }
          });
      JsonObject event = withSent.future().await(30, TimeUnit.SECONDS);
      assertThat(event.getJsonObject("sections").getString("connections"))
          .contains("<code>c-1</code>", "<code>c-2</code>");
      assertThat(event.getJsonObject("point")).isNotNull();
    } finally {
      assertThat(run.stop(Duration.ofSeconds(30))).isZero();
    }
    boolean refused =
        web.get(port, "127.0.0.1", "/")
            .send()
            .transform(ar -> io.vertx.core.Future.succeededFuture(ar.failed()))
            .await();
    assertThat(refused).as("the dashboard closes with the run").isTrue();
    http.close().await();
    server.close().await();
  }
}
