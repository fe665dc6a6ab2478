package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(30)
@DisplayName("ConnectionVerticle deployed by class name reads ConnectionVerticleOptions JSON")
class ConnectionVerticleByNameTest {

  @Test
  @DisplayName("namespace, flushInterval and endpoints from config(): connects, counts, batches")
  void fromConfig(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    Promise<ConnectionEvent> connected = Promise.promise();
    Promise<TrafficBatch> traffic = Promise.promise();
    vertx
        .eventBus()
        .<ConnectionEvent>consumer(
            "byname.events",
            m -> {
              if (m.body().type() == EventType.CONNECTED) {
                connected.tryComplete(m.body());
              }
            });
    vertx
        .eventBus()
        .<TrafficBatch>consumer(
            "byname.traffic",
            m -> {
              if (!m.body().deltas().isEmpty()) {
                traffic.tryComplete(m.body());
              }
            });
    JsonObject config =
        new JsonObject()
            .put("namespace", "byname")
            .put("flushInterval", "100ms")
            .put(
                "endpoints",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("uri", server.uri("/echo"))
                            .put("connections", 2)
                            .put("group", "by-name")));
    String id =
        vertx
            .deployVerticle(
                ConnectionVerticle.class.getName(), new DeploymentOptions().setConfig(config))
            .await();

    ConnectionEvent event = connected.future().await();
    assertThat(event.group()).isEqualTo("by-name");
    vertx
        .eventBus()
        .request(
            "byname.send",
            "hello",
            new DeliveryOptions().addHeader(Addresses.CONNECTION_ID_HEADER, event.connectionId()))
        .await();
    TrafficBatch batch = traffic.future().await();
    assertThat(batch.deltas()).isNotEmpty();
    vertx.undeploy(id).await();
    server.close().await();
  }

  @Test
  @DisplayName("a bad config fails the deployment with a message naming the key")
  void badConfig(Vertx vertx) {
    JsonObject config =
        new JsonObject()
            .put("endpoints", new JsonArray().add(new JsonObject().put("uri", "http://x/")));
    Throwable failure =
        vertx
            .deployVerticle(
                ConnectionVerticle.class.getName(), new DeploymentOptions().setConfig(config))
            .transform(ar -> Future.succeededFuture(ar.cause()))
            .await();
    assertThat(failure)
        .isNotNull()
        .hasMessageStartingWith("connection verticle config: endpoints[0]")
        .isNotInstanceOf(CompletionException.class);
  }
}
