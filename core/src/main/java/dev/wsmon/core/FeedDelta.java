package dev.wsmon.core;

import dev.wsmon.core.internal.FeedCounters;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/**
 * What feed monitoring saw on one connection during one flush interval (part of a {@link
 * ConnectionDelta}; present only when a feed field is configured). Counters are deltas; a late
 * message that fills a gap reported in an earlier interval makes {@code missing} negative and
 * counts in {@code filled}.
 *
 * @param gaps gaps opened: runs of sequence numbers skipped (a late message that splits a run in
 *     two opens one more)
 * @param missing net change of the numbers lost in gaps (skipped minus filled late; may be
 *     negative)
 * @param duplicates messages whose sequence number had already arrived
 * @param outOfOrder messages that arrived after a higher sequence number
 * @param resets sequence restarts after a reconnect
 * @param unparsed messages that were not JSON or lacked a configured field
 * @param filled gaps closed entirely by late messages (subtract from the gaps)
 * @param interArrival time between consecutive messages, microseconds, or {@code null} when none
 * @param e2e server timestamp to receive time, microseconds, or {@code null} when none
 * @param maxSilenceMs the longest time without a message seen in the interval, milliseconds
 * @param stale {@code true} when the feed went stale, {@code false} when it recovered, {@code null}
 *     when unchanged
 */
public record FeedDelta(
    long gaps,
    long missing,
    long duplicates,
    long outOfOrder,
    long resets,
    long unparsed,
    long filled,
    Histogram interArrival,
    Histogram e2e,
    double maxSilenceMs,
    Boolean stale) {

  /**
   * The net change of the open gaps in this interval: {@code gaps} opened minus those {@code
   * filled} entirely by late messages; what the {@code feed.gaps} stat sums.
   */
  public long netGaps() {
    return gaps - filled;
  }

  /** The wire form; histograms as base64 compressed HdrHistogram encodings. */
  public JsonObject toJson() {
    FeedCounters counts = new FeedCounters();
    counts.add(this);
    JsonObject json = counts.writeTo(new JsonObject()).put("max_silence_ms", maxSilenceMs);
    LatencyHistograms.putIfPresent(json, "inter_arrival", interArrival);
    LatencyHistograms.putIfPresent(json, "e2e", e2e);
    if (stale != null) {
      json.put("stale", stale);
    }
    return json;
  }

  /**
   * Reads the wire form written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException when a field is malformed
   */
  public static FeedDelta fromJson(JsonObject json) {
    try {
      return FeedCounters.readFrom(json)
          .toDelta(
              LatencyHistograms.getIfPresent(json, "inter_arrival"),
              LatencyHistograms.getIfPresent(json, "e2e"),
              json.getDouble("max_silence_ms", 0.0),
              json.getBoolean("stale"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed feed delta " + json.encode(), e);
    }
  }
}
