package dev.wsmon.core.impl;

import io.vertx.core.Completable;
import io.vertx.core.Future;

/**
 * The writes handed to one socket whose outcome is still to be counted, oldest first, each with a
 * {@code long} tag. Each write is reported once, in order, with its own outcome, read from its
 * future. A socket completes its writes in the order they were made, so one listener watches a
 * batch: it sits on one pending write (the newest when it is armed), and when it fires every write
 * completed by then is reported. A listener per write would cost a context hop in Vert.x's future
 * for each message. On the socket's event loop only.
 */
final class PendingWrites implements Completable<Object> {

  /** Receives each write's outcome. */
  interface Sink {

    /**
     * A write completed.
     *
     * @param tag the tag it was added with
     * @param failure why it failed, or {@code null} when it was written
     */
    void completed(long tag, Throwable failure);
  }

  private final Sink sink;
  private Future<?>[] futures = new Future<?>[4];
  private long[] tags = new long[4];
  private int head;
  private int size;
  private boolean armed;
  private boolean reporting;
  private long wakeUps;

  PendingWrites(Sink sink) {
    this.sink = sink;
  }

  /** Writes not yet reported. */
  int size() {
    return size;
  }

  /** How often the watching listener fired (for tests: about once per batch, not per write). */
  long wakeUps() {
    return wakeUps;
  }

  /** Adds a write (its future as the socket returned it); reported once it completes. */
  void add(Future<?> written, long tag) {
    if (size == futures.length) {
      grow();
    }
    int slot = (head + size) & (futures.length - 1);
    futures[slot] = written;
    tags[slot] = tag;
    size++;
    if (!armed) {
      armed = true;
      written.onComplete(this);
    }
  }

  /** The watched write completed: reports every write completed by now. */
  @Override
  public void complete(Object ignored, Throwable failure) {
    armed = false;
    wakeUps++;
    if (!reporting) {
      report();
    }
  }

  private void report() {
    reporting = true;
    try {
      while (size > 0) {
        Future<?> f = futures[head];
        Throwable failure;
        if (f.succeeded()) {
          failure = null;
        } else if (f.failed()) {
          failure = f.cause();
        } else {
          break;
        }
        long tag = tags[head];
        futures[head] = null;
        head = (head + 1) & (futures.length - 1);
        size--;
        // may add writes (a request sent from a failed one's listener): they join the ring
        sink.completed(tag, failure);
      }
    } finally {
      reporting = false;
    }
    if (size > 0 && !armed) {
      arm();
    }
  }

  /**
   * Watches the newest write, which completes after all the others; or, when it already completed
   * out of order (it failed at once), the oldest, which this report stopped at.
   */
  private void arm() {
    armed = true;
    Future<?> newest = futures[(head + size - 1) & (futures.length - 1)];
    Future<?> target = size > 1 && newest.isComplete() ? futures[head] : newest;
    target.onComplete(this);
  }

  private void grow() {
    int n = futures.length;
    Future<?>[] f = new Future<?>[n * 2];
    long[] t = new long[n * 2];
    for (int i = 0; i < size; i++) {
      f[i] = futures[(head + i) & (n - 1)];
      t[i] = tags[(head + i) & (n - 1)];
    }
    futures = f;
    tags = t;
    head = 0;
  }
}
