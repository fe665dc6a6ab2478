package dev.wsmon.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.EventType;
import dev.wsmon.core.ReconnectPolicy;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import dev.wsmon.tracker.StatsSnapshot;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName(
    "TestingWrapper.stopAndShutdown(): the final state is the connections' state when it was"
        + " called, not after wsmon's own close")
@Timeout(60)
class EndStateWrapperTest {

  private EchoServer server;

  @BeforeEach
  void startServer(Vertx vertx) {
    server =
        EchoServer.deploy(
                vertx,
                new EchoServerOptions().setFaults(new FaultSpec(List.of("close-after=0:1001"))))
            .await();
  }

  @AfterEach
  void stopServer() {
    server.close().await();
  }

  /** Runs 2 connections until each published {@code type} once, then stops the wrapper. */
  private StatsSnapshot runUntil(Vertx vertx, String ns, ReconnectPolicy policy, EventType type) {
    Promise<Void> seen = Promise.promise();
    AtomicInteger count = new AtomicInteger();
    vertx
        .eventBus()
        .<ConnectionEvent>consumer(ns + ".events")
        .handler(
            m -> {
              if (m.body().type() == type && count.incrementAndGet() == 2) {
                seen.tryComplete();
              }
            })
        .completion()
        .await();
    TestingWrapper wrapper =
        TestingWrapper.builder()
            .vertx(vertx)
            .namespace(ns)
            .addEndpoint(
                new ConnectionOptions(server.uri("/")).setConnections(2).setReconnectPolicy(policy))
            .logStats(false)
            .build();
    wrapper.start().await();
    seen.future().await();
    return wrapper.stopAndShutdown().await();
  }

  private static void assertEveryConnection(StatsSnapshot last, String state) {
    JsonObject total = last.total();
    assertThat(total.getBoolean("is_connected")).as(total.encode()).isFalse();
    assertThat(total.getInteger("connected")).isZero();
    assertThat(total.getLong("successful_connections")).isEqualTo(2);
    for (String id : List.of("c-1", "c-2")) {
      JsonObject c = last.connection(id).orElseThrow();
      assertThat(c.getString("state")).as(c.encode()).isEqualTo(state);
      assertThat(c.getBoolean("is_connected")).isFalse();
    }
  }

  @Test
  @DisplayName(
      "a server that closes every connection at once, a 60 s reconnect delay: each connection was"
          + " waiting to reconnect, so it ends RECONNECTING (was CLOSED)")
  void waitingToReconnectEndsReconnecting(Vertx vertx) {
    StatsSnapshot last =
        runUntil(
            vertx,
            "endstate1",
            new ReconnectPolicy()
                .setReconnectDelay(Duration.ofSeconds(60))
                .setMaxReconnectDelay(Duration.ofSeconds(60)),
            EventType.RECONNECT_SCHEDULED);
    assertEveryConnection(last, "RECONNECTING");
    assertThat(last.total().getLong("disconnections")).isEqualTo(2);
    assertThat(last.total().getLong("attempts_abandoned")).isZero();
  }

  @Test
  @DisplayName("a connection that gave up before the end ends GAVE_UP")
  void gaveUpEndsGaveUp(Vertx vertx) {
    StatsSnapshot last =
        runUntil(
            vertx,
            "endstate2",
            new ReconnectPolicy().setMaxReconnectAttempts(0),
            EventType.GAVE_UP);
    assertEveryConnection(last, "GAVE_UP");
  }
}
