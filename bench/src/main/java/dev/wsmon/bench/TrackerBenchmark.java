package dev.wsmon.bench;

import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.core.TrafficBatch;
import dev.wsmon.tracker.TrackerOptions;
import dev.wsmon.tracker.WsmonMetrics;
import dev.wsmon.tracker.internal.DirectTracker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The tracker's cost at 10 000 connections: ingesting one traffic batch (one delta per connection,
 * each with a small RTT histogram, as a connection verticle publishes every second), taking a
 * sample (once per sample interval) and building the whole snapshot document.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TrackerBenchmark {

  /** How many connections. */
  @Param("10000")
  public int connections;

  /** RTT values per delta (messages answered per connection per second). */
  @Param({"1", "5"})
  public int rttValues;

  /** Whether Micrometer meters are fed too. */
  @Param({"false", "true"})
  public boolean meters;

  private DirectTracker stats;
  private TrafficBatch batch;

  /** Connects every connection and feeds one batch so histograms hold values. */
  @Setup(Level.Trial)
  public void setUp() {
    WsmonMetrics metrics = null;
    if (meters) {
      metrics = new WsmonMetrics();
      metrics.bindTo(new SimpleMeterRegistry());
    }
    stats = new DirectTracker(new TrackerOptions(), metrics);
    Random random = new Random(1);
    List<ConnectionDelta> deltas = new ArrayList<>(connections);
    for (int i = 1; i <= connections; i++) {
      String id = "c-" + i;
      String group = "ws://127.0.0.1:8080/feed-" + (i % 4);
      stats.onEvent(event(id, group, EventType.ATTEMPT, ConnectionState.CONNECTING, null));
      stats.onEvent(
          event(
              id, group, EventType.CONNECTED, ConnectionState.CONNECTED, 1 + random.nextDouble()));
      Histogram rtt = LatencyHistograms.create();
      long base = 500 + random.nextInt(20_000);
      for (int v = 0; v < rttValues; v++) {
        LatencyHistograms.record(rtt, base + random.nextInt(1 + (int) base / 10));
      }
      deltas.add(
          new ConnectionDelta(
              id, group, 1, 1, 64, 64, 0, 0, 0, 0, rtt, null, null, null, null, null, 0));
    }
    batch = new TrafficBatch("bench", Instant.now(), deltas);
    stats.onBatch(batch);
  }

  private static ConnectionEvent event(
      String id, String group, EventType type, ConnectionState state, Double ms) {
    return new ConnectionEvent(id, group, type, Instant.now(), 0, ms, null, null, state);
  }

  /** One traffic batch of one delta per connection. */
  @Benchmark
  public DirectTracker ingestBatch() {
    stats.onBatch(batch);
    return stats;
  }

  /** One sample: current rates of every connection and one series point. */
  @Benchmark
  public DirectTracker sample() {
    stats.sample();
    return stats;
  }

  /** The whole snapshot document. */
  @Benchmark
  public JsonObject snapshot() {
    return stats.snapshotJson();
  }
}
