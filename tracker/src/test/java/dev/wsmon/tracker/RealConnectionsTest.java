package dev.wsmon.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ConnectionVerticle;
import dev.wsmon.core.ConnectionVerticleOptions;
import dev.wsmon.core.EventType;
import dev.wsmon.core.ReconnectPolicy;
import dev.wsmon.core.WsmonCodecs;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
@DisplayName("StatsTrackerVerticle with real connections to the testkit echo server")
class RealConnectionsTest {

  private Vertx vertx;
  private StatsTrackerVerticle tracker;
  private final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void deployTracker(Vertx vertx) {
    this.vertx = vertx;
    WsmonCodecs.register(vertx);
    vertx.eventBus().<ConnectionEvent>consumer("wsmon.events", m -> events.add(m.body()));
    tracker = new StatsTrackerVerticle(new TrackerOptions().setLogStats(false));
    vertx.deployVerticle(tracker).await();
  }

  private EchoServer server(FaultSpec faults) {
    return EchoServer.deploy(vertx, new EchoServerOptions().setFaults(faults)).await();
  }

  private ConnectionVerticle connect(EchoServer server) {
    ConnectionOptions endpoint =
        new ConnectionOptions(server.uri("/echo"))
            .setReconnectPolicy(
                new ReconnectPolicy()
                    .setReconnectDelay(Duration.ofMillis(20))
                    .setMaxReconnectDelay(Duration.ofMillis(50))
                    .setMaxReconnectAttempts(-1));
    ConnectionVerticle verticle =
        new ConnectionVerticle(
            new ConnectionVerticleOptions()
                .setFlushInterval(Duration.ofMillis(50))
                .addEndpoint(endpoint));
    vertx.deployVerticle(verticle).await();
    return verticle;
  }

  private long count(EventType type) {
    return events.stream().filter(e -> e.type() == type).count();
  }

  /** Polls {@code condition} every 10 ms for up to 20 s (generous: the machine may be loaded). */
  private void awaitUntil(Predicate<RealConnectionsTest> condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.test(this)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; events: " + events);
      }
      vertx.timer(10).await();
    }
  }

  JsonObject total() {
    return tracker.snapshot().await().total();
  }

  JsonObject connection(String id) {
    return tracker.snapshot().await().connection(id).orElseGet(JsonObject::new);
  }

  @Test
  @DisplayName(
      "a server closing after 10 messages with 4001, three times: 3 disconnections, 3 reconnections")
  void serverCloses(Vertx vertx) {
    EchoServer server = server(new FaultSpec().setCloseAfter(10, 4001, "enough"));
    ConnectionVerticle client = connect(server);
    for (int round = 1; round <= 3; round++) {
      int r = round;
      awaitUntil(t -> t.count(EventType.CONNECTED) == r, "connection " + r);
      Connection c = client.connection("c-1");
      for (int i = 0; i < 10; i++) {
        c.sendText("m" + i);
      }
      awaitUntil(t -> t.count(EventType.DISCONNECTED) == r, "disconnection " + r);
    }
    awaitUntil(t -> t.count(EventType.CONNECTED) == 4, "the third reconnection");
    vertx.undeploy(client.deploymentID()).await();
    awaitUntil(t -> t.count(EventType.CLOSED) == 1, "our own close");

    JsonObject total = total();
    assertThat(total.getLong("disconnections")).isEqualTo(3);
    assertThat(total.getLong("reconnections")).isEqualTo(3);
    assertThat(total.getJsonObject("close_codes")).isEqualTo(new JsonObject().put("4001", 3L));
    assertThat(total.getInteger("last_close_code")).isEqualTo(4001);
    assertThat(total.getLong("messages_sent")).isEqualTo(30);
    assertThat(total.getLong("successful_connections")).isEqualTo(4);
    assertThat(total.getBoolean("is_connected")).isFalse();
  }

  @Test
  @DisplayName("a TCP drop counts as close code 1006")
  void tcpDrop() {
    EchoServer server = server(new FaultSpec().setDropAfterMessages(1));
    ConnectionVerticle client = connect(server);
    awaitUntil(t -> t.count(EventType.CONNECTED) == 1, "connected");
    client.connection("c-1").sendText("hello");
    awaitUntil(t -> t.connection("c-1").getLong("disconnections", 0L) == 1, "the drop");
    JsonObject c1 = tracker.snapshot().await().connection("c-1").orElseThrow();
    assertThat(c1.getJsonObject("close_codes").getLong("1006")).as(events.toString()).isEqualTo(1);
    assertThat(c1.getLong("disconnections")).isEqualTo(1);
    vertx.undeploy(client.deploymentID()).await();
  }

  @Test
  @DisplayName("our own stop adds no disconnection, and echo traffic is counted both ways")
  void ownStop() {
    EchoServer server = server(new FaultSpec());
    ConnectionVerticle client = connect(server);
    awaitUntil(t -> t.count(EventType.CONNECTED) == 1, "connected");
    Connection c = client.connection("c-1");
    for (int i = 0; i < 5; i++) {
      assertThat(c.request("hello-" + i, Duration.ofSeconds(10)).await()).isEqualTo("hello-" + i);
    }
    awaitUntil(t -> t.total().getLong("messages_received") == 5, "5 echoes counted by the tracker");
    vertx.undeploy(client.deploymentID()).await();
    awaitUntil(
        t -> "CLOSED".equals(t.connection("c-1").getString("state")),
        "our own close seen by the tracker");
    JsonObject total = total();
    assertThat(total.getLong("disconnections")).isZero();
    assertThat(total.getJsonObject("close_codes")).isEmpty();
    assertThat(total.getLong("messages_sent")).isEqualTo(5);
    assertThat(total.getLong("messages_received")).isEqualTo(5);
    assertThat(total.getLong("bytes_sent")).isEqualTo(5 * "hello-0".length());
    assertThat(total.getJsonObject("rtt_ms").getLong("count")).isEqualTo(5);
    assertThat(total.getJsonObject("rtt_ms").getDouble("p50")).isPositive();
    assertThat(total.getJsonObject("connection_latency_ms").getLong("count")).isEqualTo(1);
    assertThat(total.getBoolean("is_connected")).isFalse();
    assertThat(tracker.snapshot().await().connection("c-1").orElseThrow().getString("state"))
        .isEqualTo("CLOSED");
  }
}
