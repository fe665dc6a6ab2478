package dev.wsmon.testkit.impl;

import java.util.ArrayDeque;

/**
 * The order in which a push feed emits sequence numbers, from 1, with gaps, duplicates and swaps
 * injected every N-th number. Gap wins over reorder, which wins over duplicate.
 */
public final class PushSequencer {

  private final int gapEvery;
  private final int dupEvery;
  private final int reorderEvery;
  private final ArrayDeque<Long> ready = new ArrayDeque<>(4);
  private long seq;
  private long held;

  public PushSequencer(int gapEvery, int dupEvery, int reorderEvery) {
    this.gapEvery = gapEvery;
    this.dupEvery = dupEvery;
    this.reorderEvery = reorderEvery;
  }

  /** The next sequence number to send. */
  public long next() {
    while (ready.isEmpty()) {
      advance();
    }
    return ready.poll();
  }

  private void advance() {
    long s = ++seq;
    if (every(gapEvery, s)) {
      return;
    }
    if (held == 0 && every(reorderEvery, s)) {
      held = s;
      return;
    }
    emit(s);
    if (held != 0) {
      emit(held);
      held = 0;
    }
  }

  private void emit(long s) {
    ready.add(s);
    if (every(dupEvery, s)) {
      ready.add(s);
    }
  }

  private static boolean every(int n, long s) {
    return n > 0 && s % n == 0;
  }
}
