package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(30)
@DisplayName("ConnectionVerticle with deferStart holds its connections until startRamp")
class ConnectionVerticleDeferStartTest {

  @Test
  @DisplayName("no attempt before startRamp; both connect after it; a second call does nothing")
  void holdsUntilStartRamp(Vertx vertx) throws Exception {
    EchoServer server = EchoServer.deploy(vertx).await();
    Context observer = vertx.getOrCreateContext();
    List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    Promise<Void> bothConnected = Promise.promise();
    Promise<Void> registered = Promise.promise();
    observer.runOnContext(
        v ->
            vertx
                .eventBus()
                .<ConnectionEvent>consumer(
                    "deferred.events",
                    m -> {
                      events.add(m.body());
                      if (events.stream().filter(e -> e.type() == EventType.CONNECTED).count()
                          == 2) {
                        bothConnected.tryComplete();
                      }
                    })
                .completion()
                .onComplete(registered));
    registered.future().await();
    ConnectionVerticle verticle =
        new ConnectionVerticle(
            new ConnectionVerticleOptions()
                .setNamespace("deferred")
                .setDeferStart(true)
                .addEndpoint(new ConnectionOptions(server.uri("/")).setConnections(2)));
    vertx.deployVerticle(verticle).await();

    // an event published while deploying is queued on the observer's loop before this check
    Promise<Integer> seenBefore = Promise.promise();
    observer.runOnContext(v -> seenBefore.complete(events.size()));
    assertThat(seenBefore.future().await()).as("events before startRamp").isZero();

    verticle.startRamp(0).await();
    bothConnected.future().await(10, TimeUnit.SECONDS);
    verticle.startRamp(0).await();
    Promise<Long> attempts = Promise.promise();
    observer.runOnContext(
        v -> attempts.complete(events.stream().filter(e -> e.type() == EventType.ATTEMPT).count()));
    assertThat(attempts.future().await()).isEqualTo(2);
  }

  @Test
  @DisplayName("startRamp on a verticle that started its ramp itself fails, naming deferStart")
  void startRampNeedsDeferStart(Vertx vertx) {
    ConnectionVerticle verticle = new ConnectionVerticle(new ConnectionVerticleOptions());
    assertThatThrownBy(() -> verticle.startRamp(0).await()).hasMessageContaining("not deployed");
    vertx.deployVerticle(verticle).await();
    assertThatThrownBy(() -> verticle.startRamp(0).await()).hasMessageContaining("deferStart");
  }
}
