package dev.wsmon.wrapper.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("monitor service options: probes, notify, notifyAfter, degradedOk, noToken")
class MonitorServiceOptionsTest {

  @Nested
  @DisplayName("ProbeOptions")
  class Probes {

    @Test
    @DisplayName("the command-line form: a JSON send up to the next key, expect, timeout")
    void parse() {
      ProbeOptions p =
          ProbeOptions.parse("every=30s,send={\"op\":\"ping\",\"n\":1},expect=pong,timeout=2s");
      assertThat(p.getEvery()).isEqualTo(Duration.ofSeconds(30));
      assertThat(p.getSend()).isEqualTo("{\"op\":\"ping\",\"n\":1}");
      assertThat(p.getExpect()).isEqualTo("pong");
      assertThat(p.getTimeout()).isEqualTo(Duration.ofSeconds(2));
      ProbeOptions text = ProbeOptions.parse("send=hello, world,every=1s");
      assertThat(text.getSend()).isEqualTo("hello, world");
      assertThat(text.getExpect()).isNull();
      assertThat(text.getTimeout()).isEqualTo(Duration.ofSeconds(1));
      ProbeOptions expectOnly = ProbeOptions.parse("expect=heartbeat");
      assertThat(expectOnly.getEvery()).isEqualTo(ProbeOptions.DEFAULT_EVERY);
      assertThat(expectOnly.getTimeout()).isEqualTo(ProbeOptions.DEFAULT_TIMEOUT);
      assertThat(new ProbeOptions(p.toJson())).isEqualTo(p);
      assertThat(
              new ProbeOptions(new JsonObject().put("send", new JsonObject().put("op", "ping")))
                  .getSend())
          .isEqualTo("{\"op\":\"ping\"}");
    }

    @Test
    @DisplayName("malformed probes are refused, quoting the spec and naming the bad part")
    void bad() {
      assertThatThrownBy(() -> ProbeOptions.parse("evry=30s,send=x"))
          .hasMessageContaining("invalid probe 'evry=30s,send=x'")
          .hasMessageContaining("'evry'");
      assertThatThrownBy(() -> ProbeOptions.parse("send=x,tmeout=2s"))
          .hasMessageContaining("unknown probe key 'tmeout'");
      assertThatThrownBy(() -> ProbeOptions.parse("every=soon,send=x"))
          .hasMessageContaining("soon");
      assertThatThrownBy(() -> ProbeOptions.parse("every=1s"))
          .hasMessageContaining("needs send=TEXT, expect=TEXT or both");
      assertThatThrownBy(() -> ProbeOptions.parse("every=1s,send=x,timeout=5s"))
          .hasMessageContaining("timeout 5s must not exceed every 1s");
      assertThatThrownBy(() -> ProbeOptions.parse("send=a,send=b"))
          .hasMessageContaining("send is given twice");
      assertThatThrownBy(
              () -> new ProbeOptions(new JsonObject().put("send", "x").put("expct", "y")))
          .hasMessageContaining("unknown probe key 'expct'");
    }
  }

  @Nested
  @DisplayName("NotifyTarget")
  class Notify {

    @Test
    @DisplayName("http(s) URLs only; logs see scheme, host and port, never path, query or user")
    void urls() {
      NotifyTarget t = new NotifyTarget("https://u:p@hooks.example.com/services/T0/B0/SECRET?k=v");
      assertThat(t.display()).isEqualTo("https://hooks.example.com/***");
      assertThat(t.toString()).doesNotContain("SECRET", "u:p");
      assertThat(new NotifyTarget("http://127.0.0.1:9000/").display())
          .isEqualTo("http://127.0.0.1:9000/");
      assertThatThrownBy(() -> new NotifyTarget("ftp://h/x"))
          .hasMessageContaining("expected http:// or https://");
      assertThatThrownBy(() -> new NotifyTarget("hooks.example.com/x"))
          .hasMessageContaining("invalid notify URL");
      assertThatThrownBy(() -> new NotifyTarget("http://exa mple/x"))
          .hasMessageContaining("invalid notify URL");
      assertThatThrownBy(() -> new NotifyTarget("https://u:s3cret@/x"))
          .hasMessageNotContaining("s3cret");
      NotifyTarget withHeaders =
          NotifyTarget.fromJson(
              new JsonObject()
                  .put("url", "https://h/x")
                  .put("headers", new JsonObject().put("X-Api-Key", "k")));
      assertThat(withHeaders.getHeaders()).isEqualTo(Map.of("X-Api-Key", "k"));
      assertThat(NotifyTarget.fromJson(withHeaders.toJson())).isEqualTo(withHeaders);
    }
  }

  @Test
  @DisplayName("MonitorOptions JSON round trip of the service keys; toString masks notify URLs")
  void roundTrip() {
    JsonObject json =
        new JsonObject()
            .put("uri", "ws://127.0.0.1:9/a")
            .put(
                "probes",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("every", "10s")
                            .put("send", "ping")
                            .put("expect", "pong")))
            .put("notify", new JsonArray().add("https://hooks.example.com/T/SECRET"))
            .put("notifyAfter", "1m")
            .put("degradedOk", true)
            .put("noToken", true);
    MonitorOptions o = new MonitorOptions(json);
    assertThat(o.getProbes()).hasSize(1);
    assertThat(o.getNotify()).hasSize(1);
    assertThat(o.getNotifyAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(o.isDegradedOk()).isTrue();
    assertThat(o.isNoToken()).isTrue();
    assertThat(new MonitorOptions(o.toJson())).isEqualTo(o);
    assertThat(new MonitorOptions(o)).isEqualTo(o);
    assertThat(o.toString()).doesNotContain("SECRET").contains("https://hooks.example.com/***");
    MonitorOptions defaults = new MonitorOptions();
    assertThat(defaults.getNotifyAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.isDegradedOk()).isFalse();
    assertThat(defaults.isNoToken()).isFalse();
    assertThatThrownBy(
            () -> new MonitorOptions(new JsonObject().put("probes", new JsonArray().add("x"))))
        .hasMessageContaining("probes[0]");
    assertThatThrownBy(
            () ->
                new MonitorOptions(
                    new JsonObject().put("notify", new JsonArray().add("https://ok/").add("nope"))))
        .hasMessageContaining("notify[1]")
        .hasMessageContaining("invalid notify URL 'nope'");
    assertThatThrownBy(() -> new MonitorOptions(new JsonObject().put("notifyAfter", "-")))
        .hasMessageContaining("notifyAfter");
  }

  @Test
  @DisplayName("a non-loopback httpHost without token is refused unless noToken says so")
  void exposure() {
    assertThat(new MonitorOptions().exposureProblem()).isNull();
    assertThat(new MonitorOptions().setHttpHost("localhost").exposureProblem()).isNull();
    assertThat(new MonitorOptions().setHttpHost("127.0.0.2").exposureProblem()).isNull();
    assertThat(new MonitorOptions().setHttpHost("[::1]").exposureProblem()).isNull();
    assertThat(new MonitorOptions().setHttpHost("0.0.0.0").exposureProblem())
        .contains("httpHost 0.0.0.0")
        .contains("--token")
        .contains("--no-token");
    assertThat(new MonitorOptions().setHttpHost("0.0.0.0").setToken("t").exposureProblem())
        .isNull();
    assertThat(new MonitorOptions().setHttpHost("10.0.0.5").setNoToken(true).exposureProblem())
        .isNull();
  }
}
