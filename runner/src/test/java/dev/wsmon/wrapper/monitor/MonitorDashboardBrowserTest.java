package dev.wsmon.wrapper.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.runner.browser.HeadlessChromium;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor's dashboard ({@code GET /}) in headless Chromium over the DevTools protocol: a server
 * that closes every connection at once with 4002 makes the monitor reconnect in a loop; the page,
 * opened with {@code ?token=}, must show the connection chart growing by server-sent events, one
 * table row per connection and the close code. Skipped without Chromium unless {@code CI=true}.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("monitor dashboard in a headless browser")
class MonitorDashboardBrowserTest {

  private static final String TOKEN = "monitor-t0ken";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String STATE =
      "JSON.stringify((function () {"
          + " if (!document.getElementById('wsmon-data') || document.readyState === 'loading') {"
          + "   return { loading: true, text: document.body ? document.body.innerText.slice(0, 300) : null }; }"
          + " var points = {};"
          + " document.querySelectorAll('figure.chart').forEach(function (f) {"
          + "   points[f.id] = Number(f.getAttribute('data-points')); });"
          + " return { title: document.title, live: document.body.getAttribute('data-live'), points: points,"
          + "   rows: document.querySelectorAll('#connection-table tbody tr').length,"
          + "   codes: Array.prototype.map.call(document.querySelectorAll('#close-codes [data-code]'),"
          + "     function (e) { return e.getAttribute('data-code'); }),"
          + "   bold: document.querySelectorAll('#connection-table b + .reason b').length,"
          + "   reason: (document.querySelector('#connection-table .reason') || {}).textContent };"
          + "})())";

  @TempDir Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  @DisplayName("charts grow, table rows and close codes show, reason escaped, token by query")
  void dashboard(Vertx vertx) throws Exception {
    String chromium = HeadlessChromium.require();
    EchoServer server =
        EchoServer.deploy(
                vertx,
                new EchoServerOptions()
                    .setFaults(new FaultSpec().setCloseAfter(0, 4002, "maintenance <b>x</b>")))
            .await();
    MonitorOptions options =
        new MonitorOptions(
            new JsonObject()
                .put("namespace", "browser-monitor")
                .put("httpPort", 0)
                .put("token", TOKEN)
                .put("logStats", false)
                .put("sampleInterval", "500ms")
                .put(
                    "endpoints",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("uri", server.uri("/feed"))
                                .put("connections", 2)
                                .put("reconnectDelay", "300ms")
                                .put("maxReconnectDelay", "300ms")
                                .put("jitter", 0)
                                .put("maxReconnectAttempts", -1))));
    MonitorVerticle monitor = MonitorVerticle.deploy(vertx, options).await();
    String url = "http://127.0.0.1:" + monitor.actualPort() + "/?token=" + TOKEN;
    try (HeadlessChromium browser =
        HeadlessChromium.open(vertx, chromium, dir, url, 1280, 1600, WAIT)) {
      JsonObject first =
          browser.poll(STATE, s -> s.getValue("loading") == null && s.getString("live") != null);
      int initial = first.getJsonObject("points").getInteger("chart-connections");
      JsonObject state =
          browser.poll(
              STATE,
              s ->
                  s.getJsonObject("points").getInteger("chart-connections") >= initial + 3
                      && s.getJsonObject("points").getInteger("chart-connect-latency") > 0
                      && s.getInteger("rows") == 2
                      && s.getJsonArray("codes").contains("4002"));
      assertThat(state.getString("title")).isEqualTo("wsmon dashboard");
      assertThat(state.getString("live")).isEqualTo("on");
      assertThat(state.getString("reason")).isEqualTo("maintenance <b>x</b>");
      assertThat(state.getInteger("bold")).as("the reason's markup is not markup").isZero();
    } finally {
      vertx.undeploy(monitor.deploymentID()).await();
      server.close().await();
    }
  }
}
