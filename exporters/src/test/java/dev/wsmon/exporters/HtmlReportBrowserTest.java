package dev.wsmon.exporters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.core.TrafficBatch;
import dev.wsmon.core.WsmonCodecs;
import dev.wsmon.tracker.StatsSnapshot;
import dev.wsmon.tracker.StatsTrackerVerticle;
import dev.wsmon.tracker.TrackerOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a report from REAL tracker output (a {@link StatsTrackerVerticle} fed connection events
 * and traffic batches on the event bus over several sample intervals) and loads it in headless
 * Chromium, checking the DOM after the page's scripts ran. Without Chromium the test is skipped, or
 * fails when {@code CI=true} ({@code .ci/run} installs it). With {@code
 * -Dwsmon.report.screenshot=FILE} it also saves a screenshot (docs/images/report.png is made so).
 */
@ExtendWith(VertxExtension.class)
@DisplayName("HTML report in a headless browser")
class HtmlReportBrowserTest {

  private static final String NS = "browser";
  private static final String G1 = "ws://127.0.0.1:9001/feed";
  private static final String G2 = "wss://quotes.example.com/stream?token=***";
  private static final String XSS = HtmlReportTest.XSS;
  private static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  @DisplayName("charts have points, one table row per connection, close codes, no script injection")
  void report(Vertx vertx) throws Exception {
    String chromium = chromium();
    StatsTrackerVerticle tracker = deployTracker(vertx);
    feedEvents(vertx);
    AtomicLong tick = new AtomicLong();
    long timer = vertx.setPeriodic(60, id -> feedTraffic(vertx, tick.incrementAndGet()));
    List<JsonObject> points = tracker.series().await();
    for (int i = 0; i < 400 && withRtt(points) < 4; i++) {
      vertx.timer(25).await();
      points = tracker.series().await();
    }
    vertx.cancelTimer(timer);
    StatsSnapshot snapshot = tracker.snapshot().await();
    assertThat(withRtt(points)).as("sample intervals with traffic").isGreaterThanOrEqualTo(4);
    assertThat(snapshot.total().getLong("disconnections")).isEqualTo(3);

    JsonObject document = snapshot.toJson().put("thresholds", thresholds());
    String html = Exporters.html(document, new JsonArray(new ArrayList<>(points)));
    Path file = dir.resolve("report.html");
    Files.writeString(file, html, StandardCharsets.UTF_8);

    String dom = dumpDom(chromium, file);

    assertThat(dom).contains("<title>wsmon report</title>").doesNotContain("pwned</title>");
    assertThat(count(dom, "class=\"uplot"))
        .as("uPlot charts drawn by the page script")
        .isEqualTo(4);
    for (String chart :
        List.of("chart-connections", "chart-messages", "chart-rtt", "chart-connect-latency")) {
      assertThat(dataPoints(dom, chart)).as("data-points of %s", chart).isPositive();
    }
    assertThat(dataPoints(dom, "chart-rtt"))
        .isEqualTo(HtmlReportTest.dataPoints(html, "chart-rtt"));
    assertThat(tableRows(dom, "connection-table")).isEqualTo(4);
    assertThat(dom)
        .contains("data-code=\"1006\"")
        .contains("data-code=\"1001\"")
        .contains("data-code=\"4000\"")
        .contains("&lt;/script&gt;&lt;script&gt;document.title='pwned';alert(1)&lt;/script&gt;")
        .doesNotContain(XSS)
        .contains("FAIL</span><code>rtt_ms.p99&lt;0.1</code>");

    String screenshot = System.getProperty("wsmon.report.screenshot");
    if (screenshot != null && !screenshot.isBlank()) {
      Path png = Path.of(screenshot).toAbsolutePath();
      Files.createDirectories(png.getParent());
      run(chromium, file, List.of("--screenshot=" + png, "--window-size=1280,2000"));
      assertThat(Files.size(png)).isPositive();
    }
  }

  private static StatsTrackerVerticle deployTracker(Vertx vertx) {
    WsmonCodecs.register(vertx);
    StatsTrackerVerticle tracker =
        new StatsTrackerVerticle(
            new TrackerOptions()
                .setNamespace(NS)
                .setLogStats(false)
                .setSampleInterval(Duration.ofMillis(250)));
    vertx.deployVerticle(tracker).await();
    return tracker;
  }

  private static void feedEvents(Vertx vertx) {
    List<ConnectionEvent> events = new ArrayList<>();
    String[][] connections = {{"c-1", G1}, {"c-2", G1}, {"c-3", G2}, {"c-4", G2}};
    double latency = 8.5;
    for (String[] c : connections) {
      events.add(
          event(c[0], c[1], EventType.ATTEMPT, null, null, null, ConnectionState.CONNECTING));
      events.add(
          event(c[0], c[1], EventType.CONNECTED, latency, null, null, ConnectionState.CONNECTED));
      latency *= 1.7;
    }
    events.add(
        event("c-2", G1, EventType.DISCONNECTED, 420.0, 1006, XSS, ConnectionState.RECONNECTING));
    events.add(event("c-2", G1, EventType.ATTEMPT, null, null, null, ConnectionState.CONNECTING));
    events.add(event("c-2", G1, EventType.CONNECTED, 11.25, null, null, ConnectionState.CONNECTED));
    events.add(
        event(
            "c-3",
            G2,
            EventType.DISCONNECTED,
            900.0,
            1001,
            "going away",
            ConnectionState.RECONNECTING));
    events.add(
        event(
            "c-4",
            G2,
            EventType.DISCONNECTED,
            950.0,
            4000,
            "<b>custom</b> & co",
            ConnectionState.GAVE_UP));
    vertx.runOnContext(v -> events.forEach(e -> vertx.eventBus().publish(NS + ".events", e)));
  }

  private static void feedTraffic(Vertx vertx, long tick) {
    List<ConnectionDelta> deltas = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      long n = 20 + (tick % 7) * i;
      Histogram rtt = LatencyHistograms.create();
      for (long k = 0; k < n; k++) {
        LatencyHistograms.record(rtt, 300 + i * 150 + (k * 37 + tick * 11) % 900);
      }
      deltas.add(
          new ConnectionDelta(
              "c-" + i,
              G1,
              n,
              n - (tick % 2),
              n * 64,
              (n - (tick % 2)) * 64,
              0,
              0,
              0,
              0,
              rtt,
              null,
              null,
              null,
              null,
              null,
              0));
    }
    vertx.eventBus().publish(NS + ".traffic", new TrafficBatch("test", Instant.now(), deltas));
  }

  private static ConnectionEvent event(
      String id,
      String group,
      EventType type,
      Double ms,
      Integer code,
      String reason,
      ConnectionState state) {
    return new ConnectionEvent(id, group, type, Instant.now(), 0, ms, code, reason, state);
  }

  private static long withRtt(List<JsonObject> points) {
    return points.stream().filter(p -> p.getValue("rtt_p50_ms") != null).count();
  }

  private static JsonArray thresholds() {
    return new JsonArray()
        .add(
            new JsonObject()
                .put("expression", "success_rate>=99")
                .put("passed", true)
                .put("actual", 100.0))
        .add(
            new JsonObject()
                .put("expression", "rtt_ms.p99<0.1")
                .put("passed", false)
                .put("actual", 1.2));
  }

  private static int dataPoints(String dom, String chartId) {
    Matcher tag = Pattern.compile("<figure[^>]*\\bid=\"" + chartId + "\"[^>]*>").matcher(dom);
    assertThat(tag.find()).as("chart %s in the DOM", chartId).isTrue();
    Matcher points = Pattern.compile("data-points=\"(\\d+)\"").matcher(tag.group());
    assertThat(points.find()).as("data-points on %s", chartId).isTrue();
    return Integer.parseInt(points.group(1));
  }

  private static int tableRows(String dom, String tableId) {
    int start = dom.indexOf("id=\"" + tableId + "\"");
    assertThat(start).as("table %s in the DOM", tableId).isNotNegative();
    String table = dom.substring(dom.indexOf("<tbody>", start), dom.indexOf("</tbody>", start));
    return count(table, "<tr");
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  /** The chromium binary, or skip (fail when CI=true) when none is installed. */
  private static String chromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    String message =
        "chromium is not installed (looked for chromium, chromium-browser, google-chrome on PATH);"
            + " install it with: apt-get install -y chromium (.ci/run does)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.abort(message);
    return null;
  }

  private String dumpDom(String chromium, Path file) throws IOException, InterruptedException {
    Path out = run(chromium, file, List.of("--dump-dom"));
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private Path run(String chromium, Path file, List<String> extra)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(dir, "profile");
    Path out = Files.createTempFile(dir, "chromium", ".out");
    Path err = Files.createTempFile(dir, "chromium", ".err");
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--virtual-time-budget=5000"));
    command.addAll(extra);
    command.add(file.toUri().toString());
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(BROWSER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      fail("chromium did not finish within " + BROWSER_TIMEOUT + ": " + tail(err));
    }
    if (process.exitValue() != 0) {
      fail("chromium exited with " + process.exitValue() + ": " + tail(err));
    }
    return out;
  }

  private static String tail(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
  }
}
