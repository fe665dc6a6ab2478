package dev.wsmon.core.internal;

import dev.wsmon.core.FeedDelta;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/**
 * The seven feed counters ({@code gaps}, {@code missing}, {@code duplicates}, {@code out_of_order},
 * {@code resets}, {@code unparsed}, {@code filled}), defined once: a connection's feed tracker
 * counts into them per flush interval, a {@link FeedDelta} carries them, the tracker sums them per
 * connection, channel and scope. The stats contract shows six of them, with {@code gaps} net of the
 * gaps filled later ({@link #writeStatsTo}). Not thread-safe.
 */
public class FeedCounters {

  /** The wire keys, in the order {@link #writeTo} writes them. */
  public static final String[] KEYS = {
    "gaps", "missing", "duplicates", "out_of_order", "resets", "unparsed", "filled"
  };

  /** Gaps opened: runs of sequence numbers skipped. */
  public long gaps;

  /** Net change of the numbers lost in gaps (skipped minus filled late; may be negative). */
  public long missing;

  /** Messages whose sequence number had already arrived. */
  public long duplicates;

  /** Messages that arrived after a higher sequence number. */
  public long outOfOrder;

  /** Sequence restarts after a reconnect. */
  public long resets;

  /** Messages that were not JSON or lacked a configured field. */
  public long unparsed;

  /** Gaps closed entirely by late messages. */
  public long filled;

  /** Adds the counters of one delta. */
  public final void add(FeedDelta d) {
    gaps += d.gaps();
    missing += d.missing();
    duplicates += d.duplicates();
    outOfOrder += d.outOfOrder();
    resets += d.resets();
    unparsed += d.unparsed();
    filled += d.filled();
  }

  /** Adds another set of counters. */
  public final void add(FeedCounters o) {
    gaps += o.gaps;
    missing += o.missing;
    duplicates += o.duplicates;
    outOfOrder += o.outOfOrder;
    resets += o.resets;
    unparsed += o.unparsed;
    filled += o.filled;
  }

  /** Sets every counter to 0. */
  public final void clearCounters() {
    gaps = 0;
    missing = 0;
    duplicates = 0;
    outOfOrder = 0;
    resets = 0;
    unparsed = 0;
    filled = 0;
  }

  /** The net change of the open gaps: opened minus filled entirely. */
  public final long netGaps() {
    return gaps - filled;
  }

  /**
   * A delta of these counters with the given parts (see {@link FeedDelta} for each).
   *
   * @return a new delta; these counters are not changed
   */
  public final FeedDelta toDelta(
      Histogram interArrival, Histogram e2e, double maxSilenceMs, Boolean stale) {
    return new FeedDelta(
        gaps,
        missing,
        duplicates,
        outOfOrder,
        resets,
        unparsed,
        filled,
        interArrival,
        e2e,
        maxSilenceMs,
        stale);
  }

  /** Writes the seven counters under their wire keys. */
  public final JsonObject writeTo(JsonObject json) {
    return json.put(KEYS[0], gaps)
        .put(KEYS[1], missing)
        .put(KEYS[2], duplicates)
        .put(KEYS[3], outOfOrder)
        .put(KEYS[4], resets)
        .put(KEYS[5], unparsed)
        .put(KEYS[6], filled);
  }

  /**
   * Writes the six counters of the stats contract's {@code feed} block: {@code gaps} is {@link
   * #netGaps()}, {@code filled} is left out.
   */
  public final JsonObject writeStatsTo(JsonObject json) {
    return json.put(KEYS[0], netGaps())
        .put(KEYS[1], missing)
        .put(KEYS[2], duplicates)
        .put(KEYS[3], outOfOrder)
        .put(KEYS[4], resets)
        .put(KEYS[5], unparsed);
  }

  /**
   * Reads the counters written by {@link #writeTo} (a missing key is 0).
   *
   * @throws ClassCastException when a value is not a number
   */
  public static FeedCounters readFrom(JsonObject json) {
    FeedCounters c = new FeedCounters();
    c.gaps = json.getLong(KEYS[0], 0L);
    c.missing = json.getLong(KEYS[1], 0L);
    c.duplicates = json.getLong(KEYS[2], 0L);
    c.outOfOrder = json.getLong(KEYS[3], 0L);
    c.resets = json.getLong(KEYS[4], 0L);
    c.unparsed = json.getLong(KEYS[5], 0L);
    c.filled = json.getLong(KEYS[6], 0L);
    return c;
  }
}
