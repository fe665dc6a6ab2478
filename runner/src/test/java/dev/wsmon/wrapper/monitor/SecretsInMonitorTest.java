package dev.wsmon.wrapper.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.wsmon.core.Addresses;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.EventType;
import dev.wsmon.core.WsmonCodecs;
import dev.wsmon.runner.SecretServer;
import dev.wsmon.runner.Secrets;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName(
    "the monitor never shows a secret: bus events, HTTP routes, Prometheus group tag, logs")
class SecretsInMonitorTest {

  private static final String NS = "sec";

  @Test
  @DisplayName(
      "ConnectionEvents, /stats, /history, /metrics, /, /health and the CSVs hold no marker")
  void noSinkLeaks(Vertx vertx) {
    SecretServer server = SecretServer.start(vertx);
    ListAppender<ILoggingEvent> logs = Secrets.captureLogs();
    WsmonCodecs.register(vertx);
    List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    Promise<ConnectionEvent> reconnected = Promise.promise();
    MessageConsumer<ConnectionEvent> consumer =
        vertx.eventBus().consumer(Addresses.of(NS).events());
    consumer.handler(
        m -> {
          events.add(m.body());
          if (m.body().type() == EventType.CONNECTED
              && events.stream().anyMatch(e -> e.type() == EventType.DISCONNECTED)) {
            reconnected.tryComplete(m.body());
          }
        });
    consumer.completion().await();
    MonitorOptions options =
        new MonitorOptions(
            new JsonObject()
                .put("namespace", NS)
                .put("httpPort", 0)
                .put("logStats", true)
                .put("statsInterval", "200ms")
                .put("sampleInterval", "100ms")
                .put(
                    "endpoints",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("uri", Secrets.uri(server.port()))
                                .put(
                                    "headers",
                                    new JsonObject()
                                        .put("Authorization", Secrets.AUTHORIZATION)
                                        .put("Cookie", Secrets.COOKIE)
                                        .put(Secrets.API_KEY_HEADER, Secrets.API_KEY))
                                .put("pingInterval", "100ms")
                                .put("reconnectDelay", "50ms")
                                .put("jitter", 0)
                                .put("maxReconnectAttempts", -1))));
    MonitorVerticle monitor = MonitorVerticle.deploy(vertx, options).await();
    WebClient client = MonitorFixture.client(vertx, monitor);
    long timer = -1;
    try {
      // the first connection is closed by the server after two messages, with a secret in the
      // reason
      timer =
          vertx.setPeriodic(
              50,
              id -> monitor.connections().forEach(c -> c.sendText("ping " + id).otherwiseEmpty()));
      // /health answers 200 once the status board, on its own consumer, has the reconnection
      MonitorFixture.awaitBoard(monitor, List.of(reconnected.future().await()));

      StringBuilder bus = new StringBuilder();
      events.forEach(e -> bus.append(e).append('\n').append(e.toWireJson()).append('\n'));
      Secrets.assertClean("ConnectionEvents on the bus", bus.toString());
      assertThat(bus.toString()).contains("session expired token=***");

      for (String route :
          List.of(
              "/stats",
              "/history",
              "/history?limit=1000",
              "/metrics",
              "/",
              "/health",
              "/stats.csv",
              "/series.csv")) {
        HttpResponse<Buffer> response = client.get(route).send().await();
        assertThat(response.statusCode()).as(route).isEqualTo(200);
        Secrets.assertClean(route, response.bodyAsString());
        if (route.equals("/metrics")) {
          assertThat(response.bodyAsString())
              .as("the Prometheus group tag is the redacted URI")
              .contains("group=\"ws://***@127.0.0.1:" + server.port() + "/x?token=***");
        }
      }
      Secrets.assertClean("logs", Secrets.detach(logs));
      assertThat(server.handshakes().get(0).headers())
          .containsEntry("Authorization", Secrets.AUTHORIZATION)
          .containsEntry("Cookie", Secrets.COOKIE)
          .containsEntry(Secrets.API_KEY_HEADER, Secrets.API_KEY);
    } finally {
      vertx.cancelTimer(timer);
      Secrets.detach(logs);
      client.close();
      server.close();
    }
  }
}
