package dev.wsmon.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.EventType;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import dev.wsmon.testkit.support.Waits;
import dev.wsmon.tracker.StatsSnapshot;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scheduled calls run on the scenario engine (one-step scenarios per trigger); these pin the rules
 * of docs/scenarios.md "Scheduled calls" against real servers.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("scheduled calls on the scenario engine")
@Timeout(60)
class ScheduledCallEngineTest {

  private EchoServer server;
  private TestingWrapper wrapper;
  private final List<String> failures = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (wrapper != null) {
      wrapper.stopAndShutdown().recover(e -> Future.succeededFuture()).await();
    }
    if (server != null) {
      server.close().await();
    }
  }

  private TestingWrapper.Builder wrapperOn(Vertx vertx, String faults, String namespace) {
    server =
        EchoServer.deploy(
                vertx,
                new EchoServerOptions()
                    .setFaults(faults.isEmpty() ? new FaultSpec() : new FaultSpec(List.of(faults))))
            .await();
    vertx
        .eventBus()
        .<ConnectionEvent>localConsumer(
            Addresses.of(namespace).events(),
            m -> {
              if (m.body().type() == EventType.STEP_FAILED) {
                failures.add(m.body().reason());
              }
            })
        .completion()
        .await();
    return TestingWrapper.builder()
        .vertx(vertx)
        .namespace(namespace)
        .logStats(false)
        .uri(server.uri("/"));
  }

  /** Starts the wrapper built by {@code builder} with {@code calls}. */
  private void start(TestingWrapper.Builder builder, ScheduledCall... calls) {
    for (ScheduledCall call : calls) {
      builder.scheduledCall(call);
    }
    wrapper = builder.build();
    wrapper.start().await();
  }

  /** Starts a wrapper on a server with {@code faults} with {@code calls}. */
  private void start(Vertx vertx, String faults, String namespace, ScheduledCall... calls) {
    start(wrapperOn(vertx, faults, namespace), calls);
  }

  /** A call triggered by each CONNECTED. */
  private static ScheduledCall onConnected(String name) {
    return new ScheduledCall(name).setOn(EventType.CONNECTED);
  }

  /** A call run once, on the first CONNECTED. */
  private static ScheduledCall once(String name) {
    return onConnected(name).setMaxRuns(1);
  }

  /** The stats of call {@code name} once its one run has ended. */
  private JsonObject endedOnce(Vertx vertx, String name) {
    return callsWhen(vertx, c -> ended(c, name, 1)).getJsonObject(name);
  }

  /** Waits until the STEP_FAILED reasons seen satisfy {@code done}. */
  private void failuresWhen(Vertx vertx, java.util.function.Predicate<List<String>> done) {
    Waits.until(vertx, () -> Future.succeededFuture(failures), done, timeout()).await();
  }

  private JsonObject callsWhen(Vertx vertx, java.util.function.Predicate<JsonObject> done) {
    return Waits.until(
            vertx,
            () -> wrapper.stats().map(s -> s.total().getJsonObject("scheduled_calls")),
            done,
            Duration.ofSeconds(20))
        .await();
  }

  private static boolean ended(JsonObject calls, String name, long runs) {
    JsonObject c = calls.getJsonObject(name);
    return c.getLong("runs") == runs && outcomes(c) == runs;
  }

  private static long outcomes(JsonObject call) {
    return call.getLong("ok") + call.getLong("failed") + call.getLong("timed_out");
  }

  @Test
  @DisplayName("runs overlap; runs still waiting at shutdown fail with 'closed', in the history")
  void overlappingRunsFailClosedAtShutdown(Vertx vertx) {
    start(
        vertx,
        "no-echo",
        "calls-closed",
        new ScheduledCall("unanswered")
            .setEvery(Duration.ofMillis(50))
            .setPayload("q")
            .setExpect("answer")
            .setTimeout(Duration.ofSeconds(50)));
    // triggers before the connection is up fail 'not connected'; the later ones wait together
    server.statsWhen(s -> s.messagesReceived() >= 3, Duration.ofSeconds(20)).await();
    callsWhen(vertx, c -> inFlight(c.getJsonObject("unanswered")) >= 3);

    StatsSnapshot last = wrapper.stopAndShutdown().await();
    JsonObject call = last.total().getJsonObject("scheduled_calls").getJsonObject("unanswered");
    assertThat(call.getLong("failed"))
        .as("closed (or not connected), counted, never dropped")
        .isEqualTo(call.getLong("runs"));
    assertThat(call.getLong("ok") + call.getLong("timed_out")).isZero();
    String closed = "scheduled call 'unanswered' failed at its expect: closed";
    failuresWhen(vertx, f -> f.contains(closed));
    assertThat(failures)
        .allSatisfy(
            reason ->
                assertThat(reason)
                    .isIn(closed, "scheduled call 'unanswered' failed: not connected"));
  }

  private static long inFlight(JsonObject call) {
    return call.getLong("runs") - outcomes(call);
  }

  @Test
  @DisplayName("a message answers the oldest matching run only; scenarios still see it")
  void oneMessageAnswersOneRun(Vertx vertx) {
    start(
        wrapperOn(vertx, "delay=100ms", "calls-claim")
            .scenario(
                new Scenario(
                    new JsonObject(
                        """
                        {"name": "watch", "onReconnect": "stop", "steps": [
                          {"expect": {"name": "sees-x", "regex": "^x$", "timeout": "10s"}},
                          {"expect": {"name": "sees-w", "regex": "^w$", "timeout": "10s"}}]}
                        """))),
        onConnected("a").setPayload("x").setExpect("x"),
        onConnected("b").setPayload("y").setExpect("[xy]"),
        onConnected("c").setPayload("w").setExpect("x").setTimeout(Duration.ofMillis(800)));
    JsonObject calls =
        callsWhen(vertx, c -> ended(c, "a", 1) && ended(c, "b", 1) && ended(c, "c", 1));
    assertThat(calls.getJsonObject("a").getLong("ok")).as("x answers the oldest run").isEqualTo(1);
    assertThat(calls.getJsonObject("b").getLong("ok")).as("y, x was taken").isEqualTo(1);
    assertThat(calls.getJsonObject("c").getLong("timed_out"))
        .as("x answered one run only")
        .isEqualTo(1);
    JsonObject steps =
        Waits.until(
                vertx,
                () -> wrapper.stats().map(s -> s.total().getJsonObject("scenario")),
                s -> s.getLong("completed") + s.getLong("failed") == 1,
                timeout())
            .await()
            .getJsonObject("steps");
    assertThat(steps.getJsonObject("sees-x").getLong("ok"))
        .as("calls take no message from a scenario")
        .isEqualTo(1);
    assertThat(steps.getJsonObject("sees-w").getLong("ok")).isEqualTo(1);
  }

  @Test
  @DisplayName("an expect waiting when its connection closes fails at once with 'closed'")
  void closeFailsTheWaitingRun(Vertx vertx) {
    start(
        vertx,
        "close-after=1:1000",
        "calls-close",
        once("lost").setPayload("q").setExpect("never").setTimeout(Duration.ofSeconds(50)));
    JsonObject lost = endedOnce(vertx, "lost");
    assertThat(lost.getLong("failed")).as("not a timeout 50 s later").isEqualTo(1);
    assertThat(lost.getLong("timed_out")).isZero();
    failuresWhen(vertx, f -> !f.isEmpty());
    assertThat(failures).containsExactly("scheduled call 'lost' failed at its expect: closed");
  }

  @Test
  @DisplayName("while not connected: a send fails 'not connected'; an action still runs")
  void notConnected(Vertx vertx) {
    AtomicInteger acted = new AtomicInteger();
    start(
        vertx,
        "no-upgrade",
        "calls-down",
        new ScheduledCall("early").setEvery(Duration.ofMillis(20)).setMaxRuns(2).setPayload("p"),
        new ScheduledCall("act")
            .setAt(Duration.ZERO)
            .setAction(c -> Future.succeededFuture(acted.incrementAndGet())),
        new ScheduledCall("act-expect")
            .setAt(Duration.ZERO)
            .setAction(c -> Future.succeededFuture(acted.incrementAndGet()))
            .setExpect("x"));
    JsonObject calls =
        callsWhen(
            vertx, c -> ended(c, "early", 2) && ended(c, "act", 1) && ended(c, "act-expect", 1));
    assertThat(calls.getJsonObject("early").getLong("failed")).isEqualTo(2);
    assertThat(calls.getJsonObject("act").getLong("ok")).isEqualTo(1);
    assertThat(calls.getJsonObject("act-expect").getLong("failed")).isEqualTo(1);
    assertThat(acted.get()).as("actions run whatever the state").isEqualTo(2);
    failuresWhen(vertx, f -> f.size() == 3);
    assertThat(failures)
        .containsExactlyInAnyOrder(
            "scheduled call 'early' failed: not connected",
            "scheduled call 'early' failed: not connected",
            "scheduled call 'act-expect' failed at its expect: not connected");
    assertThat(server.stats().messagesReceived()).isZero();
  }

  @Test
  @DisplayName("the expect's timeout starts when the action (the send) has completed")
  void expectTimeoutStartsAfterTheSend(Vertx vertx) {
    start(
        vertx,
        "delay=2500ms",
        "calls-slow",
        once("slow")
            // the echo comes 2.5 s after the send; the action ends 2 s after it
            .setAction(c -> c.sendText("slow").compose(v -> vertx.timer(2000)))
            .setExpect("slow")
            .setTimeout(Duration.ofMillis(2100)));
    JsonObject slow = endedOnce(vertx, "slow");
    assertThat(slow.getLong("ok")).as("2 s action + 2.1 s expect > 2.5 s echo").isEqualTo(1);
    assertThat(slow.getJsonObject("latency_ms").getDouble("min")).isGreaterThanOrEqualTo(2500.0);
  }

  @Test
  @DisplayName("a predicate that throws fails its run, naming the exception")
  void throwingPredicate(Vertx vertx) {
    start(
        vertx,
        "",
        "calls-predicate",
        once("picky")
            .setPayload("boom")
            .setExpectPredicate(
                text -> {
                  throw new IllegalStateException("cannot judge " + text);
                }));
    JsonObject picky = endedOnce(vertx, "picky");
    assertThat(picky.getLong("failed")).isEqualTo(1);
    failuresWhen(vertx, f -> !f.isEmpty());
    assertThat(failures)
        .containsExactly(
            "scheduled call 'picky' failed at its expect: expect failed: cannot judge boom");
  }

  private static Duration timeout() {
    return Duration.ofSeconds(10);
  }
}
