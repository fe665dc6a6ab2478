package dev.wsmon.runner.load;

import dev.wsmon.runner.config.ConfigSource;
import dev.wsmon.runner.report.ProgressReporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A quiet {@code wsmon run} ({@link RunExecution}) executed on its own thread, as the command does,
 * for tests that watch it from outside: its stderr, the dashboard URL it announces, its exit code.
 */
public final class ThreadedRun {

  private final RunExecution run;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final CompletableFuture<String> dashboard = new CompletableFuture<>();
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final Future<Integer> exit;

  private ThreadedRun(ConfigSource source) {
    run =
        new RunExecution(
            RunSettings.from(source),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            ProgressReporter.Mode.QUIET);
    run.onDashboard(dashboard::complete);
    exit = thread.submit(run::execute);
  }

  /** Starts the run the settings in {@code source} describe. */
  public static ThreadedRun start(ConfigSource source) {
    return new ThreadedRun(source);
  }

  /** The dashboard URL the run announces, waiting up to {@code wait} for it. */
  public String dashboardUrl(Duration wait) throws Exception {
    return dashboard.get(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** What the run wrote to stderr so far. */
  public String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Ends the run as Ctrl-C does and returns its exit code, waiting up to {@code wait}. */
  public int stop(Duration wait) throws Exception {
    run.stop("test done");
    try {
      return exit.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      thread.shutdownNow();
    }
  }
}
