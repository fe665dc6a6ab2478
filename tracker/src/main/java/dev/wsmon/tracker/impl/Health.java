package dev.wsmon.tracker.impl;

/**
 * The health score of DESIGN.md: 0 to 100 from success rate, disconnect rate, latency, state and
 * the share of requests answered.
 */
public final class Health {

  private Health() {}

  /**
   * @param successRate percent, or null before the first completed attempt (no penalty)
   * @param disconnections disconnections since started_at
   * @param uptimeSeconds connected time (floored at one hour)
   * @param meanConnectLatencyMs mean connect latency, or null (no penalty)
   * @param downFraction 1 for a connection that is down, the fraction of connections down for a
   *     total or group
   * @param answeredRate percent of requests with an outcome that were answered (not timed out, not
   *     abandoned), or null when no request had an outcome (no penalty)
   */
  public static double score(
      Double successRate,
      long disconnections,
      double uptimeSeconds,
      Double meanConnectLatencyMs,
      double downFraction,
      Double answeredRate) {
    double score = 100;
    if (successRate != null) {
      if (successRate < 50) {
        score -= 40;
      } else if (successRate < 80) {
        score -= 20;
      }
    }
    double perHour = disconnections / Math.max(1.0, uptimeSeconds / 3600.0);
    if (perHour > 5) {
      score -= 30;
    } else if (perHour > 2) {
      score -= 15;
    }
    if (meanConnectLatencyMs != null) {
      if (meanConnectLatencyMs > 5000) {
        score -= 20;
      } else if (meanConnectLatencyMs > 2000) {
        score -= 10;
      }
    }
    score -= 25 * downFraction;
    if (answeredRate != null) {
      if (answeredRate < 50) {
        score -= 40;
      } else if (answeredRate < 80) {
        score -= 20;
      }
    }
    return Math.max(0, Math.round(score * 10) / 10.0);
  }

  public static String label(double score) {
    if (score >= 90) {
      return "Excellent";
    }
    if (score >= 70) {
      return "Good";
    }
    if (score >= 50) {
      return "Fair";
    }
    return "Poor";
  }
}
