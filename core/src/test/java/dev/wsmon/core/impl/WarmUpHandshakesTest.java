package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("the warm-up's handshakes")
class WarmUpHandshakesTest {

  @Test
  @DisplayName("ws: bursts until converged, within the bounds, then the caller's step on the port")
  void plain(Vertx vertx) {
    List<Integer> ports = new ArrayList<>();
    WarmUpHandshakes.Plain p =
        WarmUpHandshakes.plain(
                vertx,
                port -> {
                  ports.add(port);
                  return Future.succeededFuture();
                })
            .await();
    assertThat(p.bursts()).isBetween(WarmUpConvergence.MIN_BURSTS, WarmUpConvergence.MAX_BURSTS);
    assertThat(p.handshakes()).isEqualTo(2 + p.bursts() * WarmUpHandshakes.PARALLEL);
    assertThat(ports).hasSize(1).allMatch(port -> port > 0);
  }

  @Test
  @DisplayName("ws: a failing step fails it (the caller goes on cold)")
  void plainFails(Vertx vertx) {
    Future<WarmUpHandshakes.Plain> f =
        WarmUpHandshakes.plain(vertx, port -> Future.failedFuture("no connection"));
    assertThat(f.transform(ar -> Future.succeededFuture(ar.failed())).await()).isTrue();
  }

  @Test
  @DisplayName("wss: handshakes against the bundled JKS certificate succeed")
  void tls(Vertx vertx) {
    assertThat(
            WarmUpHandshakes.tls(vertx).transform(ar -> Future.succeededFuture(ar.cause())).await())
        .isNull();
  }
}
