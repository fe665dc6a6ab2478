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
import java.util.function.Consumer;

/**
 * A quiet {@code wsmon run} ({@link RunExecution}) executed on its own thread, as the command does,
 * for tests that watch it from outside: its Vert.x, its stdout and stderr, the dashboard URL it
 * announces, its exit code and final snapshot. Closing it ends a run the test did not stop.
 */
public final class ThreadedRun implements AutoCloseable {

  private final RunExecution run;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final CompletableFuture<String> dashboard = new CompletableFuture<>();
  private final CompletableFuture<Vertx> started = new CompletableFuture<>();
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final Future<Integer> ended;

  private ThreadedRun(RunSettings settings, LoadBackend backend, Consumer<Vertx> onStarted) {
    run =
        new RunExecution(
            settings,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            ProgressReporter.Mode.QUIET);
    if (backend != null) {
      run.backend(backend);
    }
    run.onDashboard(dashboard::complete)
        .onStarted(
            vertx -> {
              onStarted.accept(vertx);
              started.complete(vertx);
            });
    ended = thread.submit(run::execute);
  }

  /** Starts the run the settings in {@code source} describe. */
  public static ThreadedRun start(ConfigSource source) {
    return start(RunSettings.from(source), null, vertx -> {});
  }

  /**
   * Starts the run of {@code settings} on {@code backend} ({@code null}: the run's own), calling
   * {@code onStarted} with the run's Vert.x once its connections are deployed, on the run's thread
   * ({@link RunExecution#onStarted}).
   */
  public static ThreadedRun start(
      RunSettings settings, LoadBackend backend, Consumer<Vertx> onStarted) {
    return new ThreadedRun(settings, backend, onStarted);
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

  /** What the run wrote to stdout so far (the summary once it ended). */
  public String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** What the run wrote to stderr so far. */
  public String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Ends the run as Ctrl-C does and returns its exit code, waiting up to {@code wait}. */
  public int stop(Duration wait) throws Exception {
    run.stop("test done");
    return exit(wait);
  }

  /** The exit code of the run once it ends by itself (its duration), waiting up to {@code wait}. */
  public int exit(Duration wait) throws Exception {
    try {
      return ended.get(wait.toMillis(), TimeUnit.MILLISECONDS);
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
