package dev.wsmon.wrapper.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.core.ReconnectPolicy;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("monitor: never gives up by default")
class MonitorNeverGivesUpTest {

  /** An endpoint without maxReconnectAttempts or retryRefusals: the monitor's defaults apply. */
  private static MonitorOptions options(EchoServer server, String maxReconnectDelay) {
    return new MonitorOptions(
        new JsonObject()
            .put("namespace", MonitorFixture.NS)
            .put("httpPort", 0)
            .put("logStats", false)
            .put(
                "endpoints",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("uri", server.uri("/feed"))
                            .put("reconnectDelay", "20ms")
                            .put("maxReconnectDelay", maxReconnectDelay)
                            .put("jitter", 0))));
  }

  @Test
  @DisplayName("endpoints from JSON or a URI default to unlimited retries and retried refusals")
  void defaults() {
    MonitorOptions options =
        new MonitorOptions(
                new JsonObject()
                    .put("uri", "ws://127.0.0.1:1/a")
                    .put(
                        "endpoints",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("uri", "ws://127.0.0.1:1/b")
                                    .put("maxReconnectAttempts", 3))))
            .addEndpoint("ws://127.0.0.1:1/c");
    List<ReconnectPolicy> policies =
        options.getEndpoints().stream().map(e -> e.getReconnectPolicy()).toList();
    assertThat(policies.get(0).getMaxReconnectAttempts()).isEqualTo(-1);
    assertThat(policies.get(0).isRetryRefusals()).isTrue();
    assertThat(policies.get(1).getMaxReconnectAttempts()).isEqualTo(3);
    assertThat(policies.get(1).isRetryRefusals()).isTrue();
    assertThat(policies.get(2).getMaxReconnectAttempts()).isEqualTo(-1);
    assertThat(policies.get(2).isRetryRefusals()).isTrue();
  }

  @Test
  @DisplayName("an outage longer than run's retry budget ends connected, without GAVE_UP")
  void outageLongerThanAnyBudget(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    MonitorEvents events = new MonitorEvents(vertx, MonitorFixture.NS);
    MonitorVerticle monitor = MonitorVerticle.deploy(vertx, options(server, "100ms")).await();
    events.await(e -> e.count(EventType.CONNECTED) == 1);

    server.stopListening().await();
    int budget = ReconnectPolicy.DEFAULT_MAX_RECONNECT_ATTEMPTS;
    events.await(e -> e.count(EventType.FAILED) >= 3L * (budget + 1));
    assertThat(monitor.connections().get(0).state()).isEqualTo(ConnectionState.RECONNECTING);
    server.startListening().await();
    events.await(e -> e.count(EventType.CONNECTED) == 2);

    assertThat(events.count(EventType.GAVE_UP)).isZero();
    assertThat(monitor.connections().get(0).state()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(events.of(EventType.RECONNECT_SCHEDULED))
        .allSatisfy(e -> assertThat(e.durationMs()).isLessThanOrEqualTo(100.0));
  }

  @Test
  @DisplayName(
      "an endpoint rejecting with 401 keeps being tried at maxReconnectDelay, reason named")
  void unauthorizedKeepsComing(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    server.faults(new FaultSpec().setReject(401, -1));
    MonitorEvents events = new MonitorEvents(vertx, MonitorFixture.NS);
    MonitorVerticle.deploy(vertx, options(server, "250ms")).await();

    events.await(e -> e.count(EventType.ATTEMPT) == 5);

    assertThat(events.count(EventType.GAVE_UP)).isZero();
    assertThat(events.of(EventType.FAILED))
        .allSatisfy(e -> assertThat(e.reason()).isEqualTo("HTTP 401 Unauthorized"));
    assertThat(events.of(EventType.RECONNECT_SCHEDULED))
        .allSatisfy(
            e -> {
              assertThat(e.durationMs()).isEqualTo(250.0);
              assertThat(e.reason()).contains("HTTP 401 Unauthorized").contains("retried");
            });
    List<ConnectionEvent> attempts = events.of(EventType.ATTEMPT);
    List<ConnectionEvent> scheduled = events.of(EventType.RECONNECT_SCHEDULED);
    // never sooner than the delay; how late a timer fires measures the machine (seconds were seen
    // on a loaded one), and the 5 attempts within the await's 20 s bound the pace
    for (int k = 1; k < attempts.size(); k++) {
      Duration delay =
          Duration.between(scheduled.get(k - 1).timestamp(), attempts.get(k).timestamp());
      assertThat(delay.toMillis()).isGreaterThanOrEqualTo(249L);
    }

    server.faults(new FaultSpec());
    events.await(e -> e.count(EventType.CONNECTED) == 1);
  }
}
