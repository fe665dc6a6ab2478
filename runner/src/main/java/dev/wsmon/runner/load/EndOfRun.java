package dev.wsmon.runner.load;

import dev.wsmon.tracker.StatsSnapshot;
import io.vertx.core.json.JsonObject;

/**
 * The final snapshot of a run: {@link StatsSnapshot#endOfRun(JsonObject, JsonObject)}, the rule the
 * {@code TestingWrapper} follows too. Taken after wsmon closed its connections, so that the last
 * traffic batch is counted; but the state-like fields ({@code is_connected}, {@code connected},
 * {@code state}, {@code current_uptime_seconds}, {@code health_score}, {@code health}) are those of
 * the moment the run ended, just before wsmon's own close, so thresholds and the summary judge the
 * connections and not the shutdown.
 */
public final class EndOfRun {

  private EndOfRun() {}

  /**
   * {@code afterClose} with the state-like fields of {@code beforeClose}.
   *
   * @param beforeClose the snapshot taken when the run ended, before it ended the attempts (which
   *     closes every connection that is not open)
   * @param afterClose the snapshot taken after the connections closed and the last batch arrived
   * @return a new document
   */
  public static JsonObject merge(JsonObject beforeClose, JsonObject afterClose) {
    return StatsSnapshot.endOfRun(beforeClose, afterClose);
  }
}
