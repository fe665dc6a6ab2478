package dev.wsmon.wrapper.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.ConnectionVerticle;
import dev.wsmon.core.ConnectionVerticleOptions;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.support.Waits;
import io.vertx.core.Future;
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
@DisplayName("TappedConnection against the echo server")
@Timeout(60)
class TappedConnectionTest {

  @Test
  @DisplayName("several observers each see every message and state change until removed")
  void severalObservers(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    ConnectionVerticle verticle =
        new ConnectionVerticle(
            new ConnectionVerticleOptions()
                .setEndpoints(List.of(new ConnectionOptions().setUri(server.uri("/")))));
    vertx.deployVerticle(verticle).await();
    Connection connection = verticle.connections().get(0);
    TappedConnection tap = new TappedConnection(vertx, connection);
    List<String> first = new CopyOnWriteArrayList<>();
    List<String> second = new CopyOnWriteArrayList<>();
    List<String> user = new CopyOnWriteArrayList<>();
    List<ConnectionState> firstStates = new CopyOnWriteArrayList<>();
    List<ConnectionState> secondStates = new CopyOnWriteArrayList<>();
    Runnable removeFirst = tap.observe(first::add, firstStates::add);
    tap.observe(second::add, secondStates::add);
    tap.textMessageHandler(user::add);
    Waits.until(
            vertx,
            () -> Future.succeededFuture(connection.state()),
            s -> s == ConnectionState.CONNECTED,
            Duration.ofSeconds(20))
        .await();

    tap.sendText("one").await();
    Waits.until(vertx, () -> Future.succeededFuture(user), u -> u.contains("one"), timeout())
        .await();
    assertThat(first).containsExactly("one");
    assertThat(second).containsExactly("one");

    removeFirst.run();
    removeFirst.run();
    tap.sendText("two").await();
    Waits.until(vertx, () -> Future.succeededFuture(user), u -> u.contains("two"), timeout())
        .await();
    assertThat(first).containsExactly("one");
    assertThat(second).containsExactly("one", "two");

    tap.close().await();
    Waits.until(
            vertx,
            () -> Future.succeededFuture(secondStates),
            s -> s.contains(ConnectionState.CLOSED),
            timeout())
        .await();
    assertThat(firstStates).doesNotContain(ConnectionState.CLOSED);
  }

  private static Duration timeout() {
    return Duration.ofSeconds(10);
  }
}
