package dev.wsmon.runner.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import org.slf4j.LoggerFactory;

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

  @Test
  @DisplayName("it listens until the warm-up's events have stopped, so a late one is not discarded")
  void aLateEventIsStillHeard(Vertx vertx) {
    WsmonCodecs.register(vertx);
    Logger logger = (Logger) LoggerFactory.getLogger(RunWarmUp.class);
    Level level = logger.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.setLevel(Level.DEBUG);
    logger.addAppender(logs);
    try {
      RunWarmUp.rehearse(
              vertx,
              () -> {
                // a warm-up connection's CLOSED, published just after its undeploy completed
                vertx.setTimer(5, t -> vertx.eventBus().publish(WARM.events(), attempt()));
                return Future.succeededFuture();
              })
          .await();
    } finally {
      logger.detachAppender(logs);
      logger.setLevel(level);
    }
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .contains("run warm-up: the rehearsal saw 1 attempts");
  }

  private static ConnectionEvent attempt() {
    return new ConnectionEvent(
        "c-1",
        "ws://127.0.0.1:1/",
        EventType.ATTEMPT,
        Instant.now(),
        0,
        null,
        null,
        null,
        ConnectionState.CONNECTING);
  }
}
