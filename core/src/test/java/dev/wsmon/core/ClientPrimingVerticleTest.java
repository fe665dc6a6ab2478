package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("a connection verticle primes its own wss clients before its first attempt")
class ClientPrimingVerticleTest {

  @TempDir Path dir;

  @Test
  @DisplayName(
      "the trust store is loaded during the deployment: gone before the ramp, the first attempt"
          + " still connects, and the target saw only the counted connection")
  void trustLoadedBeforeTheRamp(Vertx vertx) throws Exception {
    EchoServer server =
        EchoServer.deploy(vertx, new EchoServerOptions().setFaults(new FaultSpec().setTls(true)))
            .await();
    Path trust = Files.copy(Path.of(server.certificatePath()), dir.resolve("ca.pem"));
    EventRecorder rec = new EventRecorder(vertx, "primed");
    ConnectionVerticle verticle =
        new ConnectionVerticle(
            new ConnectionVerticleOptions()
                .setNamespace("primed")
                .setDeferStart(true)
                .addEndpoint(
                    new ConnectionOptions(server.uri("/"))
                        .setTrustOptions(new PemTrustOptions().addCertPath(trust.toString()))
                        .setVerifyHost(false)));
    String id = vertx.deployVerticle(verticle).await();
    // a client that had not loaded its trust store yet would fail its first attempt now
    Files.delete(trust);
    verticle.startRamp(0).await();
    rec.await(r -> r.count(EventType.CONNECTED) + r.count(EventType.FAILED) >= 1);

    assertThat(rec.count(EventType.CONNECTED)).as("%s", rec.events()).isEqualTo(1);
    assertThat(rec.count(EventType.FAILED)).isZero();
    assertThat(rec.count(EventType.ATTEMPT)).as("the priming is no attempt").isEqualTo(1);
    vertx.undeploy(id).await();
    assertThat(server.stats().connectionsOpened())
        .as("the priming never dials the target")
        .isEqualTo(1);
    server.close().await();
  }
}
