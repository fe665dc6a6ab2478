package dev.wsmon.runner.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.runner.config.ConfigSource;
import dev.wsmon.runner.load.ThreadedRun;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live dashboard of {@code wsmon run --dashboard} as a person sees it: a real run against the
 * testkit echo server (which closes each connection with 4001 and a reason holding a script after
 * some echoes, so close codes and reconnections appear), the page opened in headless Chromium with
 * {@code ?token=} (the page's EventSource then authenticates by the cookie), driven over the
 * DevTools protocol until the charts hold more points than the page was served with (the live
 * updates arrived), the connection table has rows and the close code shows. Skipped without
 * Chromium, failing instead when {@code CI=true}. With {@code -Dwsmon.dashboard.screenshot=FILE}
 * the screenshot is saved there (docs/images/dashboard.png is made so).
 */
@ExtendWith(VertxExtension.class)
@DisplayName("live dashboard of run --dashboard in a headless browser")
class DashboardBrowserTest {

  private static final String TOKEN = "s3cret-dashboard";
  private static final String REASON = "<script>document.title='pwned'</script>rotate";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final String STATE =
      "JSON.stringify((function () {"
          + " var el = document.getElementById('wsmon-data');"
          + " if (!el || document.readyState === 'loading') { return { loading: true,"
          + "   href: location.href, text: document.body ? document.body.innerText.slice(0, 300) : null }; }"
          + " var data = JSON.parse(el.textContent);"
          + " var points = {};"
          + " document.querySelectorAll('figure.chart').forEach(function (f) {"
          + "   points[f.id] = Number(f.getAttribute('data-points')); });"
          + " var reason = document.querySelector('#connection-table .reason');"
          + " return { title: document.title, live: document.body.getAttribute('data-live'),"
          + "   embedded: data.points.length, points: points,"
          + "   uplots: document.querySelectorAll('.uplot').length,"
          + "   rows: document.querySelectorAll('#connection-table tbody tr').length,"
          + "   codes: Array.prototype.map.call(document.querySelectorAll('#close-codes [data-code]'),"
          + "     function (e) { return e.getAttribute('data-code'); }),"
          + "   reason: reason ? reason.textContent : null,"
          + "   scripts: document.querySelectorAll('script').length,"
          + "   connected: document.querySelector('[data-metric=\"connected\"]').textContent,"
          + "   sent: document.querySelector('[data-metric=\"messages_sent\"]').textContent };"
          + "})())";

  @TempDir Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  @DisplayName("charts grow by server-sent events, table rows and close codes show, token by query")
  void liveDashboard(Vertx vertx) throws Exception {
    String chromium = HeadlessChromium.require();
    EchoServer server =
        EchoServer.deploy(
                vertx,
                new EchoServerOptions().setFaults(new FaultSpec().setCloseAfter(50, 4001, REASON)))
            .await();
    ThreadedRun run =
        ThreadedRun.start(
            new ConfigSource()
                .put("uri", server.uri("/dash"), "test")
                .put("connections", "3", "test")
                .put("duration", "90s", "test")
                .put("send", "hello {conn}-{seq}", "test")
                .put("rate", "10", "test")
                .put("reconnectDelay", "300ms", "test")
                .put("maxReconnectDelay", "300ms", "test")
                .put("jitter", "0", "test")
                .put("maxReconnectAttempts", "-1", "test")
                .put("dashboard", true, "test")
                .put("token", TOKEN, "test")
                .put("quiet", true, "test"));
    try {
      String base = run.dashboardUrl(WAIT);
      assertThat(base).startsWith("http://127.0.0.1:").endsWith("/");
      assertThat(run.err())
          .contains("wsmon run: dashboard " + base + " (token required")
          .doesNotContain(TOKEN);
      try (HeadlessChromium browser =
          HeadlessChromium.open(vertx, chromium, dir, base + "?token=" + TOKEN, 1280, 2000, WAIT)) {
        JsonObject first =
            browser.poll(STATE, s -> s.getValue("loading") == null && s.getString("live") != null);
        int embedded = first.getInteger("embedded");
        JsonObject initial = first.getJsonObject("points");
        // the first update may already have arrived: growth is counted from what the page showed
        JsonObject state =
            browser.poll(
                STATE,
                s ->
                    s.getJsonObject("points").getInteger("chart-rtt")
                            >= initial.getInteger("chart-rtt") + 3
                        && s.getJsonObject("points").getInteger("chart-connections") >= embedded + 3
                        && s.getInteger("rows") == 3
                        && s.getJsonArray("codes").contains("4001"));
        assertThat(state.getString("title")).isEqualTo("wsmon dashboard");
        assertThat(state.getString("live")).isEqualTo("on");
        assertThat(state.getInteger("uplots")).as("uPlot charts drawn").isEqualTo(4);
        assertThat(state.getJsonObject("points").getInteger("chart-messages"))
            .isGreaterThan(embedded);
        assertThat(state.getInteger("scripts")).as("no injected script element").isEqualTo(3);
        assertThat(state.getString("reason")).as("close reason shown as text").isEqualTo(REASON);
        assertThat(state.getString("sent")).isNotEqualTo("0").isNotEqualTo("\u2014");

        JsonObject later =
            browser.poll(
                STATE,
                s ->
                    s.getJsonObject("points").getInteger("chart-rtt")
                        > state.getJsonObject("points").getInteger("chart-rtt"));
        assertThat(later.getString("sent"))
            .as("headline figures follow")
            .isNotEqualTo(state.getString("sent"));

        String target = System.getProperty("wsmon.dashboard.screenshot");
        if (target != null && !target.isBlank()) {
          // a picture for the docs: let the charts fill up a little more first
          browser.poll(
              STATE,
              s ->
                  s.getJsonObject("points").getInteger("chart-rtt") >= 25
                      && "3".equals(s.getString("connected")));
        }
        byte[] png = browser.screenshot();
        assertThat(png.length).isGreaterThan(10_000);
        Path file =
            target == null || target.isBlank()
                ? dir.resolve("dashboard.png")
                : Path.of(target).toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.write(file, png);
      }
    } finally {
      int code = run.stop(WAIT);
      assertThat(code).as("exit code of the run").isEqualTo(0);
    }
  }
}
