package dev.wsmon.core.impl;

import io.vertx.core.Completable;
import java.util.Collection;

/**
 * A request awaiting its reply. It is also the listener of its own write, so a request costs no
 * lambda (and, being a {@link Completable}, no adapter in {@code Future.onComplete}): a failed
 * write removes it from the pending requests and fails it. Its outcome goes to one listener, once.
 */
final class PendingRequest implements Completable<Void> {
  /** The request text; null for a binary request. */
  final String payload;

  final String key;

  /** When it was handed to the socket ({@code System.nanoTime()}). */
  final long sentAt;

  /** When it was due: {@link #sentAt} unless {@link #scheduled}. */
  final long intendedAt;

  /** Whether it was sent on a schedule (a rate), so that its send lag is measured. */
  final boolean scheduled;

  final long deadline;
  final long timeoutNanos;
  private final Completable<Object> listener;
  private final Collection<PendingRequest> pending;
  private boolean settled;

  /** Whether its write completed: it left, so it ends answered, timed out or abandoned. */
  boolean written;

  private Runnable outcomeIfWritten;
  private String endReason;

  /**
   * The connection's write accounting, when this request is the only listener of its socket write
   * (set by the connection before listening); null when the request listens to a send future that
   * the connection accounts for itself (a queued send, a send that failed at once).
   */
  Completable<Void> writeAccounting;

  PendingRequest(
      String payload,
      String key,
      long sentAt,
      long intendedAt,
      boolean scheduled,
      long timeoutNanos,
      Completable<?> listener,
      Collection<PendingRequest> pending) {
    this.payload = payload;
    this.key = key;
    this.sentAt = sentAt;
    this.intendedAt = intendedAt;
    this.scheduled = scheduled;
    this.timeoutNanos = timeoutNanos;
    this.deadline = sentAt + timeoutNanos;
    @SuppressWarnings("unchecked")
    Completable<Object> any = (Completable<Object>) listener;
    this.listener = any;
    this.pending = pending;
  }

  /** The reply came; the listener gets it unless the request already ended. */
  void replied(Object reply) {
    if (!settled) {
      settled = true;
      listener.complete(reply, null);
    }
  }

  /**
   * The request ended without a reply; the listener gets {@code reason} unless it already ended.
   */
  void failed(String reason) {
    if (!settled) {
      settled = true;
      listener.fail(reason);
    }
  }

  /**
   * Ends the request (it timed out, or its connection closed) while its write is still under way:
   * when the write succeeds, {@code outcome} counts it and the listener gets {@code reason}; when
   * it fails, the request was never sent (a send failure, counted by the write accounting).
   */
  void endWhenWritten(Runnable outcome, String reason) {
    outcomeIfWritten = outcome;
    endReason = reason;
  }

  /**
   * The write ended: on success the request has left (one that already ended counts its outcome
   * now); on failure the request ends, not sent.
   */
  @Override
  public void complete(Void result, Throwable failure) {
    Completable<Void> accounting = writeAccounting;
    if (accounting != null) {
      accounting.complete(result, failure);
    }
    Runnable outcome = outcomeIfWritten;
    outcomeIfWritten = null;
    if (failure == null) {
      written = true;
      if (outcome != null) {
        outcome.run();
        failed(endReason);
      }
    } else if (outcome != null || pending.remove(this)) {
      failed("request not sent: " + failure.getMessage());
    }
  }
}
