package dev.wsmon.runner.load;

import dev.wsmon.core.Addresses;
import dev.wsmon.runner.config.ConfigSource;
import dev.wsmon.runner.report.ProgressReporter;
import dev.wsmon.testkit.support.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
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
 * for tests that watch it from outside: its Vert.x, its stderr, the dashboard URL it announces, its
 * exit code and final snapshot. Closing it ends a run the test did not stop.
 */
public final class ThreadedRun implements AutoCloseable {

  private final RunExecution run;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final CompletableFuture<String> dashboard = new CompletableFuture<>();
  private final CompletableFuture<Vertx> started = new CompletableFuture<>();
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final Future<Integer> exit;

  private ThreadedRun(ConfigSource source) {
    run =
        new RunExecution(
            RunSettings.from(source),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            ProgressReporter.Mode.QUIET);
    run.onDashboard(dashboard::complete).onStarted(started::complete);
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

  /** The run's Vert.x once its connections are deployed, waiting up to {@code wait} for it. */
  public Vertx vertx(Duration wait) throws Exception {
    return started.get(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Polls the run's tracker from {@code vertx} (the test's) until the {@code total} counter {@code
   * key} is at least {@code n}, at most 20 s; returns its value then.
   */
  public long awaitTotal(Vertx vertx, String key, long n) throws Exception {
    Vertx runVertx = vertx(Duration.ofSeconds(20));
    return Waits.until(
            vertx,
            () ->
                runVertx
                    .eventBus()
                    .<JsonObject>request(
                        Addresses.defaults().stats(), new JsonObject().put("scope", "total"))
                    .map(m -> m.body().getJsonObject("total").getLong(key)),
            value -> value >= n,
            Duration.ofSeconds(20))
        .await();
  }

  /** The run's final snapshot document, after {@link #stop}. */
  public JsonObject finalSnapshot() {
    return run.finalSnapshot();
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

  /** Ends the run if the test did not, without waiting for it. */
  @Override
  public void close() {
    run.stop("test done");
    thread.shutdownNow();
  }
}
