package dev.wsmon.runner.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.EventType;
import dev.wsmon.runner.config.ConfigSource;
import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName(
    "A slow start costs neither -d nor the sending time: both count from the ramp's origin")
class SlowStartSendingTimeTest {

  /** Deployments that take this long after the run clock used to start. */
  private static final long SLOW_START_MS = 1500;

  @Test
  @DisplayName(
      "-d 3s --rate 10 -c 2 with 1.5 s between deployment and ramp: 3 s of sending at 10/s each,"
          + " the summary's figures are messages / sending_seconds")
  void slowStartIsNotSendingTime(Vertx serverVertx) throws Exception {
    EchoServer server = EchoServer.deploy(serverVertx).await();
    try {
      RunSettings settings =
          RunSettings.from(
              new ConfigSource()
                  .put("uri", server.uri("/"), "test")
                  .put("connections", 2, "test")
                  .put("duration", "3s", "test")
                  .put("send", "s{seq}", "test")
                  .put("rate", 10, "test"));
      SlowStart load = new SlowStart(new LocalBackend(settings, ""));
      AtomicLong endOfRunNanos = new AtomicLong();
      ThreadedRun run =
          ThreadedRun.start(settings, load, vertx -> watchFirstClose(vertx, endOfRunNanos));

      assertThat(run.exit(Duration.ofSeconds(50))).as(run.out() + run.err()).isZero();

      String summary = run.out();
      JsonObject snapshot = run.finalSnapshot();
      JsonObject total = snapshot.getJsonObject("total");
      double sending = snapshot.getDouble("sending_seconds");
      assertThat(sending).as(summary).isBetween(2.7, 3.3);
      // the run clock started when the ramp did, not before the slow deployments
      assertThat((load.rampOriginNanos - load.deployedNanos.get()) / 1_000_000)
          .as("ms from the start of the deployments to the run clock's zero")
          .isGreaterThanOrEqualTo(SLOW_START_MS);
      assertThat((endOfRunNanos.get() - load.deployedNanos.get()) / 1e9)
          .as("deployed to end of run")
          .isGreaterThan(2.7 + SLOW_START_MS / 1000.0);
      // started_at is the same zero (DESIGN: -d counts from started_at): elapsed_seconds is the
      // sending time plus the drain and close, not plus the slow start
      assertThat(snapshot.getDouble("elapsed_seconds") - sending)
          .as("elapsed_seconds - sending_seconds")
          .isBetween(0.0, SLOW_START_MS / 1000.0);
      long sent = total.getLong("messages_sent");
      // 2 connections at 10/s for 3 s, less the first connects (about 60 when -d counts from the
      // ramp; about 30 when it counted from before the 1.5 s start)
      assertThat(sent / (2 * sending)).as(summary).isBetween(8.0, 10.5);
      Matcher m =
          Pattern.compile(
                  "sent (\\d+) \\(([0-9.]+)/s\\)   received (\\d+) \\(([0-9.]+)/s\\)"
                      + "   per second of the ([0-9.]+) s of sending")
              .matcher(summary);
      assertThat(m.find()).as(summary).isTrue();
      assertThat(Long.parseLong(m.group(1))).isEqualTo(sent);
      assertThat(Double.parseDouble(m.group(2))).isCloseTo(sent / sending, within(0.05));
      assertThat(Double.parseDouble(m.group(4)))
          .isCloseTo(total.getLong("messages_received") / sending, within(0.05));
      assertThat(Double.parseDouble(m.group(5))).isCloseTo(sending, within(0.05));
    } finally {
      server.close().await();
    }
  }

  /** The end of the run: the first CLOSED event (wsmon's own close after sending stopped). */
  private static void watchFirstClose(Vertx vertx, AtomicLong at) {
    vertx
        .eventBus()
        .<ConnectionEvent>localConsumer(
            Addresses.defaults().events(),
            m -> {
              if (m.body().type() == EventType.CLOSED) {
                at.compareAndSet(0, System.nanoTime());
              }
            });
  }

  /** The local load with deployments that end {@link #SLOW_START_MS} late. */
  private static final class SlowStart implements LoadBackend {
    private final LocalBackend local;
    private final AtomicLong deployedNanos = new AtomicLong();
    private volatile long rampOriginNanos;

    SlowStart(LocalBackend local) {
      this.local = local;
    }

    @Override
    public Vertx createVertx() {
      return local.createVertx();
    }

    @Override
    public Future<Void> prepare(Vertx vertx) {
      return local.prepare(vertx);
    }

    @Override
    public Future<Long> start(
        Vertx vertx,
        Addresses addresses,
        List<ConnectionOptions> endpoints,
        Consumer<String> endRun) {
      deployedNanos.set(System.nanoTime());
      local.beforeRamp(
          verticles -> vertx.timer(SLOW_START_MS, TimeUnit.MILLISECONDS).<Void>mapEmpty());
      return local
          .start(vertx, addresses, endpoints, endRun)
          .onSuccess(origin -> rampOriginNanos = origin);
    }

    @Override
    public Future<Void> stopSending(Duration grace) {
      return local.stopSending(grace);
    }

    @Override
    public Future<Void> close() {
      return local.close();
    }
  }
}
