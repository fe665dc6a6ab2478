package dev.wsmon.core.impl;

import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import java.util.Collection;

/**
 * A request awaiting its reply. It is also the listener of its own write, so a request costs no
 * lambda: a failed write removes it from the pending requests and fails it.
 */
final class PendingRequest implements Handler<AsyncResult<Void>> {
  final String payload;
  final String key;
  final long sentAt;
  final long deadline;
  final long timeoutNanos;
  final Promise<String> promise;
  private final Collection<PendingRequest> pending;

  PendingRequest(
      String payload,
      String key,
      long sentAt,
      long timeoutNanos,
      Promise<String> p,
      Collection<PendingRequest> pending) {
    this.payload = payload;
    this.key = key;
    this.sentAt = sentAt;
    this.timeoutNanos = timeoutNanos;
    this.deadline = sentAt + timeoutNanos;
    this.promise = p;
    this.pending = pending;
  }

  /** The write ended: nothing to do on success; on failure the request ends with the reason. */
  @Override
  public void handle(AsyncResult<Void> written) {
    if (written.failed() && pending.remove(this)) {
      promise.tryFail("request not sent: " + written.cause().getMessage());
    }
  }
}
