package dev.wsmon.core.impl;

/** A growable FIFO of longs that allocates only when it grows. */
final class LongRing {

  private long[] items = new long[4];
  private int head;
  private int size;

  void add(long value) {
    if (size == items.length) {
      long[] grown = new long[items.length * 2];
      for (int i = 0; i < size; i++) {
        grown[i] = items[(head + i) & (items.length - 1)];
      }
      items = grown;
      head = 0;
    }
    items[(head + size) & (items.length - 1)] = value;
    size++;
  }

  /** The oldest value, removed; 0 when empty. */
  long poll() {
    if (size == 0) {
      return 0;
    }
    long value = items[head];
    head = (head + 1) & (items.length - 1);
    size--;
    return value;
  }

  int size() {
    return size;
  }
}
