package dev.wsmon.runner.report;

/**
 * The outcome of one {@link Threshold}.
 *
 * @param threshold the threshold
 * @param passed whether it held
 * @param actual the value found, or {@code null} when there was none
 * @param message one line saying what was compared and how it went
 */
public record ThresholdResult(Threshold threshold, boolean passed, Double actual, String message) {

  /** The verdict as the HTML report reads it: {@code {expression, passed, actual, message}}. */
  public io.vertx.core.json.JsonObject toJson() {
    return new io.vertx.core.json.JsonObject()
        .put("expression", threshold.display())
        .put("passed", passed)
        .put("actual", actual)
        .put("message", message);
  }
}
