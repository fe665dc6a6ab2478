package dev.wsmon.runner.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
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
  void stallShowsInRtt(Vertx serverVertx) {
    EchoServer server = EchoServer.deploy(serverVertx).await();
    RunSettings settings =
        RunSettings.from(
            new ConfigSource()
                .put("uri", server.uri("/"), "test")
                .put("send", "s{seq}", "test")
                .put("rate", 50, "test")
                .put("duration", "3s", "test")
                .put("quiet", true, "test"));
    PrintStream print = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    LocalLoad local = new LocalLoad(settings, "");
    LoadRun run = new LoadRun(settings, print, print, ProgressReporter.Mode.QUIET).load(local);
    AtomicInteger replies = new AtomicInteger();
    run.onStarted(
        vertx ->
            // the handler runs on the connection's event loop, which is also its sender's: a
            // busy 300 ms there stands for a GC pause or a frozen client
            local
                .connections()
                .get(0)
                .textMessageHandler(
                    text -> {
                      if (replies.incrementAndGet() == 20) {
                        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STALL_MS);
                        while (System.nanoTime() < until) {
                          Thread.onSpinWait();
                        }
                      }
                    }));

    assertThat(run.execute()).isZero();

    JsonObject total = run.finalSnapshot().getJsonObject("total");
    JsonObject rtt = total.getJsonObject("rtt_ms");
    JsonObject actual = total.getJsonObject("rtt_actual_ms");
    JsonObject lag = total.getJsonObject("send_lag_ms");
    assertThat(replies.get()).isGreaterThan(20);
    assertThat(rtt.getLong("count")).isEqualTo(total.getLong("messages_sent"));
    assertThat(actual.getLong("count")).isEqualTo(rtt.getLong("count"));
    assertThat(rtt.getDouble("max")).as(total.encode()).isGreaterThanOrEqualTo(STALL_MS - 40.0);
    assertThat(lag.getDouble("max")).as(total.encode()).isGreaterThanOrEqualTo(STALL_MS - 40.0);
    assertThat(actual.getDouble("max")).as(total.encode()).isLessThan(STALL_MS / 2.0);
    server.close().await();
  }
}
