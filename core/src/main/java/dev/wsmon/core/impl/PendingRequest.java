package dev.wsmon.core.impl;

import io.vertx.core.Completable;
import java.util.Collection;

/**
 * A request awaiting its reply. It is also the listener of its own write, so a request costs no
 * lambda (and, being a {@link Completable}, no adapter in {@code Future.onComplete}): a failed
 * write removes it from the pending requests and fails it. Its outcome goes to one listener, once.
 */
final class PendingRequest implements Completable<Void> {
  final String payload;
  final String key;
  final long sentAt;
  final long deadline;
  final long timeoutNanos;
  private final Completable<? super String> listener;
  private final Collection<PendingRequest> pending;
  private boolean settled;

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
      long timeoutNanos,
      Completable<? super String> listener,
      Collection<PendingRequest> pending) {
    this.payload = payload;
    this.key = key;
    this.sentAt = sentAt;
    this.timeoutNanos = timeoutNanos;
    this.deadline = sentAt + timeoutNanos;
    this.listener = listener;
    this.pending = pending;
  }

  /** The reply came; the listener gets it unless the request already ended. */
  void replied(String reply) {
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

  /** The write ended: nothing to do on success; on failure the request ends with the reason. */
  @Override
  public void complete(Void result, Throwable failure) {
    Completable<Void> accounting = writeAccounting;
    if (accounting != null) {
      accounting.complete(result, failure);
    }
    if (failure != null && pending.remove(this)) {
      failed("request not sent: " + failure.getMessage());
    }
  }
}
