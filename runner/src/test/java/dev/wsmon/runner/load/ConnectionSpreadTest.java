package dev.wsmon.runner.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionOptions;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ConnectionSpread: connections over event loops, ids in endpoint order")
class ConnectionSpreadTest {

  @Test
  @DisplayName("10 connections of two endpoints over 4 loops: 3, 3, 2, 2 in number order")
  void splitsEvenlyAcrossEndpoints() {
    List<ConnectionOptions> endpoints =
        List.of(
            new ConnectionOptions("ws://a/").setConnections(4),
            new ConnectionOptions("ws://b/").setConnections(6));
    List<ConnectionSpread.Slice> slices = ConnectionSpread.of(endpoints, 4);
    assertThat(slices).extracting(ConnectionSpread.Slice::firstNumber).containsExactly(1, 4, 7, 9);
    assertThat(slices).extracting(ConnectionSpread.Slice::connections).containsExactly(3, 3, 2, 2);
    // slice 2 takes a's last connection and b's first two
    assertThat(slices.get(1).endpoints())
        .extracting(ConnectionOptions::getUri, ConnectionOptions::getConnections)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ws://a/", 1),
            org.assertj.core.groups.Tuple.tuple("ws://b/", 2));
  }

  @Test
  @DisplayName("never more loops than connections; 0 asks for Vert.x's default count")
  void loops() {
    assertThat(ConnectionSpread.loops(8, 3)).isEqualTo(3);
    assertThat(ConnectionSpread.loops(2, 10)).isEqualTo(2);
    assertThat(ConnectionSpread.loops(0, 1000))
        .isEqualTo(io.vertx.core.VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE);
    assertThat(ConnectionSpread.of(List.of(new ConnectionOptions("ws://a/")), 4)).hasSize(1);
  }
}
