package dev.wsmon.bench;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * The ping-pong latency goals: wsmon's percentile at most {@value #TOLERANCE_PERCENT} % above the
 * raw client's (a paired-median ratio). An overhead goal is one-sided: a ratio below 1 is met, and
 * one more than {@value #TOLERANCE_PERCENT} % below 1 is noise in raw's own tail, said as "below
 * raw". Results written before this rule (target "within 5 % of raw", two-sided {@code met}) are
 * judged again from their value.
 */
final class OverheadGoal {

  /** How far above raw wsmon may be, in percent: {@value}. */
  static final int TOLERANCE_PERCENT = 5;

  private static final double TOLERANCE = TOLERANCE_PERCENT / 100.0;

  private OverheadGoal() {}

  /** Whether {@code goal} (an {@code e2e.json} goal) is one of these. */
  static boolean applies(JsonObject goal) {
    return goal.getString("name", "").startsWith("ping_pong_");
  }

  /** The goal's text for {@code percentile} ({@code p50}, {@code p99}). */
  static String target(String percentile) {
    return String.format(
        Locale.ROOT,
        "wsmon ping-pong %s at most %d %% above raw (paired median)",
        percentile,
        TOLERANCE_PERCENT);
  }

  /** Whether a wsmon/raw ratio meets the goal. */
  static boolean met(double ratio) {
    return ratio <= 1 + TOLERANCE;
  }

  /** The table's "met" cell for a ratio. */
  static String verdict(double ratio) {
    if (!met(ratio)) {
      return "**no**";
    }
    return ratio < 1 - TOLERANCE ? "**yes** (below raw)" : "**yes**";
  }

  /** The goal's text, for old results too. */
  static String target(JsonObject goal) {
    return applies(goal)
        ? target(goal.getString("name").substring("ping_pong_".length()))
        : goal.getString("target");
  }

  /** The goal's "met" cell, judged again from the value for these goals. */
  static String verdict(JsonObject goal) {
    if (applies(goal)) {
      return verdict(goal.getDouble("value"));
    }
    return goal.getBoolean("met") ? "**yes**" : "**no**";
  }
}
