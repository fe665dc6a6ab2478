package dev.wsmon.tracker;

import dev.wsmon.tracker.impl.Health;
import io.vertx.core.json.JsonObject;

/**
 * The health score of a stats object (total, group or connection) computed from its JSON keys, the
 * same rule the tracker applies (see {@code docs/export-format.md}): for a document whose counters
 * and connection state come from different moments, such as the end of a run, where the state is
 * taken before wsmon's own close and the counters after the last traffic batch.
 */
public final class HealthScore {

  private HealthScore() {}

  /**
   * The score from {@code stats}'s counters ({@code success_rate}, {@code disconnections}, {@code
   * total_uptime_seconds}, {@code avg_connection_latency_ms}, {@code rtt_ms.count}, {@code
   * request_timeouts}, {@code requests_abandoned}) and the given share of connections down.
   *
   * @param stats a stats object of the snapshot document
   * @param downFraction 0 to 1: 1 for a connection that is down, the share of connections down for
   *     a total or a group
   * @return the score, 0 to 100, one decimal
   */
  public static double of(JsonObject stats, double downFraction) {
    JsonObject rtt = stats.getJsonObject("rtt_ms", new JsonObject());
    long answered = number(rtt.getValue("count"));
    long outcomes =
        answered
            + number(stats.getValue("request_timeouts"))
            + number(stats.getValue("requests_abandoned"));
    return Health.score(
        decimal(stats.getValue("success_rate")),
        number(stats.getValue("disconnections")),
        stats.getValue("total_uptime_seconds") instanceof Number n ? n.doubleValue() : 0,
        decimal(stats.getValue("avg_connection_latency_ms")),
        Math.max(0, Math.min(1, downFraction)),
        outcomes == 0 ? null : answered * 100.0 / outcomes);
  }

  /**
   * The label of a score: {@code Excellent} (≥ 90), {@code Good} (≥ 70), {@code Fair} (≥ 50),
   * {@code Poor}.
   *
   * @param score the score
   * @return the label
   */
  public static String label(double score) {
    return Health.label(score);
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }

  private static Double decimal(Object value) {
    return value instanceof Number n ? n.doubleValue() : null;
  }
}
