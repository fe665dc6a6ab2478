package dev.wsmon.core.impl;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.FeedDelta;
import dev.wsmon.core.FeedOptions;
import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.core.internal.FeedCounters;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.HdrHistogram.Histogram;

/**
 * Feed monitoring of one connection: sequence gaps, duplicates, reordering and resets,
 * inter-arrival times, end-to-end latency and staleness. Event loop only; memory is fixed (a
 * {@value #WINDOW}-bit window plus two packed histograms per interval).
 *
 * <p>Rules: a number above the highest seen opens a gap when it skips numbers (one gap per skipped
 * run, each skipped number missing). A number below the highest that has not arrived is out of
 * order and fills its slot: missing drops by one, and the gap it was in closes (it was the only
 * missing number), shrinks (at a run's edge) or splits in two (inside a run). A number that already
 * arrived is a duplicate only. The first number after a reconnect that is at or below the first
 * number ever tracked is a reset: tracking restarts there, and nothing counts as a gap. Only the
 * last {@value #WINDOW} numbers below the highest are remembered: an older one counts as out of
 * order and changes neither gaps nor missing (it may be a late fill or a duplicate; they cannot be
 * told apart any more), and a jump of more than the window forgets what was outstanding (those
 * numbers stay counted as missing).
 */
public final class FeedTracker extends FeedCounters {

  /** Sequence numbers remembered below the highest seen. */
  public static final int WINDOW = 1024;

  private static final int MASK = WINDOW - 1;

  private final FeedFields fields;
  private final long maxSilenceNanos;
  private final long[] received = new long[WINDOW / 64];

  private boolean started;
  private boolean newSession;
  private long floor;
  private long highest;

  private boolean open;
  private boolean hadMessage;
  private long lastActivity;
  private boolean stale;

  private long anchorNanos;
  private long anchorWallMicros;

  // the interval's counters are the inherited FeedCounters
  private boolean dirty;
  private Histogram interArrival;
  private Histogram e2e;
  private long maxSilence;
  private Boolean staleChange;

  /**
   * @param feed the connection's feed options (seq and ts fields, their unit, max silence)
   * @param now {@link System#nanoTime()} now
   */
  public FeedTracker(FeedOptions feed, long now) {
    this.fields = new FeedFields(feed.getSeqField(), feed.getTsField(), feed.getTsUnit());
    this.maxSilenceNanos = feed.getMaxSilence().toNanos();
    anchor(now);
  }

  /** A tracker for {@code options}, or {@code null} when feed monitoring is off. */
  public static FeedTracker of(ConnectionOptions options) {
    FeedOptions feed = options.getFeedOptions();
    return feed.isEnabled() ? new FeedTracker(feed, System.nanoTime()) : null;
  }

  /** A connection opened at {@code now}: the next sequence number may be a reset. */
  public void opened(long now) {
    open = true;
    hadMessage = false;
    lastActivity = now;
    newSession = started;
  }

  /** The connection closed: no staleness checks until it opens again. */
  public void closed() {
    open = false;
  }

  /** A text message arrived at {@code now}. */
  public void onText(String text, long now) {
    arrived(now);
    if (fields.enabled()) {
      parsed(fields.read(text), now);
    }
  }

  /** A binary message arrived at {@code now}. */
  public void onBinary(Buffer data, long now) {
    arrived(now);
    if (fields.enabled()) {
      parsed(fields.read(data.getBytes()), now);
    }
  }

  private void arrived(long now) {
    long silence = now - lastActivity;
    if (hadMessage) {
      if (interArrival == null) {
        interArrival = LatencyHistograms.create();
      }
      LatencyHistograms.recordNanos(interArrival, silence);
    }
    maxSilence = Math.max(maxSilence, silence);
    hadMessage = true;
    lastActivity = now;
    dirty = true;
    if (stale) {
      stale = false;
      staleChange = Boolean.FALSE;
    }
  }

  private void parsed(boolean complete, long now) {
    if (!complete) {
      unparsed++;
    }
    if (fields.hasSeq) {
      sequence(fields.seq);
    }
    if (fields.hasTs) {
      if (e2e == null) {
        e2e = LatencyHistograms.create();
      }
      LatencyHistograms.record(e2e, wallMicros(now) - fields.tsMicros);
    }
  }

  /** Applies the sequence rules to {@code s}. */
  void sequence(long s) {
    dirty = true;
    if (!started || (newSession && s <= floor)) {
      if (started) {
        resets++;
      }
      started = true;
      newSession = false;
      floor = s;
      highest = s;
      java.util.Arrays.fill(received, 0);
      mark(s);
      return;
    }
    newSession = false;
    if (s > highest) {
      long skipped = s - highest - 1;
      if (skipped > 0) {
        gaps++;
        missing += skipped;
      }
      advance(s);
    } else if (s == highest) {
      duplicates++;
    } else if (s < floor || highest - s >= WINDOW) {
      outOfOrder++;
    } else if (isMarked(s)) {
      duplicates++;
    } else {
      fill(s);
    }
  }

  private void fill(long s) {
    mark(s);
    outOfOrder++;
    missing--;
    boolean leftMissing = s - 1 >= floor && highest - (s - 1) < WINDOW && !isMarked(s - 1);
    boolean rightMissing = !isMarked(s + 1);
    if (leftMissing && rightMissing) {
      gaps++;
    } else if (!leftMissing && !rightMissing) {
      filled++;
    }
  }

  private void advance(long s) {
    if (s - highest >= WINDOW) {
      java.util.Arrays.fill(received, 0);
    } else {
      for (long k = highest + 1; k < s; k++) {
        received[slot(k)] &= ~bit(k);
      }
    }
    highest = s;
    mark(s);
  }

  private void mark(long s) {
    received[slot(s)] |= bit(s);
  }

  private boolean isMarked(long s) {
    return (received[slot(s)] & bit(s)) != 0;
  }

  private static int slot(long s) {
    return (int) (s & MASK) >>> 6;
  }

  private static long bit(long s) {
    return 1L << (s & 63);
  }

  /**
   * Checks the silence on an open connection.
   *
   * @return the silence in nanoseconds when the feed just went stale, else -1
   */
  public long tick(long now) {
    if (!open || stale || maxSilenceNanos <= 0) {
      return -1;
    }
    long silence = now - lastActivity;
    if (silence <= maxSilenceNanos) {
      return -1;
    }
    stale = true;
    staleChange = Boolean.TRUE;
    dirty = true;
    return silence;
  }

  /** The configured maximum silence in nanoseconds (0 = off). */
  public long maxSilenceNanos() {
    return maxSilenceNanos;
  }

  /** Whether {@link #takeDelta} has something to hand over. */
  public boolean hasDelta() {
    return dirty || (open && stale);
  }

  /** What changed since the last call, or {@code null} when nothing did. */
  public FeedDelta takeDelta(long now) {
    if (!hasDelta()) {
      return null;
    }
    if (open) {
      maxSilence = Math.max(maxSilence, now - lastActivity);
    }
    FeedDelta delta = toDelta(interArrival, e2e, maxSilence / 1000 / 1000.0, staleChange);
    clearCounters();
    interArrival = null;
    e2e = null;
    maxSilence = 0;
    staleChange = null;
    dirty = false;
    anchor(now);
    return delta;
  }

  private void anchor(long now) {
    Instant wall = Instant.now();
    anchorNanos = now;
    anchorWallMicros = ChronoUnit.MICROS.between(Instant.EPOCH, wall);
  }

  private long wallMicros(long now) {
    return anchorWallMicros + (now - anchorNanos) / 1000;
  }
}
