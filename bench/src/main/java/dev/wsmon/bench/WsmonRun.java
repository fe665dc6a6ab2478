package dev.wsmon.bench;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.TrafficBatch;
import dev.wsmon.runner.config.ConfigSource;
import dev.wsmon.runner.load.RunExecution;
import dev.wsmon.runner.load.RunSettings;
import dev.wsmon.runner.report.ProgressReporter;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One real {@code wsmon run} ({@link RunExecution}, what the command executes) in this JVM: {@code
 * --rate 0 --window W --correlate fifo --send PAYLOAD -c N}, quiet, no duration; the benchmark
 * watches it over the event bus as any user could (traffic batches, stats, reset) and ends it as
 * Ctrl-C would.
 */
final class WsmonRun implements AutoCloseable {

  private final RunExecution run;
  private final Thread thread;
  private final Vertx vertx;
  private final List<Batch> batches;
  private final MessageConsumer<TrafficBatch> watcher;
  private final int[] exitCode;

  /** What one flush of one connection verticle counted. */
  record Batch(String source, Instant at, long received) {}

  private WsmonRun(
      RunExecution run,
      Thread thread,
      Vertx vertx,
      MessageConsumer<TrafficBatch> watcher,
      List<Batch> batches,
      int[] exitCode) {
    this.run = run;
    this.thread = thread;
    this.vertx = vertx;
    this.watcher = watcher;
    this.batches = batches;
    this.exitCode = exitCode;
  }

  static WsmonRun start(String uri, int connections, int eventLoops, int window, String payload)
      throws Exception {
    ConfigSource source =
        new ConfigSource()
            .put("uri", uri, "bench")
            .put("connections", connections, "bench")
            .put("eventLoops", eventLoops, "bench")
            .put("send", payload, "bench")
            .put("rate", 0, "bench")
            .put("window", window, "bench")
            .put("correlate", "fifo", "bench")
            .put("quiet", true, "bench");
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
    RunExecution run =
        new RunExecution(RunSettings.from(source), sink, sink, ProgressReporter.Mode.QUIET);
    CompletableFuture<Vertx> started = new CompletableFuture<>();
    run.onStarted(started::complete);
    int[] code = {-1};
    Thread thread =
        new Thread(
            () -> {
              code[0] = run.execute();
              started.completeExceptionally(new IllegalStateException("run ended early"));
            },
            "bench-wsmon-run");
    thread.start();
    Vertx vertx = started.get(30, TimeUnit.SECONDS);
    List<Batch> batches = new ArrayList<>();
    MessageConsumer<TrafficBatch> watcher =
        vertx
            .eventBus()
            .<TrafficBatch>localConsumer(
                Addresses.defaults().traffic(),
                m -> {
                  long received = 0;
                  for (ConnectionDelta d : m.body().deltas()) {
                    received += d.messagesReceived();
                  }
                  synchronized (batches) {
                    batches.add(new Batch(m.body().source(), m.body().timestamp(), received));
                  }
                });
    watcher.completion().await();
    return new WsmonRun(run, thread, vertx, watcher, batches, code);
  }

  /**
   * Messages per second received over about [from, to]: per connection verticle, the flushes
   * nearest to {@code from} and to {@code to} (flushes are exact count boundaries, timed by the
   * verticle), the messages of the flushes after the first divided by the time between the two,
   * summed over the verticles. Late timers on a loaded machine only move the boundaries.
   *
   * @throws IllegalStateException when a verticle did not flush twice
   */
  double receivedPerSecond(Instant from, Instant to) {
    Map<String, List<Batch>> bySource = new HashMap<>();
    synchronized (batches) {
      for (Batch b : batches) {
        bySource.computeIfAbsent(b.source(), k -> new ArrayList<>()).add(b);
      }
    }
    if (bySource.isEmpty()) {
      throw new IllegalStateException("no traffic batch at all");
    }
    double rate = 0;
    for (List<Batch> list : bySource.values()) {
      int first = nearest(list, from);
      int last = nearest(list, to);
      if (last <= first) {
        last = first + 1;
      }
      if (last >= list.size()) {
        throw new IllegalStateException("a connection verticle flushed fewer than twice");
      }
      long messages = 0;
      for (int i = first + 1; i <= last; i++) {
        messages += list.get(i).received();
      }
      double seconds = Duration.between(list.get(first).at(), list.get(last).at()).toNanos() / 1e9;
      rate += messages / seconds;
    }
    return rate;
  }

  private static int nearest(List<Batch> list, Instant t) {
    int best = 0;
    long bestDistance = Long.MAX_VALUE;
    for (int i = 0; i < list.size(); i++) {
      long d = Math.abs(Duration.between(list.get(i).at(), t).toNanos());
      if (d < bestDistance) {
        bestDistance = d;
        best = i;
      }
    }
    return best;
  }

  /** Clears wsmon's stats ({@code <ns>.stats.reset}), as a user would to start a window. */
  void resetStats() {
    vertx.eventBus().request(Addresses.defaults().statsReset(), new JsonObject()).await();
  }

  /** wsmon's {@code total} stats now ({@code <ns>.stats}). */
  JsonObject total() {
    return ((JsonObject)
            vertx.eventBus().request(Addresses.defaults().stats(), new JsonObject()).await().body())
        .getJsonObject("total");
  }

  /** Ends the run as Ctrl-C does and waits for it; returns its exit code. */
  int stop() throws InterruptedException {
    watcher.unregister();
    run.stop("bench");
    thread.join(60_000);
    return exitCode[0];
  }

  /** The final snapshot's total, after {@link #stop()}. */
  JsonObject finalTotal() {
    return run.finalSnapshot().getJsonObject("total");
  }

  @Override
  public void close() throws Exception {
    if (thread.isAlive()) {
      stop();
    }
  }
}
