package dev.wsmon.runner.report;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** The exit codes of the {@code wsmon} command and how a run's outcome maps to them. */
public final class ExitCodes {

  /** The run went fine and every threshold held. */
  public static final int OK = 0;

  /** A threshold failed. */
  public static final int THRESHOLD_FAILED = 1;

  /** Usage or configuration error; the message names the bad value. */
  public static final int USAGE = 2;

  /** Could not run: no connection ever succeeded (wins over {@link #THRESHOLD_FAILED}). */
  public static final int COULD_NOT_RUN = 3;

  private ExitCodes() {}

  /**
   * The exit code of a finished run: {@link #COULD_NOT_RUN} when no connection ever succeeded, else
   * {@link #THRESHOLD_FAILED} when a threshold failed, else {@link #OK}.
   */
  public static int of(JsonObject snapshot, List<ThresholdResult> thresholds) {
    return of(snapshot, thresholds, false);
  }

  /**
   * As {@link #of(JsonObject, List)}, where {@code connectedDuringRun} says a connection succeeded
   * during the run even if the snapshot no longer counts it (a {@code stats.reset} clears {@code
   * successful_connections}).
   */
  public static int of(
      JsonObject snapshot, List<ThresholdResult> thresholds, boolean connectedDuringRun) {
    if (!connectedDuringRun && !anyConnectionSucceeded(snapshot)) {
      return COULD_NOT_RUN;
    }
    return thresholds.stream().allMatch(ThresholdResult::passed) ? OK : THRESHOLD_FAILED;
  }

  /** Whether the snapshot's total shows at least one successful connection. */
  public static boolean anyConnectionSucceeded(JsonObject snapshot) {
    JsonObject total = snapshot == null ? null : snapshot.getJsonObject("total");
    Object successes = total == null ? null : total.getValue("successful_connections");
    return successes instanceof Number n && n.longValue() > 0;
  }
}
