package dev.wsmon.core.impl;

import io.vertx.core.Promise;

/** A request awaiting its reply. */
final class PendingRequest {
  final String payload;
  final String key;
  final long sentAt;
  final long deadline;
  final long timeoutNanos;
  final Promise<String> promise;

  PendingRequest(String payload, String key, long sentAt, long timeoutNanos, Promise<String> p) {
    this.payload = payload;
    this.key = key;
    this.sentAt = sentAt;
    this.timeoutNanos = timeoutNanos;
    this.deadline = sentAt + timeoutNanos;
    this.promise = p;
  }
}
