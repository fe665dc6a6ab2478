package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("the client warm-up")
class ClientWarmUpTest {

  @Test
  @DisplayName("runs once per JVM, never fails, and is over before the first attempt")
  void beforeTheFirstAttempt(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    List<Boolean> warmAtAttempt = new CopyOnWriteArrayList<>();
    vertx
        .eventBus()
        .<ConnectionEvent>consumer("warm.events")
        .handler(
            m -> {
              if (m.body().type() == EventType.ATTEMPT) {
                warmAtAttempt.add(ClientWarmUp.isDone());
              }
            })
        .completion()
        .await();
    EventRecorder rec = new EventRecorder(vertx, "warm");
    String id =
        vertx
            .deployVerticle(
                new ConnectionVerticle(
                    new ConnectionVerticleOptions()
                        .setNamespace("warm")
                        .addEndpoint(new ConnectionOptions(server.uri("/")).setConnections(3))))
            .await();
    rec.await(r -> r.count(EventType.CONNECTED) == 3);
    assertThat(ClientWarmUp.isDone()).isTrue();
    assertThat(ClientWarmUp.run(vertx, false))
        .as("the same future every time, the one of ws:// endpoints")
        .isSameAs(ClientWarmUp.run(vertx, false))
        .isSameAs(ClientWarmUp.run(vertx, List.of(new ConnectionOptions(server.uri("/")))));
    assertThat(ClientWarmUp.run(vertx, false).succeeded()).isTrue();
    assertThat(warmAtAttempt).containsExactly(true, true, true);

    // counted nowhere: the events hold only the 3 attempts, and the target saw only the 3
    // connections (asked after their close handshakes: a CONNECTED can precede the server's count)
    assertThat(rec.count(EventType.ATTEMPT)).isEqualTo(3);
    assertThat(rec.count(EventType.FAILED)).isZero();
    vertx.undeploy(id).await();
    assertThat(server.stats().connectionsOpened()).isEqualTo(3);
    server.close().await();
  }

  @Test
  @DisplayName("a wss:// endpoint: the TLS part is over before its first attempt too")
  void tls(Vertx vertx) {
    EchoServer server =
        EchoServer.deploy(vertx, new EchoServerOptions().setFaults(new FaultSpec().setTls(true)))
            .await();
    List<Boolean> tlsWarmAtAttempt = new CopyOnWriteArrayList<>();
    vertx
        .eventBus()
        .<ConnectionEvent>consumer("warm-tls.events")
        .handler(
            m -> {
              if (m.body().type() == EventType.ATTEMPT) {
                tlsWarmAtAttempt.add(ClientWarmUp.isDone(true));
              }
            })
        .completion()
        .await();
    EventRecorder rec = new EventRecorder(vertx, "warm-tls");
    ConnectionOptions wss =
        new ConnectionOptions(server.uri("/"))
            .setTrustOptions(server.trustOptions())
            .setVerifyHost(false);
    String id =
        vertx
            .deployVerticle(
                new ConnectionVerticle(
                    new ConnectionVerticleOptions().setNamespace("warm-tls").addEndpoint(wss)))
            .await();
    rec.await(r -> r.count(EventType.CONNECTED) == 1);
    assertThat(tlsWarmAtAttempt).containsExactly(true);
    assertThat(ClientWarmUp.run(vertx, List.of(wss)))
        .as("wss:// endpoints get the TLS warm-up's future")
        .isSameAs(ClientWarmUp.run(vertx, true))
        .isSameAs(ClientWarmUp.run(vertx));
    assertThat(ClientWarmUp.isDone()).isTrue();
    vertx.undeploy(id).await();
    server.close().await();
  }

  @Test
  @DisplayName("warmUp off: the verticle starts without waiting, and its attempts still connect")
  void off(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    EventRecorder rec = new EventRecorder(vertx, "cold");
    ConnectionVerticleOptions options =
        new ConnectionVerticleOptions()
            .setNamespace("cold")
            .setWarmUp(false)
            .addEndpoint(new ConnectionOptions(server.uri("/")));
    assertThat(new ConnectionVerticleOptions(options.toJson()).isWarmUp()).isFalse();
    String id = vertx.deployVerticle(new ConnectionVerticle(options)).await();
    rec.await(r -> r.count(EventType.CONNECTED) == 1, Duration.ofSeconds(20).toSeconds());
    vertx.undeploy(id).await();
    server.close().await();
  }
}
