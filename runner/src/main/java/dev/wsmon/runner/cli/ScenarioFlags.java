package dev.wsmon.runner.cli;

import dev.wsmon.runner.config.ConfigSource;
import io.vertx.core.json.JsonArray;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The scenario flags of {@code run} and {@code monitor} (config keys {@code scenario}, {@code
 * feeder}, {@code messageChecks}); {@code run} reads them through {@link RunCommand#configSource()}
 * like every other flag, {@code monitor} through {@link #putInto(ConfigSource)}.
 */
final class ScenarioFlags {

  @Option(
      names = "--scenario",
      paramLabel = "FILE",
      description =
          "Run the scenario of FILE (JSON/YAML holding the key 'scenario') on every connection,"
              + " again after every reconnect; see docs/scenarios.md.")
  String scenario;

  @Option(
      names = "--feeder",
      paramLabel = "FILE.csv",
      description = "Rows for {feed.COLUMN} in scenario templates, one per connection round-robin.")
  String feeder;

  @Option(
      names = "--check",
      paramLabel = "NAME=json:PATH|NAME=regex:RE",
      description = "Check every received message (counted in scenario.checks); repeatable.")
  List<String> checks;

  /** Puts the flags given into {@code source}, each with its flag as origin. */
  void putInto(ConfigSource source) {
    if (scenario != null) {
      source.put("scenario", scenario, "--scenario");
    }
    if (feeder != null) {
      source.put("feeder", feeder, "--feeder");
    }
    if (checks != null && !checks.isEmpty()) {
      source.put("messageChecks", new JsonArray(List.copyOf(checks)), "--check");
    }
  }
}
