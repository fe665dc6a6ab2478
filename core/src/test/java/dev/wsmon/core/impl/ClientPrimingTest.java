package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionOptions;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.ProxyOptions;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(30)
@DisplayName("ClientPriming")
class ClientPrimingTest {

  @Test
  @DisplayName(
      "one handshake through each wss client (a rejecting one included), none for ws or a proxy")
  void eachWssClientOnce(Vertx vertx) {
    ClientPool pool =
        ClientPool.create(
            vertx,
            List.of(
                new ConnectionOptions("ws://127.0.0.1:1/"),
                new ConnectionOptions("wss://127.0.0.1:2/").setTrustAll(true),
                // trusts the default CAs only: rejects the warm-up's certificate
                new ConnectionOptions("wss://localhost:3/").setVerifyHost(true),
                new ConnectionOptions("wss://127.0.0.1:4/")
                    .setTrustAll(true)
                    .setProxyOptions(new ProxyOptions().setHost("127.0.0.1").setPort(5))),
            1);
    assertThat(pool.size()).isEqualTo(4);
    Context loop = vertx.getOrCreateContext();
    Promise<ClientPriming.Primed> primed = Promise.promise();
    loop.runOnContext(v -> ClientPriming.prime(vertx, pool).onComplete(primed));
    assertThat(primed.future().await()).isEqualTo(new ClientPriming.Primed(2, 1));
    pool.close().await();
  }

  @Test
  @DisplayName("no wss client: nothing to do, at once")
  void noWss(Vertx vertx) {
    ClientPool pool = ClientPool.create(vertx, List.of(new ConnectionOptions("ws://h:1/")), 1);
    assertThat(ClientPriming.prime(vertx, pool).await()).isEqualTo(new ClientPriming.Primed(0, 0));
    pool.close().await();
  }

  @Test
  @DisplayName("a closed Vert.x: completes anyway (the run starts cold)")
  void closedVertx() {
    Vertx vertx = Vertx.vertx();
    ClientPool pool =
        ClientPool.create(
            vertx, List.of(new ConnectionOptions("wss://127.0.0.1:2/").setTrustAll(true)), 1);
    vertx.close().await();
    assertThat(ClientPriming.prime(vertx, pool).await().opened()).isZero();
  }
}
