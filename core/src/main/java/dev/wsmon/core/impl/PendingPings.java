package dev.wsmon.core.impl;

/** The pings awaiting their pong: a small table of sequence numbers and send times. */
final class PendingPings {

  static final int CAPACITY = 16;

  private final long[] seqs = new long[CAPACITY];
  private final long[] sentAt = new long[CAPACITY];
  private int head;
  private int size;

  boolean isFull() {
    return size == CAPACITY;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void add(long seq, long nanos) {
    int i = (head + size) % CAPACITY;
    seqs[i] = seq;
    sentAt[i] = nanos;
    size++;
  }

  /** The send time of the oldest pending ping; only when not empty. */
  long oldestSentAt() {
    return sentAt[head];
  }

  /**
   * Acknowledges {@code seq} and every older ping.
   *
   * @return the send time of {@code seq}, or -1 when it is not pending (unsolicited pong)
   */
  long acknowledge(long seq) {
    for (int k = 0; k < size; k++) {
      int i = (head + k) % CAPACITY;
      if (seqs[i] == seq) {
        long sent = sentAt[i];
        head = (i + 1) % CAPACITY;
        size -= k + 1;
        return sent;
      }
    }
    return -1;
  }

  void clear() {
    head = 0;
    size = 0;
  }
}
