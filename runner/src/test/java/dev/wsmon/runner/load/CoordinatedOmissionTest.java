package dev.wsmon.runner.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.runner.config.ConfigSource;
import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("--rate: a stalled client shows in rtt_ms (from the intended send), not in rtt_actual")
class CoordinatedOmissionTest {

  private static final long STALL_MS = 300;

  @Test
  @DisplayName(
      "the sender's event loop blocked for 300 ms: rtt_ms.max and send_lag_ms.max hold the stall,"
          + " rtt_actual_ms does not")
  void stallShowsInRtt(Vertx serverVertx) throws Exception {
    EchoServer server = EchoServer.deploy(serverVertx).await();
    RunSettings settings =
        RunSettings.from(
            new ConfigSource()
                .put("uri", server.uri("/"), "test")
                .put("send", "s{seq}", "test")
                .put("rate", 20, "test")
                .put("duration", "4s", "test")
                .put("quiet", true, "test"));
    LocalBackend local = new LocalBackend(settings, "");
    AtomicInteger replies = new AtomicInteger();
    AtomicBoolean stalled = new AtomicBoolean();
    ThreadedRun run =
        ThreadedRun.start(
            settings,
            local,
            vertx ->
                // the handler runs on the connection's event loop, which is also its sender's: a
                // busy 300 ms there stands for a GC pause or a frozen client. It stalls once
                // nothing
                // is outstanding (every message the server got has been answered), so that only the
                // sends due during the stall are late, not replies already on their way
                local
                    .connections()
                    .get(0)
                    .textMessageHandler(
                        text -> {
                          int seen = replies.incrementAndGet();
                          if (seen >= 10
                              && !stalled.get()
                              && server.stats().messagesReceived() == seen) {
                            stalled.set(true);
                            long until =
                                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STALL_MS);
                            while (System.nanoTime() < until) {
                              Thread.onSpinWait();
                            }
                          }
                        }));

    assertThat(run.exit(Duration.ofSeconds(50))).isZero();

    JsonObject total = run.finalSnapshot().getJsonObject("total");
    JsonObject rtt = total.getJsonObject("rtt_ms");
    JsonObject actual = total.getJsonObject("rtt_actual_ms");
    JsonObject lag = total.getJsonObject("send_lag_ms");
    assertThat(stalled.get()).isTrue();
    assertThat(rtt.getLong("count")).isEqualTo(total.getLong("messages_sent"));
    assertThat(actual.getLong("count")).isEqualTo(rtt.getLong("count"));
    assertThat(lag.getLong("count")).isEqualTo(rtt.getLong("count"));
    // the send due first during the stall left about 250 ms late (300 ms minus one 50 ms period)
    assertThat(lag.getDouble("max")).as(total.encode()).isGreaterThanOrEqualTo(STALL_MS - 60.0);
    assertThat(rtt.getDouble("max"))
        .as(total.encode())
        .isGreaterThanOrEqualTo(lag.getDouble("max"));
    assertThat(actual.getDouble("max")).as(total.encode()).isLessThan(rtt.getDouble("max") - 100.0);
    // per request, rtt = actual round trip + send lag: so for the means too (bucket precision)
    assertThat(rtt.getDouble("mean"))
        .as(total.encode())
        .isCloseTo(
            actual.getDouble("mean") + lag.getDouble("mean"),
            org.assertj.core.data.Offset.offset(0.02 * rtt.getDouble("mean") + 0.01));
    server.close().await();
  }
}
