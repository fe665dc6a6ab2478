package dev.wsmon.runner.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ClientWarmUp;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.core.WsmonCodecs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(30)
@DisplayName("the run's warm-up rehearses its event path while the client warms up")
class RunWarmUpTest {

  private static final Addresses WARM = Addresses.of(ClientWarmUp.NAMESPACE);

  @Test
  @DisplayName("a tracker counts the warm-up's events during prepare, and is gone afterwards")
  void aTrackerListensDuringPrepareOnly(Vertx vertx) {
    WsmonCodecs.register(vertx);
    AtomicReference<JsonObject> seen = new AtomicReference<>();
    RunWarmUp.rehearse(
            vertx,
            () -> {
              vertx
                  .eventBus()
                  .publish(
                      WARM.events(),
                      new ConnectionEvent(
                          "c-1",
                          "ws://127.0.0.1:1/",
                          EventType.ATTEMPT,
                          Instant.now(),
                          0,
                          null,
                          null,
                          null,
                          ConnectionState.CONNECTING));
              return vertx
                  .eventBus()
                  .<JsonObject>request(WARM.stats(), new JsonObject())
                  .onSuccess(m -> seen.set(m.body()))
                  .mapEmpty();
            })
        .await();

    assertThat(seen.get().getJsonObject("total").getInteger("connection_attempts")).isEqualTo(1);
    assertThat(vertx.deploymentIDs()).isEmpty();
    assertThatThrownBy(() -> vertx.eventBus().request(WARM.stats(), new JsonObject()).await())
        .hasMessageContaining("No handlers");
  }

  @Test
  @DisplayName("a failing prepare fails the warm-up with its own error and leaves nothing behind")
  void prepareFailurePropagates(Vertx vertx) {
    WsmonCodecs.register(vertx);
    assertThatThrownBy(
            () ->
                RunWarmUp.rehearse(vertx, () -> Future.failedFuture("no agent joined within 1s"))
                    .await())
        .hasMessageContaining("no agent joined within 1s");
    assertThat(vertx.deploymentIDs()).isEmpty();
  }
}
