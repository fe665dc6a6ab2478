package dev.wsmon.core;

import static dev.wsmon.core.TrafficTest.deployFast;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("Connection.requestBinary: binary requests matched by the id bytes of their replies")
class BinaryRequestTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  @DisplayName(
      "20 binary requests to an echo server: each gets its own reply, 20 round trips; requests the"
          + " correlation cannot match fail at once as send failures")
  void echoAndRefusals(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx, new EchoServerOptions()).await();
    try {
      EventRecorder rec = new EventRecorder(vertx);
      BinaryId id = BinaryId.of(2, 2);
      Connection c =
          deployFast(
                  vertx,
                  new ConnectionOptions(server.uri("/"))
                      .setSendOptions(new SendOptions().setCorrelation(Correlation.binary(id))))
              .connection("c-1");
      rec.await(r -> r.count(EventType.CONNECTED) == 1);

      List<Future<Buffer>> replies = new ArrayList<>();
      for (int i = 1; i <= 20; i++) {
        replies.add(c.requestBinary(id.stamp(new byte[] {7, 7, 0, 0, 7}, i), TIMEOUT));
      }
      for (int i = 1; i <= 20; i++) {
        Buffer reply = replies.get(i - 1).await();
        assertThat(reply.getUnsignedShort(2)).isEqualTo(i);
      }

      assertThat(failure(c.requestBinary(Buffer.buffer(new byte[] {1, 2, 3}), TIMEOUT)))
          .isEqualTo("binary request of 3 bytes is too short for its id at binary:2:2");
      assertThat(failure(c.request("text", TIMEOUT)))
          .isEqualTo("a text request cannot be correlated by binary:2:2");
      rec.await(r -> r.totals("c-1")[8] == 20 && r.totals("c-1")[4] == 2);
      assertThat(rec.totals("c-1")[0]).isEqualTo(20);
    } finally {
      server.close().await();
    }
  }

  @Test
  @DisplayName("a binary request without binary correlation fails at once, naming the correlation")
  void needsBinaryCorrelation(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx, new EchoServerOptions()).await();
    try {
      EventRecorder rec = new EventRecorder(vertx);
      Connection c = deployFast(vertx, new ConnectionOptions(server.uri("/"))).connection("c-1");
      rec.await(r -> r.count(EventType.CONNECTED) == 1);
      assertThat(failure(c.requestBinary(Buffer.buffer("abcd"), TIMEOUT)))
          .isEqualTo("binary requests need binary:OFFSET:LEN correlation, but correlation is fifo");
    } finally {
      server.close().await();
    }
  }

  private static String failure(Future<?> f) {
    try {
      f.await();
    } catch (RuntimeException e) {
      return f.cause().getMessage();
    }
    throw new AssertionError("expected a failure, got " + f.result());
  }
}
