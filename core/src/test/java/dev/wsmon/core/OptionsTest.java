package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("options data objects")
class OptionsTest {

  @Nested
  @DisplayName("ReconnectPolicy")
  class Policy {

    @Test
    @DisplayName("has the documented defaults")
    void defaults() {
      ReconnectPolicy p = new ReconnectPolicy();
      assertThat(p.isAutoReconnect()).isTrue();
      assertThat(p.getMaxReconnectAttempts()).isEqualTo(5);
      assertThat(p.getReconnectDelay()).isEqualTo(Duration.ofSeconds(5));
      assertThat(p.getBackoffMultiplier()).isEqualTo(2.0);
      assertThat(p.getMaxReconnectDelay()).isEqualTo(Duration.ofSeconds(60));
      assertThat(p.getJitter()).isEqualTo(0.2);
      assertThat(p.getStableAfter()).isEqualTo(Duration.ofSeconds(10));
      assertThat(p.isRetriedStatus(401)).isFalse();
      assertThat(p.isRetriedStatus(403)).isFalse();
      assertThat(p.isRetriedStatus(500)).isTrue();
      assertThat(p.isRetriedCloseCode(1008)).isFalse();
      assertThat(p.isRetriedCloseCode(1012)).isTrue();
      assertThat(p.isRetriedCloseCode(1013)).isTrue();
      assertThat(p.honoursRetryAfter(429)).isTrue();
      assertThat(p.honoursRetryAfter(503)).isTrue();
      assertThat(p.honoursRetryAfter(500)).isFalse();
      assertThat(p.hasRetriesLeft(4)).isTrue();
      assertThat(p.hasRetriesLeft(5)).isFalse();
      assertThat(new ReconnectPolicy().setMaxReconnectAttempts(-1).hasRetriesLeft(1_000_000))
          .isTrue();
    }

    @Test
    @DisplayName("delays grow, cap, and stay inside the jitter bounds")
    void delays() {
      ReconnectPolicy p = new ReconnectPolicy();
      assertThat(p.delay(1, 0.5)).isEqualTo(Duration.ofSeconds(5));
      assertThat(p.delay(2, 0.5)).isEqualTo(Duration.ofSeconds(10));
      assertThat(p.delay(1, 0.0)).isEqualTo(Duration.ofSeconds(4));
      assertThat(p.delay(1, 1.0)).isEqualTo(Duration.ofSeconds(6));
      assertThat(p.delay(10, 0.5)).isEqualTo(Duration.ofSeconds(60));
      assertThat(p.delay(10, 1.0)).isEqualTo(Duration.ofSeconds(60));
      assertThat(p.delay(10, 0.0)).isEqualTo(Duration.ofSeconds(48));
      assertThat(p.delay(1000, 0.5)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    @DisplayName("JSON round trip, string and millisecond durations")
    void json() {
      ReconnectPolicy p =
          new ReconnectPolicy()
              .setAutoReconnect(false)
              .setMaxReconnectAttempts(-1)
              .setReconnectDelay(Duration.ofMillis(250))
              .setBackoffMultiplier(1.5)
              .setMaxReconnectDelay(Duration.ofMinutes(2))
              .setJitter(0)
              .setStableAfter(Duration.ofSeconds(3))
              .setNonRetriedStatuses(List.of(401))
              .setNonRetriedCloseCodes(List.of(1008, 4003))
              .setRetryAfterStatuses(List.of(503))
              .setHonourRetryAfter(false)
              .setRetryRefusals(true);
      assertThat(new ReconnectPolicy(p.toJson())).isEqualTo(p);
      assertThat(new ReconnectPolicy(p.toJson()).isRetryRefusals()).isTrue();
      assertThat(new ReconnectPolicy().isRetryRefusals()).isFalse();
      assertThat(p.refusalDelay(0.99)).isEqualTo(Duration.ofMinutes(2));
      assertThat(new ReconnectPolicy().refusalDelay(0.5)).isEqualTo(Duration.ofSeconds(54));
      assertThat(new ReconnectPolicy(p)).isEqualTo(p);
      assertThat(p.toJson().getString("reconnectDelay")).isEqualTo("250ms");
      ReconnectPolicy fromMs = new ReconnectPolicy(new JsonObject().put("reconnectDelay", 1500));
      assertThat(fromMs.getReconnectDelay()).isEqualTo(Duration.ofMillis(1500));
      assertThat(p.toString()).contains("reconnectDelay");
      assertThat(p.hashCode()).isEqualTo(new ReconnectPolicy(p).hashCode());
    }

    @Test
    @DisplayName("rejects bad values naming the field and the value")
    void validation() {
      ReconnectPolicy p = new ReconnectPolicy();
      assertThatThrownBy(() -> p.setMaxReconnectAttempts(-2))
          .hasMessageContaining("maxReconnectAttempts")
          .hasMessageContaining("-2");
      assertThatThrownBy(() -> p.setJitter(1.5))
          .hasMessageContaining("jitter")
          .hasMessageContaining("1.5");
      assertThatThrownBy(() -> p.setBackoffMultiplier(0.5))
          .hasMessageContaining("backoffMultiplier");
      assertThatThrownBy(() -> p.setReconnectDelay(Duration.ofMillis(-1)))
          .hasMessageContaining("reconnectDelay");
      assertThatThrownBy(() -> p.setNonRetriedStatuses(List.of(99)))
          .hasMessageContaining("nonRetriedStatuses")
          .hasMessageContaining("99");
      assertThatThrownBy(() -> p.setNonRetriedCloseCodes(List.of(5000)))
          .hasMessageContaining("5000");
      assertThatThrownBy(() -> new ReconnectPolicy(new JsonObject().put("retryDelay", "1s")))
          .hasMessageContaining("'retryDelay'");
      assertThatThrownBy(() -> new ReconnectPolicy(new JsonObject().put("reconnectDelay", "soon")))
          .hasMessageContaining("reconnectDelay")
          .hasMessageContaining("soon");
      assertThatThrownBy(() -> new ReconnectPolicy(new JsonObject().put("autoReconnect", "yes")))
          .hasMessageContaining("autoReconnect");
      assertThatThrownBy(
              () -> new ReconnectPolicy(new JsonObject().put("maxReconnectAttempts", 1.5)))
          .hasMessageContaining("maxReconnectAttempts");
      assertThatThrownBy(
              () -> new ReconnectPolicy(new JsonObject().put("nonRetriedStatuses", "401")))
          .hasMessageContaining("nonRetriedStatuses");
    }
  }

  @Nested
  @DisplayName("ConnectionOptions")
  class Endpoint {

    @Test
    @DisplayName("JSON round trip of every field, policy keys flat at the top level")
    void json() {
      ConnectionOptions o =
          new ConnectionOptions("wss://user:pw@example.com:8443/feed?token=abc&room=1")
              .setHeaders(Map.of("Authorization", "Bearer s3cret"))
              .addHeader("X-Trace", "1")
              .setSubprotocols(List.of("v1.json", "v2"))
              .setConnectTimeout(Duration.ofMillis(2500))
              .setPingInterval(Duration.ofSeconds(10))
              .setPongTimeout(Duration.ofSeconds(3))
              .setMaxFrameSize(1024)
              .setMaxMessageSize(4096)
              .setPerMessageDeflate(true)
              .setTrustAll(true)
              .setTrustOptions(new PemTrustOptions().addCertPath("ca.pem"))
              .setVerifyHost(false)
              .setLocalAddress("127.0.0.2")
              .setGroup("feed")
              .setConnections(10)
              .setRampUp(Duration.ofSeconds(2))
              .setSendOptions(
                  new SendOptions()
                      .setSendBufferSize(5)
                      .setBackpressure(Backpressure.FAIL)
                      .setMaxPendingWrites(7)
                      .setCorrelation(Correlation.jsonField("meta.id"))
                      .setMaxPendingRequests(9))
              .setValidateUtf8(true)
              .setProtocolErrorPolicy(ProtocolErrorPolicy.CLOSE)
              .setReconnectPolicy(new ReconnectPolicy().setReconnectDelay(Duration.ofMillis(100)));
      JsonObject json = o.toJson();
      assertThat(json.getString("reconnectDelay")).isEqualTo("100ms");
      assertThat(json.getString("connectTimeout")).isEqualTo("2500ms");
      assertThat(json.getString("correlation")).isEqualTo("json:meta.id");
      assertThat(new ConnectionOptions(json)).isEqualTo(o);
      assertThat(new ConnectionOptions(o)).isEqualTo(o);
      assertThat(new ConnectionOptions(o).hashCode()).isEqualTo(o.hashCode());
      assertThat(new ConnectionOptions(json).getTrustOptions()).isInstanceOf(PemTrustOptions.class);
      assertThat(o.toString()).doesNotContain("s3cret").doesNotContain("abc").doesNotContain("pw@");
      assertThat(o.effectiveGroup()).isEqualTo("feed");
    }

    @Test
    @DisplayName("JKS and PFX trust stores round trip, nested reconnectPolicy is read")
    void trustStoresAndNestedPolicy() {
      ConnectionOptions jks =
          new ConnectionOptions("wss://h/")
              .setTrustOptions(new JksOptions().setPath("t.jks").setPassword("x"));
      assertThat(new ConnectionOptions(jks.toJson()).getTrustOptions())
          .isInstanceOf(JksOptions.class);
      ConnectionOptions pfx =
          new ConnectionOptions("wss://h/").setTrustOptions(new PfxOptions().setPath("t.p12"));
      assertThat(new ConnectionOptions(pfx.toJson()).getTrustOptions())
          .isInstanceOf(PfxOptions.class);
      ConnectionOptions nested =
          new ConnectionOptions(
              new JsonObject()
                  .put("uri", "ws://h/")
                  .put("reconnectPolicy", new JsonObject().put("maxReconnectAttempts", 2))
                  .put("stableAfter", 500)
                  .put("headers", new JsonObject().put("A", "b"))
                  .put("subprotocols", new JsonArray().add("p")));
      assertThat(nested.getReconnectPolicy().getMaxReconnectAttempts()).isEqualTo(2);
      assertThat(nested.getReconnectPolicy().getStableAfter()).isEqualTo(Duration.ofMillis(500));
      assertThat(nested.getHeaders()).containsEntry("A", "b");
      assertThat(nested.getSubprotocols()).containsExactly("p");
    }

    @Test
    @DisplayName("defaults, and the group defaults to the redacted URI")
    void defaults() {
      ConnectionOptions o = new ConnectionOptions("ws://u:p@h:1/x?api_key=k&room=2");
      assertThat(o.getConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
      assertThat(o.getPingInterval()).isEqualTo(Duration.ZERO);
      assertThat(o.getPongTimeout()).isEqualTo(Duration.ofSeconds(10));
      assertThat(o.getConnections()).isEqualTo(1);
      assertThat(o.getRampUp()).isZero();
      assertThat(o.getSendOptions().getSendBufferSize()).isZero();
      assertThat(o.getSendOptions().getBackpressure()).isEqualTo(Backpressure.WAIT);
      assertThat(o.getSendOptions().getCorrelation()).isEqualTo(Correlation.fifo());
      assertThat(o.getProtocolErrorPolicy()).isEqualTo(ProtocolErrorPolicy.KEEP_OPEN);
      assertThat(o.isVerifyHost()).isTrue();
      assertThat(o.getGroup()).isNull();
      assertThat(o.effectiveGroup()).isEqualTo("ws://***@h:1/x?api_key=***&room=2");
    }

    @Test
    @DisplayName(
        "the default group is one string per endpoint (its connections share it), redone for a"
            + " new URI")
    void effectiveGroupIsShared() {
      ConnectionOptions o = new ConnectionOptions("ws://h:1/a?token=t");
      assertThat(o.effectiveGroup()).isSameAs(o.effectiveGroup());
      assertThat(new ConnectionOptions(o).effectiveGroup()).isSameAs(o.effectiveGroup());
      o.setUri("ws://h:1/b");
      assertThat(o.effectiveGroup()).isEqualTo("ws://h:1/b");
      assertThat(o.setGroup("feed").effectiveGroup()).isEqualTo("feed");
    }

    @Test
    @DisplayName("rejects bad values and unknown keys, naming them")
    void validation() {
      ConnectionOptions o = new ConnectionOptions();
      assertThatThrownBy(() -> o.setUri("http://x"))
          .hasMessage("uri must use ws:// or wss://, got http://x");
      assertThatThrownBy(() -> o.setUri("ws://")).hasMessageContaining("uri");
      assertThatThrownBy(() -> o.setUri("ws://h/a b")).hasMessageContaining("uri is malformed");
      assertThatThrownBy(() -> o.setConnections(0))
          .hasMessage("connections must be at least 1, got 0");
      assertThatThrownBy(() -> o.setConnectTimeout(Duration.ZERO))
          .hasMessage("connectTimeout must be positive, got 0ms");
      assertThatThrownBy(() -> o.setPongTimeout(Duration.ofSeconds(-1)))
          .hasMessageContaining("pongTimeout");
      assertThatThrownBy(() -> o.setRampUp(Duration.ofSeconds(-1))).hasMessageContaining("rampUp");
      assertThatThrownBy(() -> o.getSendOptions().setSendBufferSize(-1))
          .hasMessageContaining("sendBufferSize");
      assertThatThrownBy(() -> o.setGroup(" ")).hasMessageContaining("group");
      assertThatThrownBy(() -> o.setLocalAddress("")).hasMessageContaining("localAddress");
      assertThatThrownBy(() -> o.addHeader("Bad Name", "v")).hasMessageContaining("Bad Name");
      assertThatThrownBy(() -> o.addHeader("Authorization", "a\r\nb"))
          .hasMessageContaining("Authorization")
          .hasMessageNotContaining("a\r\nb");
      assertThatThrownBy(() -> o.setSubprotocols(List.of("a b"))).hasMessageContaining("a b");
      assertThatThrownBy(() -> new ConnectionOptions(new JsonObject().put("reconectDelay", "1s")))
          .hasMessageContaining("'reconectDelay'");
      assertThatThrownBy(() -> new ConnectionOptions(new JsonObject().put("connections", "many")))
          .hasMessageContaining("connections")
          .hasMessageContaining("many");
      assertThatThrownBy(() -> new ConnectionOptions(new JsonObject().put("backpressure", "DROP")))
          .hasMessageContaining("backpressure")
          .hasMessageContaining("DROP");
      assertThatThrownBy(() -> new ConnectionOptions(new JsonObject().put("correlation", "lifo")))
          .hasMessageContaining("lifo");
      assertThatThrownBy(
              () ->
                  new ConnectionOptions(
                      new JsonObject().put("headers", new JsonObject().put("A", 1))))
          .hasMessageContaining("headers.A");
    }
  }

  @Nested
  @DisplayName("ConnectionVerticleOptions")
  class Verticle {

    @Test
    @DisplayName("JSON round trip and defaults")
    void json() {
      ConnectionVerticleOptions defaults = new ConnectionVerticleOptions();
      assertThat(defaults.getNamespace()).isEqualTo("wsmon");
      assertThat(defaults.getFlushInterval()).isEqualTo(Duration.ofSeconds(1));
      assertThat(defaults.getIdPrefix()).isEmpty();
      assertThat(defaults.getFirstNumber()).isEqualTo(1);
      assertThat(defaults.isConsumeSends()).isTrue();
      assertThat(defaults.getRampOffset()).isZero();
      assertThat(defaults.getRampTotal()).isZero();
      assertThat(defaults.getRampOrigin()).isZero();
      assertThat(defaults.isWarmUp()).isTrue();
      assertThat(defaults.isDeferStart()).isFalse();
      ConnectionVerticleOptions o =
          new ConnectionVerticleOptions()
              .setNamespace("t1")
              .setFlushInterval(Duration.ofMillis(200))
              .setIdPrefix("agent-1:")
              .setFirstNumber(7)
              .setConsumeSends(false)
              .setRampOffset(4)
              .setRampTotal(12)
              .setRampOrigin(1_700_000_000_000L)
              .setWarmUp(false)
              .setDeferStart(true)
              .addEndpoint(new ConnectionOptions("ws://a/").setConnections(3))
              .addEndpoint(new ConnectionOptions("ws://b/"));
      assertThat(new ConnectionVerticleOptions(o.toJson())).isEqualTo(o);
      assertThat(new ConnectionVerticleOptions(o)).isEqualTo(o);
      assertThat(new ConnectionVerticleOptions(o).hashCode()).isEqualTo(o.hashCode());
    }

    @Test
    @DisplayName("rejects bad values naming them")
    void validation() {
      ConnectionVerticleOptions o = new ConnectionVerticleOptions();
      assertThatThrownBy(() -> o.setNamespace("a b")).hasMessageContaining("'a b'");
      assertThatThrownBy(() -> o.setIdPrefix("a/b")).hasMessageContaining("'a/b'");
      assertThatThrownBy(() -> o.setFlushInterval(Duration.ZERO))
          .hasMessageContaining("flushInterval");
      assertThatThrownBy(() -> o.setFirstNumber(0)).hasMessageContaining("firstNumber");
      assertThatThrownBy(() -> o.setRampOffset(-1)).hasMessageContaining("rampOffset");
      assertThatThrownBy(() -> o.setRampTotal(-1)).hasMessageContaining("rampTotal");
      assertThatThrownBy(() -> o.setRampOrigin(-1)).hasMessageContaining("rampOrigin");
      assertThatThrownBy(() -> new ConnectionVerticleOptions(new JsonObject().put("warmUp", 1)))
          .hasMessageContaining("warmUp");
      assertThatThrownBy(
              () -> new ConnectionVerticleOptions(new JsonObject().put("deferStart", "no")))
          .hasMessageContaining("deferStart");
      assertThatThrownBy(
              () -> new ConnectionVerticleOptions(new JsonObject().put("firstNumber", 1.5)))
          .hasMessageContaining("firstNumber");
      assertThatThrownBy(
              () -> new ConnectionVerticleOptions(new JsonObject().put("consumeSends", "yes")))
          .hasMessageContaining("consumeSends");
      assertThatThrownBy(() -> o.addEndpoint(new ConnectionOptions()))
          .hasMessageContaining("endpoints[0].uri");
      assertThatThrownBy(
              () ->
                  new ConnectionVerticleOptions(new JsonObject().put("endpoint", new JsonArray())))
          .hasMessageContaining("'endpoint'");
      assertThatThrownBy(
              () ->
                  new ConnectionVerticleOptions(
                      new JsonObject()
                          .put(
                              "endpoints",
                              new JsonArray().add(new JsonObject().put("uri", "http://x")))))
          .hasMessageContaining("endpoints[0]")
          .hasMessageContaining("http://x");
      assertThatThrownBy(
              () -> new ConnectionVerticleOptions(new JsonObject().put("endpoints", "ws://x")))
          .hasMessageContaining("endpoints");
      assertThatThrownBy(
              () ->
                  new ConnectionVerticleOptions(
                      new JsonObject().put("endpoints", new JsonArray().add(1))))
          .hasMessageContaining("endpoints[0]");
    }
  }

  @Nested
  @DisplayName("Correlation and Redaction")
  class Small {

    @Test
    void correlation() {
      assertThat(Correlation.parse("fifo")).isEqualTo(Correlation.fifo());
      assertThat(Correlation.parse("none").kind()).isEqualTo(Correlation.Kind.NONE);
      assertThat(Correlation.parse("json:id").field()).isEqualTo("id");
      assertThat(Correlation.parse("JSON:a.b").toString()).isEqualTo("json:a.b");
      assertThat(Correlation.custom((a, b) -> true).toString()).isEqualTo("custom");
      assertThat(Correlation.custom((a, b) -> true).predicate()).isNotNull();
      assertThat(Correlation.jsonField("id"))
          .isEqualTo(Correlation.jsonField("id"))
          .hasSameHashCodeAs(Correlation.jsonField("id"));
      assertThatThrownBy(() -> Correlation.parse(null)).hasMessageContaining("null");
      assertThatThrownBy(() -> Correlation.jsonField("a..b")).hasMessageContaining("'a..b'");
    }

    @Test
    void redaction() {
      assertThat(Redaction.uri("ws://h/x")).isEqualTo("ws://h/x");
      assertThat(Redaction.uri("wss://me:pw@h/x?token=t1&room=1&Signature=zz#frag"))
          .isEqualTo("wss://***@h/x?token=***&room=1&Signature=***#frag");
      assertThat(Redaction.uri("ws://h/?password=")).isEqualTo("ws://h/?password=***");
      assertThat(Redaction.uri(null)).isNull();
      assertThat(Redaction.headerValue("Authorization", "Bearer x")).isEqualTo("***");
      assertThat(Redaction.headerValue("cookie", "a=b")).isEqualTo("***");
      assertThat(Redaction.headerValue("X-Api-Key", "k")).isEqualTo("***");
      assertThat(Redaction.headerValue("Accept", "json")).isEqualTo("json");
      assertThat(Redaction.isSecretHeader(null)).isFalse();
      assertThat(Redaction.isSecretName("room")).isFalse();
      assertThat(Redaction.text("failed ws://u:p@h/?secret=abc with Bearer xyz"))
          .isEqualTo("failed ws://***@h/?secret=*** with Bearer ***");
      assertThat(Redaction.text(null)).isNull();
    }
  }
}
