package dev.wsmon.runner.cli;

import dev.wsmon.runner.load.LoadRun;
import dev.wsmon.runner.load.RunSettings;
import dev.wsmon.runner.report.ProgressReporter;
import java.io.PrintStream;

/** Executes a validated {@code run}: the connections, progress, summary, exports and verdict. */
final class CliRun {

  private final RunSettings settings;
  private final PrintStream out;
  private final PrintStream err;

  CliRun(RunSettings settings, PrintStream out, PrintStream err) {
    this.settings = settings;
    this.out = out;
    this.err = err;
  }

  int execute() {
    if (settings.insecure) {
      err.println(
          "wsmon run: WARNING: --insecure trusts any TLS certificate and skips host name checks;"
              + " the connection is not authenticated");
    }
    LoadRun run = new LoadRun(settings, out, err, ProgressReporter.detect(settings.quiet));
    if (settings.cluster) {
      run.load(ClusterRuns.load(settings, err));
    }
    return run.execute();
  }
}
