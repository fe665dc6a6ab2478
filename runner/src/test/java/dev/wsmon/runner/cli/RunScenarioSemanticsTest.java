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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario rules of issue 27 through {@code wsmon run} and a JSON config file, against the echo
 * server: name forms, shared names, unnamed naming, {@code {seq}}, the expect consumption rule,
 * {@code not}, captures by path and regex group, feeder rows round-robin, config {@code
 * messageChecks}, thresholds, per group and connection CSV rows, and {@code compare}.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("wsmon run: scenario semantics through the command line and a JSON config")
class RunScenarioSemanticsTest {

  static final JsonArray STEPS =
      new JsonArray(
          """
          [
            {"send": "x {conn}-{seq}", "name": "hello"},
            {"send": {"text": "y {conn}-{seq}", "name": "hello"}},
            {"expect": {"regex": "^[xy] ", "timeout": "2s"}},
            {"expect": {"name": "latest", "regex": "^y {conn}-{seq}$", "timeout": "2s"}},
            {"expect": {"name": "again", "regex": "^[xy] ", "timeout": "300ms"}},
            {"send": "n bad"},
            {"send": "n good"},
            {"expect": {"name": "negated", "regex": "^n (\\\\w+)$", "not": {"regex": "bad"},
                        "capture": {"word": 1}, "timeout": "2s"}},
            {"send": "{\\"a\\":{\\"b\\":\\"{word}\\"}}"},
            {"expect": {"name": "by-path", "json": {"a.b": "good"}, "capture": {"deep": "a.b"},
                        "timeout": "2s"}},
            {"send": "deep={deep} user={feed.user}", "name": "final"},
            {"expect": {"name": "final-echo", "regex": "^deep=good user=(ann|bob)$",
                        "timeout": "2s"}},
            {"send": "{\\"id\\":\\"{uuid}\\",\\"r\\":{random.int(5,5)},\\"t\\":{now.ms},\\"p\\":\\"{env.PATH}\\"}"},
            {"expect": {"name": "values", "json": {"r": 5, "p": "{env.PATH}"},
                        "regex": "\\"id\\":\\"[0-9a-f]{8}-[0-9a-f-]{27}\\",\\"r\\":5,\\"t\\":1[0-9]{12},",
                        "timeout": "2s"}},
            {"close": {}}
          ]
          """);

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

  private static JsonObject step(JsonObject sc, String name) {
    return sc.getJsonObject("steps").getJsonObject(name);
  }

  /** CSV rows by scope and name ("total/total", "group/G", "connection/c-1"). */
  private static Map<String, Map<String, String>> csv(String text) {
    List<String> lines = text.lines().toList();
    String[] header = lines.get(0).split(",", -1);
    Map<String, Map<String, String>> rows = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], cells[i]);
      }
      rows.put(cells[0] + "/" + cells[1], row);
    }
    return rows;
  }

  @Test
  @DisplayName("names, {seq}, consumption, not, captures, feeder, checks, CSV rows and compare")
  void semantics() throws Exception {
    Files.writeString(dir.resolve("users.csv"), "user\nann\nbob\n");
    JsonObject config =
        new JsonObject()
            .put("uri", server.uri("/s"))
            .put("connections", 3)
            .put("feeder", dir.resolve("users.csv").toString())
            .put("scenario", new JsonObject().put("name", "rules").put("steps", STEPS))
            .put(
                "messageChecks",
                new JsonArray()
                    .add("ann=regex:user=ann$")
                    .add(new JsonObject().put("name", "bob").put("regex", "user=bob$"))
                    .add("has-good=json:a.b=good"))
            .put(
                "thresholds",
                new JsonArray()
                    .add("scenario.steps.hello.ok==6")
                    .add("scenario.checks.by_check.ann.passes==2")
                    .add("scenario.steps.again.timed_out==3"));
    Path configFile = dir.resolve("run.json");
    Files.writeString(configFile, config.encodePrettily());
    Path json = dir.resolve("out.json");
    Path csv = dir.resolve("out.csv");
    Cli cli =
        Cli.run(
            "run",
            "--config",
            configFile.toString(),
            "-d",
            "30s",
            "--export-json",
            json.toString(),
            "--export-csv",
            csv.toString());
    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject snapshot = new JsonObject(Files.readString(json));
    assertThat(snapshot.getDouble("elapsed_seconds")).as("ended by the close steps").isLessThan(20);
    JsonObject sc = snapshot.getJsonObject("total").getJsonObject("scenario");

    assertThat(sc.getJsonObject("steps").fieldNames())
        .as("unnamed steps are named by kind and flattened position")
        .containsExactly(
            "hello",
            "expect-3",
            "latest",
            "again",
            "send-6",
            "send-7",
            "negated",
            "send-9",
            "by-path",
            "final",
            "final-echo",
            "send-13",
            "values",
            "close-15");
    assertThat(step(sc, "hello").getLong("runs"))
        .as("both name forms, one shared name: counts add up")
        .isEqualTo(6);
    assertThat(step(sc, "hello").getJsonObject("latency_ms").getLong("count")).isEqualTo(6);
    assertThat(step(sc, "expect-3").getLong("ok")).isEqualTo(3);
    assertThat(step(sc, "latest").getLong("ok"))
        .as("{seq} in an expect is the latest send's value")
        .isEqualTo(3);
    assertThat(step(sc, "again").getLong("timed_out"))
        .as("a message satisfies one expect at most")
        .isEqualTo(3);
    assertThat(step(sc, "negated").getLong("ok")).as("not: skips 'n bad'").isEqualTo(3);
    assertThat(step(sc, "by-path").getLong("ok")).as("regex group capture sent on").isEqualTo(3);
    assertThat(step(sc, "final-echo").getLong("ok")).as("dotted-path capture").isEqualTo(3);
    assertThat(step(sc, "values").getLong("ok"))
        .as("uuid, random.int, now.ms, env (also in an expect json value)")
        .isEqualTo(3);
    assertThat(step(sc, "close-15").getLong("ok")).isEqualTo(3);
    assertThat(sc.getLong("iterations")).isEqualTo(3);
    assertThat(sc.getLong("failed")).isEqualTo(3);
    assertThat(snapshot.getJsonObject("total").getLong("disconnections")).isZero();

    JsonObject byCheck = sc.getJsonObject("checks").getJsonObject("by_check");
    assertThat(byCheck.getJsonObject("ann").getLong("passes"))
        .as("rows round-robin per connection: c-1 and c-3 get ann")
        .isEqualTo(2);
    assertThat(byCheck.getJsonObject("bob").getLong("passes")).isEqualTo(1);
    assertThat(byCheck.getJsonObject("has-good").getLong("passes")).isEqualTo(3);
    assertThat(byCheck.getJsonObject("ann").getLong("fails"))
        .as("every received text message is checked")
        .isEqualTo(snapshot.getJsonObject("total").getLong("messages_received") - 2);
    assertThat(cli.out)
        .contains("PASS  scenario.steps.hello.ok")
        .contains("PASS  scenario.checks.by_check.ann.passes");

    Map<String, Map<String, String>> rows = csv(Files.readString(csv));
    assertThat(rows.get("total/total")).containsEntry("scenario_steps_hello_ok", "6");
    assertThat(rows.get("group/" + server.uri("/s"))).containsEntry("scenario_steps_hello_ok", "6");
    for (String id : List.of("c-1", "c-2", "c-3")) {
      assertThat(rows.get("connection/" + id))
          .containsEntry("scenario_steps_hello_ok", "2")
          .containsEntry("scenario_steps_again_timed_out", "1")
          .containsEntry("scenario_iterations", "1");
    }
    assertThat(rows.get("connection/c-2"))
        .containsEntry("scenario_checks_by_check_bob_passes", "1");

    // compare: a current run with a lower check rate and slower pongs regresses
    JsonObject worse = snapshot.copy();
    JsonObject wsc = worse.getJsonObject("total").getJsonObject("scenario");
    wsc.getJsonObject("checks").put("rate", sc.getJsonObject("checks").getDouble("rate") / 2);
    Path current = dir.resolve("worse.json");
    Files.writeString(current, worse.encode());
    Cli compare = Cli.run("compare", json.toString(), current.toString());
    assertThat(compare.code).as(compare.toString()).isEqualTo(1);
    assertThat(compare.out).containsPattern("scenario\\.checks\\.rate .* higher +REGRESSED");
    Cli same = Cli.run("compare", json.toString(), json.toString());
    assertThat(same.code).as(same.toString()).isZero();
    assertThat(same.out).contains("scenario.steps.hello.ok");
  }

  @Test
  @DisplayName("an unknown feeder column is exit 2 naming it, before any connection")
  void unknownFeederColumn() throws Exception {
    Files.writeString(dir.resolve("users.csv"), "user\nann\n");
    Path scenario = dir.resolve("s.json");
    Files.writeString(
        scenario,
        new JsonObject()
            .put(
                "scenario",
                new JsonObject()
                    .put("steps", new JsonArray().add(new JsonObject().put("send", "{feed.usr}"))))
            .encode());
    Cli cli =
        Cli.run(
            "run",
            server.uri("/s"),
            "--scenario",
            scenario.toString(),
            "--feeder",
            dir.resolve("users.csv").toString());
    assertThat(cli.code).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("{feed.usr}");
    assertThat(server.stats().connectionsOpened()).isZero();
  }
}
