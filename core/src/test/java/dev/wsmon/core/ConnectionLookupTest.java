package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("ConnectionVerticle.connection(id) finds a connection by its number")
class ConnectionLookupTest {

  @Test
  @DisplayName("ids with an agent prefix and a first number other than 1, over two endpoints")
  void byNumber(Vertx vertx) {
    ConnectionVerticle verticle =
        new ConnectionVerticle(
            new ConnectionVerticleOptions()
                .setIdPrefix("a:")
                .setFirstNumber(5)
                .setDeferStart(true)
                .addEndpoint(new ConnectionOptions("ws://127.0.0.1:1/x").setConnections(2))
                .addEndpoint(new ConnectionOptions("ws://127.0.0.1:1/y").setConnections(1)));
    vertx.deployVerticle(verticle).await();
    for (String id : new String[] {"a:c-5", "a:c-6", "a:c-7"}) {
      assertThat(verticle.connection(id)).isNotNull();
      assertThat(verticle.connection(id).id()).isEqualTo(id);
    }
    assertThat(verticle.connection("a:c-7").group()).isEqualTo("ws://127.0.0.1:1/y");
    assertThat(verticle.connections())
        .extracting(Connection::id)
        .containsExactly("a:c-5", "a:c-6", "a:c-7");
    for (String id :
        Arrays.asList(
            "a:c-4",
            "a:c-8",
            "c-5",
            "b:c-5",
            "a:c-05",
            "a:c-+5",
            "a:c-",
            "a:c-x",
            "a:c-99999999999",
            "",
            null)) {
      assertThat(verticle.connection(id)).as(String.valueOf(id)).isNull();
    }
  }
}
