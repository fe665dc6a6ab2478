package dev.wsmon.core.impl;

import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.Durations;
import dev.wsmon.core.ReconnectPolicy;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Whether and when a connection tries again, under its {@link ReconnectPolicy}: the retry count
 * (reset after a stable session), the backoff delay with jitter, {@code Retry-After} and refusals
 * retried slowly, and the one pending backoff timer. Event loop only.
 */
final class ReconnectScheduler {

  /** What follows a failure; {@code refusal} names a refusal retried slowly. */
  record Next(ConnectionState state, String giveUpReason, String refusal) {}

  private final ReconnectPolicy policy;
  private boolean recovering;
  private int retries;
  private long backoffTimer = -1;
  private boolean ended;

  ReconnectScheduler(ReconnectPolicy policy) {
    this.policy = policy;
  }

  ReconnectPolicy policy() {
    return policy;
  }

  /** Retries since the last stable session (0 before the first retry). */
  int retries() {
    return retries;
  }

  /** Whether the next attempt is a reconnect (an attempt after a failure or a loss). */
  boolean recovering() {
    return recovering;
  }

  boolean isScheduled() {
    return backoffTimer >= 0;
  }

  /** The connection opened: the next loss starts a new recovery. */
  void connected() {
    recovering = false;
  }

  /** Whether {@link #end} was called: no attempt starts any more. */
  boolean ended() {
    return ended;
  }

  /** The run ended: the scheduled attempt is cancelled and no later one is scheduled. */
  void end(Vertx vertx) {
    ended = true;
    cancel(vertx);
  }

  /** A connect asked for after the end (CLOSED, GAVE_UP): a fresh start. */
  void restart() {
    recovering = false;
    retries = 0;
  }

  /** A session of {@code sessionMs} ended: a stable one resets the retry count. */
  void sessionEnded(double sessionMs) {
    if (sessionMs * 1_000_000 >= policy.getStableAfter().toNanos()) {
      retries = 0;
    }
  }

  /**
   * @param closedByUs whether wsmon closed the connection itself
   * @param refusal the reason of a refusal the policy does not retry (a status in {@code
   *     nonRetriedStatuses}, a code in {@code nonRetriedCloseCodes}), or {@code null}
   */
  Next decide(boolean closedByUs, String refusal) {
    if (closedByUs || ended) {
      return new Next(ConnectionState.CLOSED, null, null);
    }
    if (!policy.isAutoReconnect()) {
      return new Next(ConnectionState.CLOSED, null, null);
    }
    if (refusal != null && !policy.isRetryRefusals()) {
      return new Next(ConnectionState.GAVE_UP, refusal + " is not retried", null);
    }
    if (!policy.hasRetriesLeft(retries)) {
      return new Next(
          ConnectionState.GAVE_UP,
          "gave up after " + policy.getMaxReconnectAttempts() + " reconnect attempts",
          null);
    }
    return new Next(ConnectionState.RECONNECTING, null, refusal);
  }

  /** Counts one more retry and picks its delay ({@code retryAfter} when longer, or null). */
  Duration nextDelay(Next next, Duration retryAfter) {
    retries++;
    recovering = true;
    double random = ThreadLocalRandom.current().nextDouble();
    Duration delay =
        next.refusal != null ? policy.refusalDelay(random) : policy.delay(retries, random);
    if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
      delay = retryAfter;
    }
    return delay;
  }

  /** Why the delay is what it is, for the event; {@code null} for a plain backoff. */
  static String why(Next next, Duration retryAfter) {
    return next.refusal != null
        ? next.refusal + " refused; retried at maxReconnectDelay"
        : retryAfter != null ? "Retry-After " + Durations.format(retryAfter) : null;
  }

  /** Runs {@code attempt} after {@code delay}. */
  void schedule(Vertx vertx, Duration delay, Runnable attempt) {
    backoffTimer = vertx.setTimer(Math.max(1, delay.toMillis()), t -> attempt.run());
  }

  /** The scheduled attempt runs now (or no attempt was scheduled). */
  void fired() {
    backoffTimer = -1;
  }

  /** Cancels the scheduled attempt, if any. */
  void cancel(Vertx vertx) {
    if (backoffTimer >= 0) {
      vertx.cancelTimer(backoffTimer);
      backoffTimer = -1;
    }
  }
}
