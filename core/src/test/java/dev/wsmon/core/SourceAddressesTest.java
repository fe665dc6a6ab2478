package dev.wsmon.core;

import static dev.wsmon.core.TrafficTest.deployFast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.internal.SourceAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("source addresses")
class SourceAddressesTest {

  @Nested
  @DisplayName("parsing")
  class Parsing {

    @Test
    @DisplayName("lists and IPv4 ranges expand in order")
    void expands() {
      assertThat(SourceAddresses.expand(List.of("127.0.0.1-127.0.0.3", "10.0.0.9,::1")))
          .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3", "10.0.0.9", "::1");
      assertThat(SourceAddresses.expand(List.of("10.0.0.255-10.0.1.0")))
          .containsExactly("10.0.0.255", "10.0.1.0");
    }

    @Test
    @DisplayName("bad entries are named")
    void rejects() {
      assertThatThrownBy(() -> SourceAddresses.expand(List.of("127.0.0.3-127.0.0.1")))
          .hasMessageContaining("'127.0.0.3-127.0.0.1' ends before it starts");
      assertThatThrownBy(() -> SourceAddresses.expand(List.of("127.0.0.1-x")))
          .hasMessageContaining("'127.0.0.1-x'");
      assertThatThrownBy(() -> SourceAddresses.expand(List.of("127.0.0.300")))
          .hasMessageContaining("127.0.0.300");
      assertThatThrownBy(() -> SourceAddresses.expand(List.of("127.0.0.1,")))
          .hasMessageContaining("empty entry");
      assertThatThrownBy(() -> SourceAddresses.expand(List.of("10.0.0.0-10.0.8.0")))
          .hasMessageContaining("more than 1024");
    }

    @Test
    @DisplayName("options keep the expanded list and round-trip through JSON")
    void options() {
      ConnectionOptions o =
          new ConnectionOptions("ws://127.0.0.1:1/x")
              .setSourceAddresses(List.of("127.0.0.2-127.0.0.3"));
      assertThat(o.getSourceAddresses()).containsExactly("127.0.0.2", "127.0.0.3");
      JsonObject json = o.toJson();
      assertThat(new ConnectionOptions(json).getSourceAddresses())
          .isEqualTo(o.getSourceAddresses());
      assertThat(new ConnectionOptions(o).getSourceAddresses()).isEqualTo(o.getSourceAddresses());
      assertThatThrownBy(
              () ->
                  new ConnectionOptions(
                      new JsonObject().put("sourceAddresses", List.of("1.2.3.4-1.2.3.1"))))
          .hasMessageContaining("ends before it starts");
    }

    @Test
    @DisplayName("the port range comes from the proc file, else the Linux default")
    void portRange(@TempDir Path dir) throws Exception {
      Path file = dir.resolve("range");
      Files.writeString(file, "40000\t40999\n");
      assertThat(SourceAddresses.portRange(file)).containsExactly(40000, 40999);
      assertThat(SourceAddresses.perAddress(new int[] {40000, 40999})).isEqualTo(900);
      assertThat(SourceAddresses.portRange(dir.resolve("missing"))).containsExactly(32768, 60999);
      Files.writeString(file, "garbage");
      assertThat(SourceAddresses.portRange(file)).containsExactly(32768, 60999);
    }

    @Test
    @DisplayName("automatic choice only for loopback targets beyond one address")
    void auto() {
      assertThat(SourceAddresses.auto("ws://127.0.0.1:80/", 2500, 1000))
          .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
      assertThat(SourceAddresses.auto("ws://localhost:80/", 1001, 1000)).hasSize(2);
      assertThat(SourceAddresses.auto("ws://127.0.0.1:80/", 1000, 1000)).isEmpty();
      assertThat(SourceAddresses.auto("ws://example.com:80/", 5000, 1000)).isEmpty();
      assertThat(SourceAddresses.auto("ws://[::1]:80/", 5000, 1000)).isEmpty();
    }
  }

  @Nested
  @ExtendWith(VertxExtension.class)
  @Timeout(30)
  @DisplayName("connecting")
  class Connecting {

    @Test
    @DisplayName("connections go round-robin over the given source addresses")
    void roundRobin(Vertx vertx) {
      List<String> seen = Collections.synchronizedList(new ArrayList<>());
      HttpServer server =
          vertx
              .createHttpServer()
              .webSocketHandler(
                  ws -> {
                    seen.add(ws.remoteAddress().hostAddress());
                    ws.handler(ws::write);
                  })
              .listen(0, "127.0.0.1")
              .await();
      EventRecorder rec = new EventRecorder(vertx);
      ConnectionVerticle verticle =
          deployFast(
              vertx,
              new ConnectionOptions("ws://127.0.0.1:" + server.actualPort() + "/x")
                  .setConnections(5)
                  .setSourceAddresses(List.of("127.0.0.2-127.0.0.3")));
      rec.await(r -> r.count(EventType.CONNECTED) == 5);
      assertThat(seen)
          .containsExactlyInAnyOrder(
              "127.0.0.2", "127.0.0.3", "127.0.0.2", "127.0.0.3", "127.0.0.2");
      vertx.undeploy(verticle.deploymentID()).await();
      server.close().await();
    }
  }
}
