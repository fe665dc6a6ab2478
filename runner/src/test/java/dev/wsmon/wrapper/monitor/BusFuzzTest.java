package dev.wsmon.wrapper.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.EventType;
import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(90)
@DisplayName("garbage event-bus requests get a reply (or a failure with a message), never silence")
class BusFuzzTest {

  @Test
  @DisplayName("200 seeded junk bodies to stats, history, export and send")
  void fuzz(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    Future<Void> connected = MonitorFixture.events(vertx, EventType.CONNECTED, 1);
    MonitorVerticle.deploy(vertx, MonitorFixture.options(server, 1)).await();
    connected.await();
    Addresses a = Addresses.of(MonitorFixture.NS);
    List<String> addresses = List.of(a.stats(), a.history(), a.export(), a.send());
    Random random = new Random(15);
    DeliveryOptions timeout = new DeliveryOptions().setSendTimeout(5000);
    for (int i = 0; i < 200; i++) {
      String address = addresses.get(random.nextInt(addresses.size()));
      Object body = junk(random, 0);
      try {
        vertx.eventBus().request(address, body, timeout).await();
      } catch (ReplyException e) {
        String what = "case " + i + " to " + address + ": " + body;
        assertThat(e.failureType()).as(what).isEqualTo(ReplyFailure.RECIPIENT_FAILURE);
        assertThat(e.getMessage()).as(what).isNotBlank().doesNotContain("\tat ");
      }
    }
    server.close().await();
  }

  private static Object junk(Random r, int depth) {
    return switch (r.nextInt(depth > 2 ? 6 : 9)) {
      case 0 -> null;
      case 1 -> "x".repeat(r.nextInt(3)) + "\u4e2d";
      case 2 -> r.nextLong();
      case 3 -> r.nextBoolean();
      case 4 -> Buffer.buffer(new byte[] {(byte) r.nextInt()});
      case 5 -> -r.nextDouble() * 1e300;
      case 6 ->
          new JsonObject()
              .put(
                  List.of("limit", "connection_id", "group", "format", "path", "text", "since")
                      .get(r.nextInt(7)),
                  jsonJunk(r, depth + 1));
      case 7 -> new JsonArray().add(jsonJunk(r, depth + 1));
      default ->
          new JsonObject()
              .put("limit", r.nextBoolean() ? Long.MAX_VALUE : -r.nextInt(1000))
              .put("format", jsonJunk(r, depth + 1))
              .put("connection_id", jsonJunk(r, depth + 1));
    };
  }

  private static Object jsonJunk(Random r, int depth) {
    Object o = junk(r, depth);
    return o instanceof Buffer ? "buf" : o;
  }
}
