package dev.wsmon.runner.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ConnectionVerticle;
import dev.wsmon.core.ConnectionVerticleOptions;
import dev.wsmon.runner.config.ConfigSource;
import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(VertxExtension.class)
@Timeout(30)
@DisplayName("SenderVerticle keeps a sender per connection only when it has something to do")
class SenderVerticleTest {

  @ParameterizedTest(name = "send={0} hold={1}: {2} senders")
  @CsvSource({"'', '', 0", "hi, '', 3", "'', 5s, 3"})
  void sendersOnlyWhenSendingOrHolding(String send, String hold, int expected, Vertx vertx)
      throws Exception {
    EchoServer server = EchoServer.deploy(vertx).await();
    ConfigSource source = new ConfigSource().put("uri", server.uri("/"), "test");
    if (!send.isEmpty()) {
      source.put("send", send, "test");
    }
    if (!hold.isEmpty()) {
      source.put("hold", hold, "test");
    }
    RunSettings settings = RunSettings.from(source);
    ConnectionVerticle verticle =
        new ConnectionVerticle(
            new ConnectionVerticleOptions()
                .setEndpoints(List.of(new ConnectionOptions(server.uri("/")).setConnections(3))));
    vertx.deployVerticle(verticle).await();
    SenderVerticle sender = new SenderVerticle(settings, Addresses.defaults().events());
    vertx.deployVerticle(sender).await();

    sender.attach(verticle.context(), verticle.connections()).await();

    assertThat(verticle.connections()).hasSize(3);
    assertThat(sender.senderCount()).isEqualTo(expected);
  }
}
