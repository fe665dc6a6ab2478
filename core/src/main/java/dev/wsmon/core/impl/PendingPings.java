package dev.wsmon.core.impl;

/**
 * The pings awaiting their pong: a small ring of sequence numbers and send times. It starts with
 * room for 2 (one ping is usually pending at a time) and grows to {@link #CAPACITY}, so a held
 * connection carries 2 × 32 bytes here rather than 2 × 144.
 */
class PendingPings {

  static final int CAPACITY = 16;

  private long[] seqs = new long[2];
  private long[] sentAt = new long[2];
  private int head;
  private int size;

  boolean isFull() {
    return size == CAPACITY;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void add(long seq, long nanos) {
    if (size == seqs.length) {
      int n = Math.min(CAPACITY, seqs.length * 2);
      long[] s = new long[n];
      long[] t = new long[n];
      for (int k = 0; k < size; k++) {
        s[k] = seqs[(head + k) % seqs.length];
        t[k] = sentAt[(head + k) % seqs.length];
      }
      seqs = s;
      sentAt = t;
      head = 0;
    }
    int i = (head + size) % seqs.length;
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
      int i = (head + k) % seqs.length;
      if (seqs[i] == seq) {
        long sent = sentAt[i];
        head = (i + 1) % seqs.length;
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
