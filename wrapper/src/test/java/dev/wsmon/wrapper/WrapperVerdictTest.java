package dev.wsmon.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.EventType;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.tracker.StatsSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("TestingWrapper verdicts and ramp-up match wsmon run")
@Timeout(60)
class WrapperVerdictTest {

  private EchoServer server;

  @BeforeEach
  void startServer(Vertx vertx) {
    server = EchoServer.deploy(vertx).await();
  }

  @AfterEach
  void stopServer() {
    server.close().await();
  }

  @Test
  @DisplayName("a clean run ends with health 100 and all connected, as the CLI reports it")
  void cleanRunIsHealthy() {
    TestingWrapper wrapper =
        TestingWrapper.builder().uri(server.uri("/")).connections(2).logStats(false).build();
    wrapper.start().await();
    wrapper.awaitConnected(Duration.ofSeconds(10)).await();
    StatsSnapshot last = wrapper.stopAndShutdown().await();
    JsonObject total = last.total();
    assertThat(total.getInteger("health_score")).as(total.encode()).isEqualTo(100);
    assertThat(total.getString("health")).isEqualTo("Excellent");
    assertThat(total.getInteger("connected")).isEqualTo(2);
    assertThat(total.getLong("disconnections")).isZero();
    assertThat(last.connection("c-1").orElseThrow().getString("state")).isEqualTo("CONNECTED");
  }

  @Test
  @DisplayName("rampUp spreads the starts of every endpoint's connections together: k * ramp / N")
  void rampUpAcrossEndpoints(Vertx vertx) {
    List<ConnectionEvent> attempts = new CopyOnWriteArrayList<>();
    vertx
        .eventBus()
        .<ConnectionEvent>consumer("ramp.events")
        .handler(
            m -> {
              if (m.body().type() == EventType.ATTEMPT) {
                attempts.add(m.body());
              }
            })
        .completion()
        .await();
    TestingWrapper wrapper =
        TestingWrapper.builder()
            .vertx(vertx)
            .namespace("ramp")
            .addEndpoint(new ConnectionOptions(server.uri("/a")).setConnections(2))
            .addEndpoint(new ConnectionOptions(server.uri("/b")).setConnections(2))
            .rampUp(Duration.ofMillis(1200))
            .logStats(false)
            .build();
    Instant before = Instant.now();
    wrapper.start().await();
    wrapper.awaitConnected(Duration.ofSeconds(20)).await();
    wrapper.stopAndShutdown().await();
    List<Instant> starts = new ArrayList<>();
    attempts.stream().map(ConnectionEvent::timestamp).sorted().forEach(starts::add);
    assertThat(starts).hasSize(4);
    for (int k = 0; k < 4; k++) {
      // timers fire late, never early: the k-th start is k * 300 ms or more after start()
      long offset = Duration.between(before, starts.get(k)).toMillis();
      assertThat(offset)
          .as("start %d: %s, start() at %s", k, starts, before)
          .isGreaterThanOrEqualTo(k * 300L - 2);
    }
  }
}
