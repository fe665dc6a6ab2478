package dev.wsmon.core.impl;

import dev.wsmon.core.Durations;
import dev.wsmon.core.internal.TrafficCounters;
import io.vertx.core.Completable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * A connection's requests awaiting replies: a ring of send times, deadlines and listeners (no
 * object per request), in send order. A reply is matched to the oldest request ({@link
 * #replyToOldest}), to the one with the same key ({@link #replyTo}: a JSON field, a protocol id, or
 * any key a caller derives from the payload), or to the first one a predicate accepts. Every
 * request ends once: answered (its round trip recorded), timed out, abandoned, or not sent. A
 * request is numbered; its write reports back by number ({@link #written}), since a request that
 * ends while its write is under way counts only once the write succeeds. On the connection's event
 * loop only.
 */
final class RequestCorrelator {

  private static final byte LIVE = 1;
  private static final byte WRITTEN = 2;
  private static final byte SCHEDULED = 4;
  private static final byte ENDED_TIMED_OUT = 8;
  private static final byte ENDED_ABANDONED = 16;

  private final TrafficCounters counters;
  final IntervalHistogram rtt = new IntervalHistogram();
  final IntervalHistogram rttActual = new IntervalHistogram();
  final IntervalHistogram sendLag = new IntervalHistogram();

  // slot flags; 0 = free (answered or ended), skipped until the head passes it
  private byte[] flags = new byte[8];
  private long[] sentAt = new long[8];
  private long[] deadline = new long[8];
  private Object[] listeners = new Object[8];
  // the listener of the first request since the ring was last empty; a live slot holding null has
  // it: a load generator passes one listener per connection, and storing it into the ring per
  // request cost G1's card-marking write barrier (a fence) each time
  private Object usual;
  // allocated when first needed
  private long[] intendedAt;
  private String[] keys;
  private String[] payloads;
  private String[] endReasons;

  private int head;
  private int span;
  private int headSeq = 1;
  private int live;

  private boolean replyDispatch;
  private long replyAt;

  RequestCorrelator(TrafficCounters counters) {
    this.counters = counters;
  }

  /** Gives borrowed dense histograms back (the connection closed or went quiet). */
  void release() {
    rtt.release();
    rttActual.release();
    sendLag.release();
  }

  /** Requests awaiting a reply. */
  int size() {
    return live;
  }

  boolean isEmpty() {
    return live == 0;
  }

  /**
   * Adds a request and returns its number.
   *
   * @param payload the payload, kept only when {@code keepPayload} (for a predicate match)
   * @param key its correlation key, or {@code null}
   * @param intendedAt when it was due; equal to {@code sentAt} unless {@code scheduled}
   */
  int add(
      String payload,
      boolean keepPayload,
      String key,
      long sentAt,
      long intendedAt,
      boolean scheduled,
      long timeoutNanos,
      Completable<?> listener) {
    if (span == flags.length) {
      grow();
    }
    int slot = slot(span);
    int seq = headSeq + span;
    span++;
    live++;
    flags[slot] = (byte) (LIVE | (scheduled ? SCHEDULED : 0));
    this.sentAt[slot] = sentAt;
    this.deadline[slot] = sentAt + timeoutNanos;
    if (usual == null) {
      usual = listener;
    }
    if (listener != usual) {
      listeners[slot] = listener;
    }
    if (scheduled) {
      if (this.intendedAt == null) {
        this.intendedAt = new long[flags.length];
      }
      this.intendedAt[slot] = intendedAt;
    }
    if (key != null || keys != null) {
      if (keys == null) {
        keys = new String[flags.length];
      }
      keys[slot] = key;
    }
    if (keepPayload) {
      if (payloads == null) {
        payloads = new String[flags.length];
      }
      payloads[slot] = payload;
    }
    return seq;
  }

  /** Answers the oldest request awaiting a reply; false when there is none. */
  boolean replyToOldest(String reply, long now) {
    for (int k = 0; k < span; k++) {
      int slot = slot(k);
      if ((flags[slot] & LIVE) != 0) {
        answer(slot, reply, now);
        return true;
      }
    }
    return false;
  }

  /** Answers the oldest request with {@code key}; false when there is none. */
  boolean replyTo(String key, Object reply, long now) {
    if (keys == null) {
      return false;
    }
    for (int k = 0; k < span; k++) {
      int slot = slot(k);
      if ((flags[slot] & LIVE) != 0 && key.equals(keys[slot])) {
        answer(slot, reply, now);
        return true;
      }
    }
    return false;
  }

  /** Answers the oldest request whose payload {@code matches} the reply; false when none does. */
  boolean replyMatching(BiPredicate<String, String> matches, String reply, long now) {
    if (payloads == null) {
      return false;
    }
    for (int k = 0; k < span; k++) {
      int slot = slot(k);
      if ((flags[slot] & LIVE) != 0 && matches.test(payloads[slot], reply)) {
        answer(slot, reply, now);
        return true;
      }
    }
    return false;
  }

  private void answer(int slot, Object reply, long now) {
    int f = flags[slot];
    long sent = sentAt[slot];
    if ((f & SCHEDULED) != 0) {
      long intended = intendedAt[slot];
      rtt.recordNanos(now - intended);
      rttActual.recordNanos(now - sent);
      sendLag.recordNanos(sent - intended);
    } else {
      rtt.recordNanos(now - sent);
    }
    Completable<Object> listener = listener(slot);
    free(slot);
    replyAt = now;
    replyDispatch = true;
    try {
      listener.succeed(reply);
    } finally {
      replyDispatch = false;
    }
  }

  /**
   * {@code System.nanoTime()}, or, while a reply is handed to its request's listener, that reply's
   * arrival time (read just before): a listener that sends its next request at once stamps it
   * without reading the clock again.
   */
  long clock() {
    return replyDispatch ? replyAt : System.nanoTime();
  }

  /**
   * The write of request {@code seq} completed: it left, or (on failure) it was never sent (the
   * send failure is counted by the write accounting).
   */
  void written(int seq, Throwable failure) {
    int slot = slotOf(seq);
    if (slot < 0) {
      return;
    }
    int f = flags[slot];
    if ((f & (ENDED_TIMED_OUT | ENDED_ABANDONED)) != 0) {
      Completable<Object> listener = listener(slot);
      String reason = endReasons[slot];
      free(slot);
      if (failure == null) {
        if ((f & ENDED_TIMED_OUT) != 0) {
          counters.requestTimeouts++;
        } else {
          counters.requestsAbandoned++;
        }
        listener.fail(reason);
      } else {
        listener.fail("request not sent: " + failure.getMessage());
      }
    } else if ((f & LIVE) != 0) {
      if (failure == null) {
        flags[slot] = (byte) (f | WRITTEN);
      } else {
        notSent(seq, failure.getMessage());
      }
    }
  }

  /** Request {@code seq} never left (its send failed, counted as such): it ends so. */
  void notSent(int seq, String reason) {
    int slot = slotOf(seq);
    if (slot < 0 || flags[slot] == 0) {
      return;
    }
    Completable<Object> listener = listener(slot);
    free(slot);
    listener.fail("request not sent: " + reason);
  }

  /** Ends the requests whose deadline has passed as timed out (one still being written, later). */
  void expire(long now) {
    List<Integer> expired = null;
    for (int k = 0; k < span; k++) {
      int slot = slot(k);
      if ((flags[slot] & LIVE) != 0 && now - deadline[slot] >= 0) {
        if (expired == null) {
          expired = new ArrayList<>();
        }
        expired.add(headSeq + k);
      }
    }
    if (expired == null) {
      return;
    }
    // ended after the walk: a listener may send its next request at once
    for (int seq : expired) {
      int slot = slotOf(seq);
      if (slot < 0 || (flags[slot] & LIVE) == 0) {
        continue;
      }
      String why =
          "request timed out after "
              + Durations.format(Duration.ofNanos(deadline[slot] - sentAt[slot]));
      end(slot, ENDED_TIMED_OUT, why);
    }
  }

  /**
   * Ends the requests that left but can no longer be answered as {@code requests_abandoned}; one
   * whose write is still under way counts so when it succeeds. With {@code terminal} off (a
   * reconnect follows) requests not yet written stay pending.
   */
  void abandon(String reason, boolean terminal) {
    String why = reason + ": request abandoned";
    List<Integer> ended = new ArrayList<>(live);
    for (int k = 0; k < span; k++) {
      int slot = slot(k);
      int f = flags[slot];
      if ((f & LIVE) != 0 && ((f & WRITTEN) != 0 || terminal)) {
        ended.add(headSeq + k);
      }
    }
    for (int seq : ended) {
      int slot = slotOf(seq);
      if (slot >= 0 && (flags[slot] & LIVE) != 0) {
        end(slot, ENDED_ABANDONED, why);
      }
    }
  }

  private void end(int slot, byte outcome, String why) {
    int f = flags[slot];
    if ((f & WRITTEN) != 0) {
      if (outcome == ENDED_TIMED_OUT) {
        counters.requestTimeouts++;
      } else {
        counters.requestsAbandoned++;
      }
      Completable<Object> listener = listener(slot);
      free(slot);
      listener.fail(why);
      return;
    }
    // its write is under way: the outcome counts when the write succeeds
    if (endReasons == null) {
      endReasons = new String[flags.length];
    }
    endReasons[slot] = why;
    flags[slot] = outcome;
    live--;
  }

  @SuppressWarnings("unchecked")
  private Completable<Object> listener(int slot) {
    Object listener = listeners[slot];
    return (Completable<Object>) (listener == null ? usual : listener);
  }

  private void free(int slot) {
    if ((flags[slot] & LIVE) != 0) {
      live--;
    }
    flags[slot] = 0;
    if (listeners[slot] != null) {
      listeners[slot] = null;
    }
    if (keys != null) {
      keys[slot] = null;
    }
    if (payloads != null) {
      payloads[slot] = null;
    }
    if (endReasons != null) {
      endReasons[slot] = null;
    }
    while (span > 0 && flags[head] == 0) {
      head = (head + 1) & (flags.length - 1);
      headSeq++;
      span--;
    }
    if (span == 0) {
      usual = null;
    }
  }

  private int slot(int offset) {
    return (head + offset) & (flags.length - 1);
  }

  /** The slot of request {@code seq}, or -1 when it is no longer in the ring. */
  private int slotOf(int seq) {
    int offset = seq - headSeq;
    return offset >= 0 && offset < span ? slot(offset) : -1;
  }

  private void grow() {
    int n = flags.length;
    byte[] f = new byte[n * 2];
    long[] s = new long[n * 2];
    long[] d = new long[n * 2];
    Object[] l = new Object[n * 2];
    long[] i = intendedAt == null ? null : new long[n * 2];
    String[] k = keys == null ? null : new String[n * 2];
    String[] p = payloads == null ? null : new String[n * 2];
    String[] e = endReasons == null ? null : new String[n * 2];
    for (int x = 0; x < span; x++) {
      int from = slot(x);
      f[x] = flags[from];
      s[x] = sentAt[from];
      d[x] = deadline[from];
      l[x] = listeners[from];
      if (i != null) {
        i[x] = intendedAt[from];
      }
      if (k != null) {
        k[x] = keys[from];
      }
      if (p != null) {
        p[x] = payloads[from];
      }
      if (e != null) {
        e[x] = endReasons[from];
      }
    }
    flags = f;
    sentAt = s;
    deadline = d;
    listeners = l;
    intendedAt = i;
    keys = k;
    payloads = p;
    endReasons = e;
    head = 0;
  }
}
