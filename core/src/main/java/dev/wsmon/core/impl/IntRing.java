package dev.wsmon.core.impl;

/** A growable FIFO of ints that allocates only when it grows. */
final class IntRing {

  private int[] items = new int[2];
  private int head;
  private int size;

  void add(int value) {
    if (size == items.length) {
      int[] grown = new int[items.length * 2];
      for (int i = 0; i < size; i++) {
        grown[i] = items[(head + i) % items.length];
      }
      items = grown;
      head = 0;
    }
    items[(head + size) % items.length] = value;
    size++;
  }

  int poll() {
    if (size == 0) {
      return 0;
    }
    int value = items[head];
    head = (head + 1) % items.length;
    size--;
    return value;
  }

  int size() {
    return size;
  }
}
