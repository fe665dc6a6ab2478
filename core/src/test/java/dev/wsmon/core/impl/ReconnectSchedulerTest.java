package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.ReconnectPolicy;
import dev.wsmon.core.impl.ReconnectScheduler.Next;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("ReconnectScheduler: whether and when a connection tries again")
class ReconnectSchedulerTest {

  private static ReconnectPolicy policy() {
    return new ReconnectPolicy()
        .setMaxReconnectAttempts(2)
        .setReconnectDelay(Duration.ofMillis(100))
        .setMaxReconnectDelay(Duration.ofSeconds(1))
        .setJitter(0)
        .setStableAfter(Duration.ofSeconds(10));
  }

  @Test
  @DisplayName("retries until maxReconnectAttempts, with a doubling delay, then gives up")
  void retriesThenGivesUp(Vertx vertx) {
    ReconnectScheduler r = new ReconnectScheduler(policy());

    Next first = r.decide(false, null);
    assertThat(first.state()).isEqualTo(ConnectionState.RECONNECTING);
    assertThat(r.nextDelay(first, null)).isEqualTo(Duration.ofMillis(100));
    assertThat(r.retries()).isEqualTo(1);
    assertThat(r.recovering()).isTrue();
    assertThat(r.nextDelay(r.decide(false, null), null)).isEqualTo(Duration.ofMillis(200));

    Next third = r.decide(false, null);
    assertThat(third.state()).isEqualTo(ConnectionState.GAVE_UP);
    assertThat(third.giveUpReason()).isEqualTo("gave up after 2 reconnect attempts");

    r.restart();
    assertThat(r.retries()).isZero();
    assertThat(r.recovering()).isFalse();
  }

  @Test
  @DisplayName(
      "wsmon's own close and autoReconnect off end in CLOSED; a refusal is not retried"
          + " unless retryRefusals, then at maxReconnectDelay")
  void closedAndRefusals(Vertx vertx) {
    assertThat(new ReconnectScheduler(policy()).decide(true, null).state())
        .isEqualTo(ConnectionState.CLOSED);
    assertThat(new ReconnectScheduler(policy().setAutoReconnect(false)).decide(false, null).state())
        .isEqualTo(ConnectionState.CLOSED);

    Next refused = new ReconnectScheduler(policy()).decide(false, "HTTP 401");
    assertThat(refused.state()).isEqualTo(ConnectionState.GAVE_UP);
    assertThat(refused.giveUpReason()).isEqualTo("HTTP 401 is not retried");

    ReconnectScheduler slow = new ReconnectScheduler(policy().setRetryRefusals(true));
    Next retried = slow.decide(false, "HTTP 401");
    assertThat(retried.state()).isEqualTo(ConnectionState.RECONNECTING);
    assertThat(slow.nextDelay(retried, null)).isEqualTo(Duration.ofSeconds(1));
    assertThat(ReconnectScheduler.why(retried, null))
        .isEqualTo("HTTP 401 refused; retried at maxReconnectDelay");
  }

  @Test
  @DisplayName("a longer Retry-After replaces the backoff delay and is named in the event")
  void retryAfter(Vertx vertx) {
    ReconnectScheduler r = new ReconnectScheduler(policy());
    Next next = r.decide(false, null);
    assertThat(r.nextDelay(next, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    assertThat(r.nextDelay(next, Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(200));
    assertThat(ReconnectScheduler.why(next, Duration.ofSeconds(3))).isEqualTo("Retry-After 3s");
    assertThat(ReconnectScheduler.why(next, null)).isNull();
  }

  @Test
  @DisplayName("the retry count resets only after a session of stableAfter")
  void stableSession(Vertx vertx) {
    ReconnectScheduler r = new ReconnectScheduler(policy());
    r.nextDelay(r.decide(false, null), null);
    r.sessionEnded(9_999);
    assertThat(r.retries()).isEqualTo(1);
    r.sessionEnded(10_000);
    assertThat(r.retries()).isZero();
  }

  @Test
  @DisplayName("a scheduled attempt runs after its delay; a cancelled one never does")
  void scheduleAndCancel(Vertx vertx, VertxTestContext ctx) {
    ReconnectScheduler cancelled = new ReconnectScheduler(policy());
    ReconnectScheduler kept = new ReconnectScheduler(policy());
    Promise<Void> ran = Promise.promise();
    vertx.runOnContext(
        v ->
            ctx.verify(
                () -> {
                  cancelled.schedule(
                      vertx, Duration.ofMillis(1), () -> ctx.failNow("cancelled attempt ran"));
                  assertThat(cancelled.isScheduled()).isTrue();
                  cancelled.cancel(vertx);
                  assertThat(cancelled.isScheduled()).isFalse();
                  // longer than the cancelled one: had that not been cancelled, it ran first
                  kept.schedule(
                      vertx,
                      Duration.ofMillis(50),
                      () -> {
                        kept.fired();
                        ran.complete();
                      });
                }));
    ran.future()
        .onComplete(
            ctx.succeeding(
                v ->
                    ctx.verify(
                        () -> {
                          assertThat(kept.isScheduled()).isFalse();
                          ctx.completeNow();
                        })));
  }
}
