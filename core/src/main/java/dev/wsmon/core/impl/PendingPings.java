package dev.wsmon.core.impl;

/**
 * The pings awaiting their pong. Their sequence numbers follow each other, so only the oldest's is
 * kept; the send time of a lone pending ping (the usual case: a pong comes long before the next
 * ping) sits in a field, and a ring of send times, up to {@link #CAPACITY}, exists only once two
 * are pending at a time. A held connection carries 40 bytes here.
 */
class PendingPings {

  static final int CAPACITY = 16;

  private long firstSeq;
  private long firstSentAt;
  // created when a second ping is pending; from then on the send times live here
  private long[] ring;
  private int head;
  private int size;

  boolean isFull() {
    return size == CAPACITY;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /**
   * Adds a ping sent at {@code nanos}.
   *
   * @param seq its sequence number: the next after the youngest pending one
   * @throws IllegalStateException when full
   * @throws IllegalArgumentException when {@code seq} does not follow the youngest pending ping
   */
  void add(long seq, long nanos) {
    if (size == CAPACITY) {
      throw new IllegalStateException("already " + CAPACITY + " pings pending");
    }
    if (size == 0) {
      firstSeq = seq;
    } else if (seq != firstSeq + size) {
      throw new IllegalArgumentException(
          "ping " + seq + " does not follow ping " + (firstSeq + size - 1));
    }
    if (ring == null && size == 0) {
      firstSentAt = nanos;
      size = 1;
      return;
    }
    if (ring == null) {
      ring = new long[2];
      ring[0] = firstSentAt;
      head = 0;
    } else if (size == ring.length) {
      long[] grown = new long[Math.min(CAPACITY, ring.length * 2)];
      for (int k = 0; k < size; k++) {
        grown[k] = ring[(head + k) % ring.length];
      }
      ring = grown;
      head = 0;
    }
    ring[(head + size) % ring.length] = nanos;
    size++;
  }

  /** The send time of the oldest pending ping; only when not empty. */
  long oldestSentAt() {
    return ring == null ? firstSentAt : ring[head];
  }

  /**
   * Acknowledges {@code seq} and every older ping.
   *
   * @return the send time of {@code seq}, or -1 when it is not pending (unsolicited pong)
   */
  long acknowledge(long seq) {
    long k = seq - firstSeq;
    if (size == 0 || k < 0 || k >= size) {
      return -1;
    }
    long sent;
    if (ring == null) {
      sent = firstSentAt;
    } else {
      int i = (int) ((head + k) % ring.length);
      sent = ring[i];
      head = (i + 1) % ring.length;
    }
    size -= (int) k + 1;
    firstSeq = seq + 1;
    return sent;
  }

  void clear() {
    head = 0;
    size = 0;
  }
}
