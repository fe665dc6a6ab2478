package dev.wsmon.runner.cli;

import dev.wsmon.runner.impl.ExitCodes;
import dev.wsmon.runner.impl.RunSettings;
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
    err.println("wsmon run: the run engine is not assembled yet");
    return ExitCodes.COULD_NOT_RUN;
  }
}
