package dev.wsmon.wrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.EventType;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.support.Waits;
import dev.wsmon.tracker.StatsSnapshot;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("TestingWrapper")
@Timeout(60)
class TestingWrapperTest {

  private EchoServer server;

  @BeforeEach
  void startServer(Vertx vertx) {
    server = EchoServer.deploy(vertx).await();
  }

  @AfterEach
  void stopServer() {
    server.close().await();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  @DisplayName("a new wrapper reports zeros and not connected, with the seed's defaults")
  void newWrapperReportsZeros() {
    TestingWrapper wrapper = TestingWrapper.builder().uri(server.uri("/")).build();
    assertThat(wrapper.connections()).isEmpty();
    assertThatThrownBy(wrapper::client).isInstanceOf(IllegalStateException.class);
    StatsSnapshot stats = wrapper.stats().await();
    JsonObject total = stats.total();
    assertThat(total.getLong("connection_attempts")).isZero();
    assertThat(total.getLong("successful_connections")).isZero();
    assertThat(total.getLong("messages_sent")).isZero();
    assertThat(total.getBoolean("is_connected")).isFalse();
    assertThat(total.getValue("success_rate")).isNull();
    ConnectionOptions endpoint = wrapper.endpoints().get(0);
    assertThat(endpoint.getConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(endpoint.getReconnectPolicy().getMaxReconnectAttempts()).isEqualTo(5);
    assertThat(endpoint.getReconnectPolicy().getReconnectDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(endpoint.getReconnectPolicy().isAutoReconnect()).isTrue();
    assertThat(wrapper.trackerOptions().getStatsInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(wrapper.trackerOptions().isLogStats()).isTrue();
    assertThat(wrapper.trackerOptions().isTrackEvents()).isTrue();
    wrapper.stopAndShutdown().await();
  }

  @Test
  @DisplayName("an unreachable target: start() succeeds, 3 attempts, 0 successes, GAVE_UP")
  void unreachableTargetGivesUp(Vertx vertx) throws Exception {
    Promise<ConnectionEvent> gaveUp = Promise.promise();
    vertx
        .eventBus()
        .<ConnectionEvent>consumer("unreachable.events")
        .handler(
            m -> {
              if (m.body().type() == EventType.GAVE_UP) {
                gaveUp.tryComplete(m.body());
              }
            })
        .completion()
        .await();
    TestingWrapper wrapper =
        TestingWrapper.builder()
            .vertx(vertx)
            .namespace("unreachable")
            .uri("ws://127.0.0.1:" + freePort() + "/")
            .maxReconnectAttempts(2)
            .reconnectDelay(Duration.ofMillis(20))
            .connectionTimeout(Duration.ofSeconds(2))
            .logStats(false)
            .build();
    wrapper.start().await();
    assertThat(gaveUp.future().await().connectionId()).isEqualTo("c-1");
    StatsSnapshot stats = wrapper.stats().await();
    JsonObject total = stats.total();
    assertThat(total.getLong("connection_attempts")).isEqualTo(3);
    assertThat(total.getLong("successful_connections")).isZero();
    assertThat(total.getLong("failed_connections")).isEqualTo(3);
    assertThat(total.getBoolean("is_connected")).isFalse();
    assertThat(stats.connection("c-1").orElseThrow().getString("state")).isEqualTo("GAVE_UP");
    assertThat(wrapper.client().state().name()).isEqualTo("GAVE_UP");
    StatsSnapshot last = wrapper.stopAndShutdown().await();
    assertThat(last.total().getLong("successful_connections")).isZero();
  }

  @Test
  @DisplayName("send, request and messages through client(); exports hold the documented keys")
  void clientAndExports(Vertx vertx) {
    TestingWrapper wrapper =
        TestingWrapper.builder().vertx(vertx).namespace("exports").uri(server.uri("/")).build();
    wrapper.start().await();
    wrapper.awaitConnected(Duration.ofSeconds(10)).await();
    Promise<String> seen = Promise.promise();
    Promise<String> echoed = Promise.promise();
    wrapper
        .client()
        .textMessageHandler(
            text -> {
              seen.tryComplete(text);
              if (text.equals("one more")) {
                echoed.tryComplete(text);
              }
            });
    assertThat(wrapper.client().request("Hello, Testing World!", Duration.ofSeconds(5)).await())
        .isEqualTo("Hello, Testing World!");
    assertThat(seen.future().await()).isEqualTo("Hello, Testing World!");
    wrapper.client().sendText("one more").await();
    echoed.future().await();
    StatsSnapshot last = wrapper.stopAndShutdown().await();
    JsonObject total = last.total();
    assertThat(total.getLong("messages_sent")).isEqualTo(2);
    assertThat(total.getLong("messages_received")).isEqualTo(2);
    assertThat(total.getJsonObject("rtt_ms").getLong("count")).isEqualTo(1);
    assertThat(total.getLong("disconnections")).isZero();
    assertThat(total.getValue("scheduled_calls")).isNull();
    assertThat(vertx.deploymentIDs()).hasSize(1); // only the echo server is left
  }

  @Test
  @DisplayName("exportJson and exportCsv hold the documented keys")
  void exportKeys(Vertx vertx) {
    TestingWrapper wrapper =
        TestingWrapper.builder().vertx(vertx).namespace("keys").uri(server.uri("/")).build();
    wrapper.start().await();
    wrapper.awaitConnected(Duration.ofSeconds(10)).await();
    JsonObject json = new JsonObject(wrapper.exportJson().await());
    assertThat(json.fieldNames())
        .contains(
            "generated_at", "started_at", "elapsed_seconds", "total", "groups", "connections");
    assertThat(json.getJsonObject("total").fieldNames())
        .contains(
            "connection_attempts",
            "successful_connections",
            "failed_connections",
            "disconnections",
            "reconnections",
            "avg_connection_latency_ms",
            "last_connection_latency_ms",
            "total_uptime_seconds",
            "current_uptime_seconds",
            "time_since_last_disconnection_seconds",
            "messages_sent",
            "messages_received",
            "bytes_sent",
            "bytes_received",
            "avg_messages_sent_per_second",
            "is_connected",
            "success_rate",
            "rtt_ms",
            "health_score");
    String csv = wrapper.exportCsv().await();
    String header = csv.lines().findFirst().orElseThrow();
    assertThat(header)
        .contains("connection_attempts", "messages_sent", "bytes_received", "rtt_ms_p99");
    assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith("total");
    String html = wrapper.exportHtml().await();
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<title>wsmon report</title>", "id=\"chart-connections\"", "<code>c-1</code>");
    wrapper.stopAndShutdown().await();
  }

  @Test
  @DisplayName("scheduled calls at / every / on-event are counted exactly")
  void scheduledCalls(Vertx vertx) {
    // network-dependent calls run on CONNECTED; at/every calls use actions, so that the counts do
    // not depend on how long the first connect takes on a loaded machine
    TestingWrapper wrapper =
        TestingWrapper.builder()
            .vertx(vertx)
            .namespace("calls")
            .uri(server.uri("/"))
            .scheduledCall(
                new ScheduledCall("hello")
                    .setOn(EventType.CONNECTED)
                    .setPayload("hello")
                    .setExpect("hello"))
            .scheduledCall(
                new ScheduledCall("custom")
                    .setOn(EventType.CONNECTED)
                    .setAction(c -> c.request("ping", Duration.ofSeconds(10))))
            .scheduledCall(
                new ScheduledCall("unanswered")
                    .setOn(EventType.CONNECTED)
                    .setPayload("unanswered")
                    .setExpect("never matches")
                    .setTimeout(Duration.ofMillis(300)))
            .scheduledCall(
                new ScheduledCall("once")
                    .setAt(Duration.ofMillis(200))
                    .setAction(c -> Future.succeededFuture()))
            .scheduledCall(
                new ScheduledCall("tick")
                    .setEvery(Duration.ofMillis(50))
                    .setMaxRuns(4)
                    .setAction(c -> vertx.timer(5)))
            .scheduledCall(
                new ScheduledCall("silent")
                    .setAt(Duration.ofMillis(100))
                    .setAction(c -> Promise.promise().future())
                    .setTimeout(Duration.ofMillis(300)))
            .scheduledCall(
                new ScheduledCall("broken")
                    .setAt(Duration.ofMillis(100))
                    .setAction(c -> Future.failedFuture("boom")))
            .build();
    wrapper.start().await();
    Waits.until(
            vertx,
            () -> wrapper.stats().map(s -> s.total().getJsonObject("scheduled_calls")),
            c ->
                done(c, "hello", 1)
                    && done(c, "custom", 1)
                    && done(c, "unanswered", 1)
                    && done(c, "once", 1)
                    && done(c, "tick", 4)
                    && done(c, "silent", 1)
                    && done(c, "broken", 1),
            Duration.ofSeconds(30))
        .await();
    StatsSnapshot last = wrapper.stopAndShutdown().await();
    JsonObject calls = last.total().getJsonObject("scheduled_calls");
    assertThat(calls.fieldNames())
        .containsExactly("hello", "custom", "unanswered", "once", "tick", "silent", "broken");
    assertCall(calls, "hello", 1, 1, 0, 0);
    assertCall(calls, "custom", 1, 1, 0, 0);
    assertCall(calls, "unanswered", 1, 0, 0, 1);
    assertCall(calls, "once", 1, 1, 0, 0);
    assertCall(calls, "tick", 4, 4, 0, 0);
    assertCall(calls, "silent", 1, 0, 0, 1);
    assertCall(calls, "broken", 1, 0, 1, 0);
    JsonObject latency = calls.getJsonObject("tick").getJsonObject("latency_ms");
    assertThat(latency.getLong("count")).isEqualTo(4);
    assertThat(latency.getDouble("p50")).isGreaterThanOrEqualTo(4.0);
    assertThat(latency.fieldNames())
        .containsExactly("count", "min", "mean", "p50", "p90", "p99", "p999", "max");
    assertThat(calls.getJsonObject("broken").getJsonObject("latency_ms").getValue("p50")).isNull();
    assertThat(last.total().getLong("messages_sent")).isEqualTo(3);
    assertThat(wrapper.exportCsv().recover(e -> Future.succeededFuture("stopped")).await())
        .isEqualTo("stopped");
  }

  private static boolean done(JsonObject calls, String name, long runs) {
    JsonObject c = calls.getJsonObject(name);
    return c.getLong("runs") == runs
        && c.getLong("ok") + c.getLong("failed") + c.getLong("timed_out") == runs;
  }

  private static void assertCall(
      JsonObject calls, String name, long runs, long ok, long failed, long timedOut) {
    JsonObject c = calls.getJsonObject(name);
    assertThat(c.getLong("runs")).as(name + " runs").isEqualTo(runs);
    assertThat(c.getLong("ok")).as(name + " ok").isEqualTo(ok);
    assertThat(c.getLong("failed")).as(name + " failed").isEqualTo(failed);
    assertThat(c.getLong("timed_out")).as(name + " timed_out").isEqualTo(timedOut);
  }

  @Test
  @DisplayName("stopAndShutdown returns the final stats quickly and leaves no Vert.x threads")
  void stopIsQuickAndClean() {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    TestingWrapper wrapper =
        TestingWrapper.builder().uri(server.uri("/")).connections(3).logStats(false).build();
    wrapper.start().await();
    wrapper.awaitConnected(Duration.ofSeconds(10)).await();
    for (int i = 0; i < 10; i++) {
      wrapper.client().request("m" + i, Duration.ofSeconds(5)).await();
    }
    long t0 = System.nanoTime();
    StatsSnapshot last = wrapper.stopAndShutdown().await();
    long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(elapsedMs).as("stopAndShutdown took %d ms", elapsedMs).isLessThan(3000);
    assertThat(last.total().getLong("messages_sent")).isEqualTo(10);
    assertThat(last.total().getLong("messages_received")).isEqualTo(10);
    assertThat(last.total().getLong("disconnections")).isZero();
    // judged as they were when the run ended, before wsmon's own close (as wsmon run does)
    assertThat(last.total().getLong("connected")).isEqualTo(3);
    assertThat(wrapper.stopAndShutdown().await()).isSameAs(last);
    Set<Thread> left =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
            .collect(Collectors.toSet());
    for (Thread t : left) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    assertThat(left.stream().filter(Thread::isAlive).map(Thread::getName)).isEmpty();
  }

  @Test
  void builderValidates() {
    assertThatThrownBy(() -> TestingWrapper.builder().build()).hasMessageContaining("uri");
    assertThatThrownBy(() -> TestingWrapper.builder().uri("http://x/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http://x/");
    assertThatThrownBy(() -> TestingWrapper.builder().connections(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                TestingWrapper.builder()
                    .scheduledCall(new ScheduledCall("a").setAt(Duration.ZERO).setPayload("x"))
                    .scheduledCall(new ScheduledCall("a").setAt(Duration.ZERO).setPayload("y")))
        .hasMessageContaining("'a'");
    assertThatThrownBy(() -> TestingWrapper.builder().scheduledCall(new ScheduledCall("b")))
        .hasMessageContaining("trigger");
  }
}
