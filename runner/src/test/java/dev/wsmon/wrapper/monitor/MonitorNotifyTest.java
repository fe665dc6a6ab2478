package dev.wsmon.wrapper.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("monitor notifications: one per transition, held for notifyAfter")
class MonitorNotifyTest {

  private static MonitorVerticle deploy(
      Vertx vertx, EchoServer server, String notifyUrl, Duration notifyAfter) {
    MonitorOptions options =
        MonitorFixture.options(server, 1)
            .addNotify(new NotifyTarget(notifyUrl))
            .setNotifyAfter(notifyAfter);
    return MonitorVerticle.deploy(vertx, options).await();
  }

  /** Lets {@code ms} pass on a timer (to show that nothing more arrives). */
  private static void quietFor(Vertx vertx, long ms) {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(ms, t -> p.complete());
    p.future().await();
  }

  @Test
  @DisplayName(
      "one outage longer than notifyAfter: exactly one DOWN and one UP, with Content-Length")
  void oneOutage(Vertx vertx) {
    NotifyReceiver receiver = new NotifyReceiver(vertx);
    EchoServer server = EchoServer.deploy(vertx).await();
    MonitorEvents events = new MonitorEvents(vertx, MonitorFixture.NS);
    MonitorVerticle monitor =
        deploy(vertx, server, receiver.url("/hook?token=s3cret"), Duration.ofMillis(300));
    events.await(e -> e.count(EventType.CONNECTED) == 1);

    Instant before = Instant.now();
    server.stopListening().await();
    receiver.await(r -> r.size() == 1);
    assertThat(events.count(EventType.FAILED)).isGreaterThan(1);
    server.startListening().await();
    receiver.await(r -> r.size() == 2);
    quietFor(vertx, 600);

    assertThat(receiver.states()).containsExactly("DOWN", "UP");
    NotifyReceiver.Received down = receiver.received().get(0);
    assertThat(down.method()).isEqualTo("POST");
    assertThat(down.path()).isEqualTo("/hook");
    assertThat(Integer.parseInt(down.contentLength())).isEqualTo(down.body().toBuffer().length());
    JsonObject body = down.body();
    assertThat(body.fieldNames())
        .containsExactlyInAnyOrder(
            "endpoint", "group", "connection_id", "state", "reason", "since", "last_close_code");
    assertThat(body.getString("connection_id")).isEqualTo("c-1");
    assertThat(body.getString("endpoint")).contains("/feed");
    assertThat(body.getString("group")).contains("/feed");
    assertThat(body.getInteger("last_close_code")).isEqualTo(1006);
    assertThat(body.getString("reason")).isNotBlank();
    Instant since = Instant.parse(body.getString("since"));
    Instant disconnected = events.of(EventType.DISCONNECTED).get(0).timestamp();
    assertThat(since).isEqualTo(disconnected).isAfterOrEqualTo(before);
    JsonObject up = receiver.received().get(1).body();
    assertThat(up.getString("state")).isEqualTo("UP");
    assertThat(Instant.parse(up.getString("since")))
        .isEqualTo(events.of(EventType.CONNECTED).get(1).timestamp());
    assertThat(monitor.notifier().sent()).isEqualTo(2);
  }

  @Test
  @DisplayName("a flap shorter than notifyAfter pages nobody; the first connect notifies nobody")
  void flap(Vertx vertx) {
    NotifyReceiver receiver = new NotifyReceiver(vertx);
    EchoServer server = EchoServer.deploy(vertx).await();
    MonitorEvents events = new MonitorEvents(vertx, MonitorFixture.NS);
    MonitorVerticle monitor = deploy(vertx, server, receiver.url("/hook"), Duration.ofMillis(1500));
    events.await(e -> e.count(EventType.CONNECTED) == 1);
    server.stopListening().await();
    events.await(e -> e.count(EventType.DISCONNECTED) == 1);
    server.startListening().await();
    events.await(e -> e.count(EventType.CONNECTED) == 2);
    quietFor(vertx, 2000);
    assertThat(receiver.received()).isEmpty();
    assertThat(monitor.notifier().timers()).isZero();
  }

  @Test
  @DisplayName(
      "a notify target that is down never stops monitoring; failures are retried, then given up")
  void targetDown(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    MonitorEvents events = new MonitorEvents(vertx, MonitorFixture.NS);
    MonitorVerticle monitor =
        deploy(vertx, server, "http://127.0.0.1:" + freePort(vertx) + "/x", Duration.ZERO);
    events.await(e -> e.count(EventType.CONNECTED) == 1);
    server.stopListening().await();
    events.await(e -> e.count(EventType.FAILED) >= 2);
    server.startListening().await();
    events.await(e -> e.count(EventType.CONNECTED) == 2);
    assertThat(monitor.connections().get(0).state()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(monitor.notifier().sent()).isZero();
  }

  private static int freePort(Vertx vertx) {
    var s = vertx.createNetServer().connectHandler(c -> {});
    int port = s.listen(0, "127.0.0.1").await().actualPort();
    s.close().await();
    return port;
  }
}
