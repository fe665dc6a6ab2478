package dev.wsmon.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ConnectionVerticle;
import dev.wsmon.core.ConnectionVerticleOptions;
import dev.wsmon.core.EventType;
import dev.wsmon.core.FeedOptions;
import dev.wsmon.core.WsmonCodecs;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
@DisplayName("feed stats from real connections to a pushing echo server")
class FeedTrackingTest {

  private static JsonObject feed(StatsTrackerVerticle tracker) {
    JsonObject total = tracker.snapshot().await().total();
    return total.getJsonObject("feed");
  }

  private static void awaitUntil(Vertx vertx, Predicate<Void> condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.test(null)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      vertx.timer(20).await();
    }
  }

  @Test
  @DisplayName("gaps, duplicates and reorders reach the feed object; STALE reaches the history")
  void feedAndStale(Vertx vertx) {
    WsmonCodecs.register(vertx);
    StatsTrackerVerticle tracker =
        new StatsTrackerVerticle(new TrackerOptions().setLogStats(false));
    vertx.deployVerticle(tracker).await();
    EchoServer pushing =
        EchoServer.deploy(
                vertx,
                new EchoServerOptions()
                    .setFaults(FaultSpec.parse("push=500/s:gap-every=10:dup-every=7")))
            .await();
    EchoServer quiet = EchoServer.deploy(vertx).await();
    ConnectionVerticle client =
        new ConnectionVerticle(
            new ConnectionVerticleOptions()
                .setFlushInterval(Duration.ofMillis(50))
                .addEndpoint(
                    new ConnectionOptions(pushing.uri("/feed"))
                        .setGroup("feed")
                        .setFeedOptions(new FeedOptions().setSeqField("seq").setTsField("ts")))
                .addEndpoint(
                    new ConnectionOptions(quiet.uri("/quiet"))
                        .setGroup("quiet")
                        .setFeedOptions(new FeedOptions().setMaxSilence(Duration.ofMillis(100))))
                .addEndpoint(new ConnectionOptions(quiet.uri("/plain")).setGroup("plain")));
    vertx.deployVerticle(client).await();

    awaitUntil(
        vertx,
        v -> {
          JsonObject f = feed(tracker);
          return f != null && f.getLong("gaps") >= 5 && f.getBoolean("stale");
        },
        "gaps and a stale feed");
    JsonObject snapshot = tracker.snapshot().await().toJson();
    JsonObject feed = snapshot.getJsonObject("groups").getJsonObject("feed").getJsonObject("feed");
    assertThat(feed.getLong("duplicates")).isPositive();
    assertThat(feed.getLong("out_of_order")).isZero();
    assertThat(feed.getLong("missing")).isEqualTo(feed.getLong("gaps"));
    assertThat(feed.getJsonObject("e2e_latency_ms").getLong("count")).isPositive();
    assertThat(feed.getJsonObject("inter_arrival_ms").getLong("count")).isPositive();
    assertThat(feed.getBoolean("stale")).isFalse();
    assertThat(
            snapshot
                .getJsonObject("groups")
                .getJsonObject("quiet")
                .getJsonObject("feed")
                .getBoolean("stale"))
        .isTrue();
    assertThat(snapshot.getJsonObject("groups").getJsonObject("plain").containsKey("feed"))
        .isFalse();
    assertThat(tracker.history(100).await())
        .extracting(ConnectionEvent::type)
        .contains(EventType.STALE);
    awaitUntil(
        vertx,
        v -> tracker.series().await().stream().anyMatch(p -> p.getLong("feed_gaps", 0L) > 0),
        "a series point with feed_gaps");

    vertx.undeploy(client.deploymentID()).await();
    pushing.close().await();
    quiet.close().await();
  }
}
