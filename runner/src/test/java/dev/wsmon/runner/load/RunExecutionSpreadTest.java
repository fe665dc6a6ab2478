package dev.wsmon.runner.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.EventType;
import dev.wsmon.core.TrafficBatch;
import dev.wsmon.runner.config.ConfigSource;
import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("RunExecution spreads connections over event loops, one connection verticle each")
class RunExecutionSpreadTest {

  @Test
  @DisplayName("5 connections on 3 loops: ids c-1..c-5, wsmon.send reaches each, exit 0")
  void spreadKeepsIdsAndOneSendAddress(Vertx serverVertx) throws Exception {
    EchoServer server = EchoServer.deploy(serverVertx).await();
    ConfigSource source =
        new ConfigSource()
            .put("uri", server.uri("/"), "test")
            .put("connections", 5, "test")
            .put("eventLoops", 3, "test")
            .put("send", "c{conn}-{seq}", "test")
            .put("rate", 0, "test")
            .put("window", 4, "test")
            .put("quiet", true, "test");
    CompletableFuture<Set<String>> replies = new CompletableFuture<>();
    CompletableFuture<Void> allSending = new CompletableFuture<>();
    ThreadedRun run =
        ThreadedRun.start(
            RunSettings.from(source),
            null,
            vertx -> {
              // c-5 lives in the last verticle: the single router must still find it
              Set<String> ok = new TreeSet<>();
              sendWhenConnected(vertx, "c-5")
                  .compose(
                      r -> {
                        ok.add("c-5 " + r.body());
                        return vertx
                            .eventBus()
                            .request(
                                Addresses.defaults().send(),
                                "hello",
                                new DeliveryOptions()
                                    .addHeader(Addresses.CONNECTION_ID_HEADER, "c-6"));
                      })
                  .onComplete(
                      ar -> {
                        ok.add(ar.failed() ? "c-6 " + ar.cause().getMessage() : "c-6 answered");
                        replies.complete(ok);
                        // end once every connection (every verticle's lane) has had sends flushed
                        Set<String> sending = ConcurrentHashMap.newKeySet();
                        vertx
                            .eventBus()
                            .<TrafficBatch>localConsumer(
                                Addresses.defaults().traffic(),
                                m -> {
                                  m.body().deltas().stream()
                                      .filter(d -> d.messagesSent() > 0)
                                      .forEach(d -> sending.add(d.connectionId()));
                                  if (sending.size() == 5) {
                                    allSending.complete(null);
                                  }
                                });
                      });
            });
    Set<String> answered = replies.get();
    allSending.get();
    int exitCode = run.stop(Duration.ofSeconds(30));
    assertThat(answered)
        .containsExactly(
            "c-5 " + new JsonObject().put("ok", true), "c-6 unknown connection id 'c-6'");
    JsonObject snapshot = run.finalSnapshot();
    Set<String> ids = new TreeSet<>();
    snapshot
        .getJsonArray("connections")
        .forEach(c -> ids.add(((JsonObject) c).getString("connection_id")));
    assertThat(ids).containsExactly("c-1", "c-2", "c-3", "c-4", "c-5");
    snapshot
        .getJsonArray("connections")
        .forEach(
            c -> {
              JsonObject conn = (JsonObject) c;
              assertThat(conn.getLong("messages_sent")).as(conn.encode()).isPositive();
            });
    JsonObject total = snapshot.getJsonObject("total");
    assertThat(total.getLong("messages_received")).isEqualTo(total.getLong("messages_sent"));
    assertThat(exitCode).isZero();
    server.close().await();
  }

  /** Sends on {@code id} once it is connected: the connected event decides, not a sleep. */
  private static Future<Message<Object>> sendWhenConnected(Vertx vertx, String id) {
    Promise<Void> connected = Promise.promise();
    vertx
        .eventBus()
        .<ConnectionEvent>localConsumer(
            Addresses.defaults().events(),
            m -> {
              if (m.body().connectionId().equals(id) && m.body().type() == EventType.CONNECTED) {
                connected.tryComplete();
              }
            });
    vertx
        .eventBus()
        .request(Addresses.defaults().stats(), new JsonObject().put("connection_id", id))
        .onSuccess(
            r -> {
              JsonObject c = (JsonObject) r.body();
              if (c.toString().contains("\"is_connected\":true")) {
                connected.tryComplete();
              }
            });
    return connected
        .future()
        .compose(
            v ->
                vertx
                    .eventBus()
                    .request(
                        Addresses.defaults().send(),
                        "hello",
                        new DeliveryOptions().addHeader(Addresses.CONNECTION_ID_HEADER, id)));
  }
}
