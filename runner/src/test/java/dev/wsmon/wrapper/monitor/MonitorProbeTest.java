package dev.wsmon.wrapper.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("monitor probes: a failed probe degrades the connection until one passes")
class MonitorProbeTest {

  // a probe timeout is a bet on the machine: 100 ms was missed under load (a spurious DEGRADED)
  private static final String PROBE =
      "every=500ms,send={\"op\":\"ping\"},expect=\"op\",timeout=500ms";

  private MonitorVerticle deploy(Vertx vertx, EchoServer server, boolean degradedOk) {
    MonitorOptions options = MonitorFixture.options(server, 1);
    options.addProbe(ProbeOptions.parse(PROBE)).setDegradedOk(degradedOk);
    return MonitorVerticle.deploy(vertx, options).await();
  }

  private static HttpResponse<Buffer> get(Vertx vertx, MonitorVerticle monitor, String uri) {
    WebClient client = MonitorFixture.client(vertx, monitor);
    try {
      return client.get(uri).send().await();
    } finally {
      client.close();
    }
  }

  @Test
  @DisplayName(
      "echo answers: passes; no echo: DEGRADED in /health (503), /stats and /metrics; echo back: UP")
  void degradesAndRecovers(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    MonitorEvents events = new MonitorEvents(vertx, MonitorFixture.NS);
    MonitorVerticle monitor = deploy(vertx, server, false);
    events.await(e -> e.count(EventType.CONNECTED) == 1);
    server.statsWhen(s -> s.messagesSent() >= 3, java.time.Duration.ofSeconds(10)).await();
    assertThat(events.count(EventType.DEGRADED)).isZero();
    assertThat(monitor.probes().passed()).isPositive();
    MonitorFixture.awaitBoard(monitor, events.of(EventType.CONNECTED));
    assertThat(get(vertx, monitor, "/health").statusCode()).isEqualTo(200);

    server.faults(new FaultSpec().setNoEcho(true));
    events.await(e -> e.count(EventType.DEGRADED) == 1);
    assertThat(monitor.connections().get(0).state()).isEqualTo(ConnectionState.DEGRADED);
    MonitorFixture.awaitBoard(monitor, events.of(EventType.DEGRADED));
    HttpResponse<Buffer> health = get(vertx, monitor, "/health");
    assertThat(health.statusCode()).isEqualTo(503);
    JsonObject body = health.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("DEGRADED");
    assertThat(body.getString("reason"))
        .startsWith("c-1: probe every=500ms")
        .contains("no text message containing '\"op\"' within 500ms");
    assertThat(body.getInteger("connected")).isEqualTo(1);
    JsonObject stats = get(vertx, monitor, "/stats").bodyAsJsonObject();
    assertThat(stats.getJsonArray("connections").getJsonObject(0).getString("state"))
        .isEqualTo("DEGRADED");
    assertThat(stats.getJsonObject("total").getInteger("degraded")).isEqualTo(1);
    assertThat(stats.getJsonObject("total").getBoolean("is_connected")).isTrue();
    assertThat(get(vertx, monitor, "/metrics").bodyAsString())
        .containsPattern("wsmon_connections_degraded\\{[^}]*\\} 1\\.0");
    assertThat(get(vertx, monitor, "/").bodyAsString()).contains("Degraded");

    server.faults(new FaultSpec());
    events.await(e -> e.count(EventType.RECOVERED) == 1);
    MonitorFixture.awaitBoard(monitor, events.of(EventType.RECOVERED));
    assertThat(get(vertx, monitor, "/health").statusCode()).isEqualTo(200);
    assertThat(events.count(EventType.DEGRADED)).isEqualTo(1);
  }

  @Test
  @DisplayName("--degraded-ok: /health answers 200 with the DEGRADED body")
  void degradedOk(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    server.faults(new FaultSpec().setNoEcho(true));
    MonitorEvents events = new MonitorEvents(vertx, MonitorFixture.NS);
    MonitorVerticle monitor = deploy(vertx, server, true);
    events.await(e -> e.count(EventType.DEGRADED) == 1);
    MonitorFixture.awaitBoard(monitor, events.of(EventType.DEGRADED));
    HttpResponse<Buffer> health = get(vertx, monitor, "/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.bodyAsJsonObject().getString("status")).isEqualTo("DEGRADED");
  }

  @Test
  @DisplayName("a degraded connection that reconnects stays DEGRADED until a probe passes")
  void staysDegradedAcrossReconnect(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    server.faults(new FaultSpec().setNoEcho(true));
    MonitorEvents events = new MonitorEvents(vertx, MonitorFixture.NS);
    MonitorVerticle monitor = deploy(vertx, server, false);
    events.await(e -> e.count(EventType.DEGRADED) == 1);
    server.stopListening().await();
    events.await(e -> e.count(EventType.DISCONNECTED) == 1);
    server.startListening().await();
    events.await(e -> e.count(EventType.CONNECTED) == 2 && e.count(EventType.DEGRADED) == 2);
    assertThat(events.of(EventType.DEGRADED).get(1).reason())
        .startsWith("still failing since before the reconnect");
    server.faults(new FaultSpec());
    events.await(e -> e.count(EventType.RECOVERED) == 1);
    assertThat(monitor.connections().get(0).state()).isEqualTo(ConnectionState.CONNECTED);
  }
}
