package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("wsmon run: the HTML report's scenario section equals the JSON export")
class RunScenarioHtmlTest {

  private static final Pattern CELL =
      Pattern.compile("data-key=\"([a-z_.0-9]+)\" data-sort=\"([^\"]*)\"");

  @TempDir Path dir;
  private EchoServer server;

  @BeforeEach
  void startServer(Vertx vertx) {
    server = EchoServer.deploy(vertx).await();
  }

  @AfterEach
  void stopServer() {
    server.close().await();
  }

  /** The number cells of the HTML element that starts with {@code start}, key to raw value. */
  private static Map<String, String> row(String html, String start, String end) {
    int from = html.indexOf(start);
    assertThat(from).as("%s is on the page", start).isNotNegative();
    String row = html.substring(from, html.indexOf(end, from));
    Map<String, String> cells = new HashMap<>();
    Matcher m = CELL.matcher(row);
    while (m.find()) {
      cells.put(m.group(1), m.group(2));
    }
    return cells;
  }

  private static String raw(JsonObject json, String path) {
    Object value = json;
    for (String key : path.split("\\.")) {
      value = value instanceof JsonObject j ? j.getValue(key) : null;
    }
    return value == null ? "" : value.toString();
  }

  private static void sameNumbers(Map<String, String> cells, JsonObject json) {
    assertThat(cells).isNotEmpty();
    cells.forEach((key, value) -> assertThat(value).as(key).isEqualTo(raw(json, key)));
  }

  @Test
  @DisplayName("steps, checks, groups and first failures of a real run, cell by cell")
  void htmlEqualsJson() throws Exception {
    Path config = dir.resolve("run.yaml");
    Files.writeString(
        config,
        """
        endpoints:
          - {uri: '%s', group: alpha, connections: 2}
          - {uri: '%s', group: beta, connections: 1}
        scenario:
          name: html
          steps:
            - repeat:
                count: 3
                steps:
                  - send: 'ping {conn}-{seq}'
                    name: ping
                  - expect: {name: pong, regex: '^ping {conn}-{seq}$', timeout: 2s}
            - expect: {name: never, regex: '^nothing$', timeout: 200ms}
            - close: {code: 1000, reason: done}
        messageChecks: ['echo=regex:^ping ']
        """
            .formatted(server.uri("/a"), server.uri("/b")));
    Path json = dir.resolve("run.json");
    Path html = dir.resolve("run.html");
    Cli cli =
        Cli.run(
            "run",
            "--config",
            config.toString(),
            "-d",
            "30s",
            "--export-json",
            json.toString(),
            "--export-html",
            html.toString(),
            "--quiet");
    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject snapshot = new JsonObject(Files.readString(json));
    JsonObject sc = snapshot.getJsonObject("total").getJsonObject("scenario");
    assertThat(sc.getLong("iterations")).isEqualTo(3);
    assertThat(sc.getLong("failed")).as("the 'never' expect fails every iteration").isEqualTo(3);
    String page = Files.readString(html);

    sameNumbers(row(page, "<p class=\"scenario-summary\">", "</p>"), sc);
    JsonObject steps = sc.getJsonObject("steps");
    assertThat(steps.fieldNames()).containsExactly("ping", "pong", "never", "close-4");
    for (String step : steps.fieldNames()) {
      Map<String, String> cells = row(page, "<tr data-step=\"" + step + "\">", "</tr>");
      assertThat(cells).containsKeys("runs", "ok", "failed", "timed_out", "latency_ms.p90");
      sameNumbers(cells, steps.getJsonObject(step));
    }
    assertThat(row(page, "<tr data-step=\"pong\">", "</tr>")).containsEntry("ok", "9");
    JsonObject byCheck = sc.getJsonObject("checks").getJsonObject("by_check");
    assertThat(byCheck.fieldNames()).contains("pong", "never", "echo");
    for (String check : byCheck.fieldNames()) {
      sameNumbers(
          row(page, "<tr data-check=\"" + check + "\">", "</tr>"), byCheck.getJsonObject(check));
    }
    JsonObject groups = snapshot.getJsonObject("groups");
    assertThat(groups.fieldNames()).containsExactlyInAnyOrder("alpha", "beta");
    for (String group : groups.fieldNames()) {
      JsonObject gs = groups.getJsonObject(group).getJsonObject("scenario");
      sameNumbers(row(page, "<tr data-group=\"" + group + "\">", "</tr>"), gs);
      String details = "<details class=\"scenario-group\" data-group=\"" + group + "\">";
      String section =
          page.substring(page.indexOf(details), page.indexOf("</details>", page.indexOf(details)));
      sameNumbers(
          row(section, "<tr data-step=\"pong\">", "</tr>"),
          gs.getJsonObject("steps").getJsonObject("pong"));
    }
    assertThat(row(page, "<tr data-group=\"alpha\">", "</tr>")).containsEntry("iterations", "2");

    JsonArray events = snapshot.getJsonArray("events");
    long stepFailures =
        events.stream()
            .filter(e -> "STEP_FAILED".equals(((JsonObject) e).getString("type")))
            .count();
    assertThat(stepFailures).isEqualTo(3);
    String failures = page.substring(page.indexOf("id=\"scenario-failures\""));
    failures = failures.substring(0, failures.indexOf("</table>"));
    assertThat(failures.split("<tr><td", -1)).hasSize(4);
    assertThat(failures).contains("step &#39;never&#39; timed out");
  }
}
