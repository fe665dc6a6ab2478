package dev.wsmon.wrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.wrapper.internal.scenario.CompiledScenario;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Scenario data object")
class ScenarioTest {

  static final String FLOW =
      """
      {"name": "feed", "onReconnect": "continue", "steps": [
        {"send": "{\\"op\\":\\"auth\\",\\"id\\":\\"{conn}-{seq}\\"}"},
        {"expect": {"name": "authed", "json": {"op": "authed"}, "timeout": "2s",
                    "capture": {"session": "session"}}},
        {"send": "{\\"op\\":\\"subscribe\\",\\"session\\":\\"{session}\\"}", "name": "sub"},
        {"repeat": {"count": 5, "think": "200ms-800ms", "steps": [
          {"send": "{\\"op\\":\\"ping\\",\\"id\\":\\"{conn}-{seq}\\"}", "name": "ping"},
          {"expect": {"name": "pong", "json": {"op": "pong", "id": "{conn}-{seq}"},
                      "timeout": "1s"}}]}},
        {"think": "1s"},
        {"send": {"binary": "AAEC"}},
        {"close": {"code": 1000, "reason": "done"}}]}
      """;

  @Test
  @DisplayName("the issue's shape reads, and its JSON form reads back equal")
  void roundTrip() {
    Scenario s = new Scenario(new JsonObject(FLOW));
    assertThat(s.getName()).isEqualTo("feed");
    assertThat(s.getOnReconnect()).isEqualTo(Scenario.OnReconnect.CONTINUE);
    assertThat(s.getSteps()).hasSize(7);
    ScenarioStep.Repeat repeat = (ScenarioStep.Repeat) s.getSteps().get(3);
    assertThat(repeat.getCount()).isEqualTo(5);
    assertThat(repeat.getThink())
        .isEqualTo(new ThinkTime(Duration.ofMillis(200), Duration.ofMillis(800)));
    assertThat(repeat.getSteps().get(0).getName()).isEqualTo("ping");
    assertThat(((ScenarioStep.Send) s.getSteps().get(5)).getBinary()).containsExactly(0, 1, 2);
    Scenario back = new Scenario(s.toJson());
    assertThat(back).isEqualTo(s);
    assertThat(back.toJson()).isEqualTo(s.toJson());
    assertThat(new Scenario(s)).isEqualTo(s);
  }

  @Test
  @DisplayName("unnamed steps are named by kind and flattened position; names may repeat")
  void stepNames() {
    CompiledScenario c =
        CompiledScenario.compile(new Scenario(new JsonObject(FLOW)), PayloadTemplate.Names.none());
    assertThat(c.stepKinds())
        .containsExactly(
            Map.entry("send-1", "send"),
            Map.entry("authed", "expect"),
            Map.entry("sub", "send"),
            Map.entry("ping", "send"),
            Map.entry("pong", "expect"),
            Map.entry("wait-6", "wait"),
            Map.entry("send-7", "send"),
            Map.entry("close-8", "close"));
    assertThat(c.expectNames()).containsExactly("authed", "pong");
  }

  @Test
  @DisplayName("bad keys and values are errors naming them")
  void validation() {
    assertThatThrownBy(() -> new Scenario(new JsonObject("{\"steps\": [], \"x\": 1}")))
        .hasMessageContaining("unknown scenario key 'x'");
    assertThatThrownBy(() -> new Scenario(new JsonObject("{\"steps\": []}")))
        .hasMessageContaining("'steps' must be a non-empty list");
    assertThatThrownBy(() -> new Scenario(new JsonObject("{\"steps\": [{\"sned\": \"x\"}]}")))
        .hasMessageContaining("steps[1]: unknown step key 'sned'");
    assertThatThrownBy(
            () ->
                new Scenario(
                    new JsonObject(
                        "{\"steps\": [{\"expect\": {\"json\": {\"a\": 1}, \"timout\": \"1s\"}}]}")))
        .hasMessageContaining("steps[1].expect: unknown key 'timout'");
    assertThatThrownBy(
            () ->
                new Scenario(
                    new JsonObject(
                        "{\"steps\": [{\"repeat\": {\"count\": 2, \"forever\": true, \"steps\":"
                            + " [{\"wait\": \"1s\"}]}}]}")))
        .hasMessageContaining("exactly one of 'count', 'for' or 'forever'");
    assertThatThrownBy(() -> new Scenario(new JsonObject("{\"steps\": [{\"wait\": \"soon\"}]}")))
        .hasMessageContaining("steps[1].wait");
    assertThatThrownBy(
            () ->
                new Scenario(
                    new JsonObject("{\"onReconnect\": \"later\", \"steps\": [{\"wait\": 1}]}")))
        .hasMessageContaining("'later'");
    assertThatThrownBy(
            () -> new Scenario(new JsonObject("{\"steps\": [{\"close\": {\"code\": 1006}}]}")))
        .hasMessageContaining("1006");
    assertThatThrownBy(
            () ->
                new Scenario(
                    new JsonObject(
                        "{\"steps\": [{\"send\": \"x\", \"name\": \"a\"},"
                            + " {\"expect\": {\"name\": \"b\"}, \"name\": \"c\"}]}")))
        .hasMessageContaining("two names 'c' and 'b'");
  }

  @Test
  @DisplayName("a regex with placeholders is valid; one that is invalid anyway is named")
  void regexWithPlaceholders() {
    assertThat(new ScenarioStep.Expect().setRegex("\"id\":\"{conn}-{seq}\"").getRegex())
        .contains("{conn}");
    assertThatThrownBy(() -> new ScenarioStep.Expect().setRegex("({conn}"))
        .hasMessageContaining("'({conn}' is invalid");
  }

  @Test
  @DisplayName("an unknown template name is an error at compile time naming it")
  void unknownTemplateName() {
    Scenario s =
        new Scenario().addStep(new ScenarioStep.Send("{\"t\":\"{sesion}\"}").setName("auth"));
    assertThatThrownBy(() -> CompiledScenario.compile(s, PayloadTemplate.Names.none()))
        .hasMessageContaining("step 'auth'")
        .hasMessageContaining("{sesion}");
    Scenario env = new Scenario().addStep(new ScenarioStep.Send("{env.WSMON_NO_SUCH_VAR_X}"));
    assertThatThrownBy(() -> CompiledScenario.compile(env, PayloadTemplate.Names.none()))
        .hasMessageContaining("WSMON_NO_SUCH_VAR_X is not set");
    Scenario feed = new Scenario().addStep(new ScenarioStep.Send("{feed.user}"));
    assertThatThrownBy(() -> CompiledScenario.compile(feed, PayloadTemplate.Names.none()))
        .hasMessageContaining("no feeder");
    Scenario captureLater =
        new Scenario()
            .addStep(new ScenarioStep.Send("{session}"))
            .addStep(new ScenarioStep.Expect().capture("session", "session"));
    assertThatThrownBy(() -> CompiledScenario.compile(captureLater, PayloadTemplate.Names.none()))
        .hasMessageContaining("{session}");
  }

  @Test
  @DisplayName("templates render every value kind; JSON braces stay literal")
  void templates() {
    PayloadTemplate.Names names =
        new PayloadTemplate.Names(
            Set.of("session"), Set.of("user"), n -> n.equals("TOKEN") ? "t0k" : null);
    PayloadTemplate t =
        PayloadTemplate.strict(
            "{\"a\":\"{conn}-{seq}\",\"s\":\"{session}\",\"e\":\"{env.TOKEN}\",\"u\":\"{feed.user}\","
                + "\"r\":{random.int(3,3)},\"id\":\"{uuid}\",\"t\":{now.ms}}",
            names);
    String out =
        t.render(
            new PayloadTemplate.Values() {
              @Override
              public int conn() {
                return 7;
              }

              @Override
              public long seq() {
                return 42;
              }

              @Override
              public String capture(String name) {
                return "S1";
              }

              @Override
              public String feed(String column) {
                return "alice";
              }
            });
    JsonObject json = new JsonObject(out);
    assertThat(json.getString("a")).isEqualTo("7-42");
    assertThat(json.getString("s")).isEqualTo("S1");
    assertThat(json.getString("e")).isEqualTo("t0k");
    assertThat(json.getString("u")).isEqualTo("alice");
    assertThat(json.getInteger("r")).isEqualTo(3);
    assertThat(json.getString("id")).hasSize(36);
    assertThat(json.getLong("t")).isPositive();
    assertThat(PayloadTemplate.connSeq("{x}{conn}").render(3, 1)).isEqualTo("{x}3");
  }

  @Test
  @DisplayName("message checks parse from the flag and config forms")
  void messageChecks() {
    assertThat(MessageCheck.parse("has-op=json:op").getJsonPath()).isEqualTo("op");
    assertThat(MessageCheck.parse("ok=json:a.b=1").getJsonValue()).isEqualTo("1");
    assertThat(MessageCheck.parse("r=regex:^\\{").getRegex()).isEqualTo("^\\{");
    MessageCheck c = MessageCheck.parse("ok=json:a.b=1");
    assertThat(MessageCheck.fromConfig(c.toJson())).isEqualTo(c);
    assertThatThrownBy(() -> MessageCheck.parse("nope")).hasMessageContaining("'nope'");
    assertThatThrownBy(() -> MessageCheck.parse("x=xml:a")).hasMessageContaining("'x=xml:a'");
  }

  @Test
  @DisplayName("feeders read CSV with quotes and hand rows out round-robin per connection")
  void feeder() {
    Feeder f = Feeder.fromCsv("user,pass\nalice,\"a,1\"\nbob,\"b\"\"2\"\n", "users.csv");
    assertThat(f.columns()).containsExactly("user", "pass");
    assertThat(f.rowFor(1)).containsEntry("pass", "a,1");
    assertThat(f.rowFor(2)).containsEntry("pass", "b\"2");
    assertThat(f.rowFor(3)).containsEntry("user", "alice");
    assertThatThrownBy(() -> Feeder.fromCsv("a,b\n1\n", "x.csv")).hasMessageContaining("row 2");
  }
}
