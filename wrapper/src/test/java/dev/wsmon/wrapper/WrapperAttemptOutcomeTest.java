package dev.wsmon.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import dev.wsmon.tracker.StatsSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("TestingWrapper: attempts in flight at stopAndShutdown() are abandoned, not lost")
@Timeout(60)
class WrapperAttemptOutcomeTest {

  @Test
  @DisplayName(
      "a server that never answers the upgrade: stopAndShutdown() reports both attempts as"
          + " attempts_abandoned, none failed, and health as the CLI does")
  void stopAndShutdownAbandonsAttemptsInFlight(Vertx vertx) {
    EchoServer server =
        EchoServer.deploy(vertx, new EchoServerOptions().setFaults(FaultSpec.parse("no-upgrade")))
            .await();
    try {
      TestingWrapper wrapper =
          TestingWrapper.builder()
              .uri(server.uri("/"))
              .connections(2)
              .connectionTimeout(Duration.ofSeconds(30))
              .logStats(false)
              .build();
      wrapper.start().await();
      server.statsWhen(s -> s.handshakesUnanswered() == 2, Duration.ofSeconds(10)).await();

      StatsSnapshot last = wrapper.stopAndShutdown().await();

      JsonObject total = last.total();
      assertThat(total.getLong("connection_attempts")).isEqualTo(2);
      assertThat(total.getLong("attempts_abandoned")).isEqualTo(2);
      assertThat(total.getLong("failed_connections")).isZero();
      assertThat(total.getLong("successful_connections")).isZero();
      assertThat(total.getValue("success_rate")).isNull();
      assertThat(total.getDouble("health_score")).isEqualTo(75.0);
      assertThat(last.connection("c-2").orElseThrow().getLong("attempts_abandoned")).isEqualTo(1);
    } finally {
      server.close().await();
    }
  }
}
