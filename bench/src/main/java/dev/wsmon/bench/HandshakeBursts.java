package dev.wsmon.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the raw Vert.x client itself shows between handshakes started together and handshakes
 * started alone, at a given warmth of the JVM: the physics behind issue 24's cold-start goal (the
 * first batch's max within 3x the reconnect median). In one fresh JVM, against a running server on
 * 127.0.0.1: {@code warm} bursts first (each ten handshakes started together over four event loops,
 * 3+3+2+2, as {@code wsmon run -c 10} spreads them), then {@code rounds} times ten lone handshakes
 * (20 ms apart) and one burst. Each handshake is timed from the {@code connect} call to its
 * completion on its event loop, as wsmon times an attempt; each socket is closed once open. Prints
 * one JSON line: the warm-up's CPU and wall time (s; the client process, the server is another),
 * the lone median and p90, each burst's max, and the ratio of each burst's max to the lone median.
 *
 * <p>Arguments: {@code port warm rounds}.
 */
public final class HandshakeBursts {

  private static final int LOOPS = 4;
  private static final int[] SHARE = {3, 3, 2, 2};
  private static final com.sun.management.OperatingSystemMXBean CPU =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private HandshakeBursts() {}

  /** Runs one measurement; see the class comment. */
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int warm = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(LOOPS));
    List<Context> loops = new ArrayList<>();
    List<WebSocketClient> clients = new ArrayList<>();
    for (int i = 0; i < LOOPS; i++) {
      LoopHolder holder = new LoopHolder();
      vertx.deployVerticle(holder).await();
      loops.add(holder.loop());
      clients.add(vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(20)));
    }
    long cpuBefore = CPU.getProcessCpuTime();
    long wallBefore = System.nanoTime();
    for (int i = 0; i < warm; i++) {
      burst(loops, clients, port);
    }
    double warmCpu = (CPU.getProcessCpuTime() - cpuBefore) / 1e9;
    double warmWall = (System.nanoTime() - wallBefore) / 1e9;
    double[] lone = new double[rounds * 10];
    double[] burstMax = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < 10; k++) {
        int i = r * 10 + k;
        lone[i] = handshakes(loops.get(i % LOOPS), clients.get(i % LOOPS), port, 1).get(0).get();
        Thread.sleep(20);
      }
      burstMax[r] = Arrays.stream(burst(loops, clients, port)).max().orElseThrow();
      Thread.sleep(50);
    }
    vertx.close().await();
    Arrays.sort(lone);
    double median = lone[lone.length / 2];
    JsonArray ratios = new JsonArray();
    JsonArray maxes = new JsonArray();
    int within = 0;
    for (double max : burstMax) {
      maxes.add(round(max));
      ratios.add(round(max / median));
      within += max <= 3 * median ? 1 : 0;
    }
    double[] sortedRatios = Arrays.stream(burstMax).map(m -> m / median).sorted().toArray();
    System.out.println(
        new JsonObject()
            .put("warm_bursts", warm)
            .put("warm_cpu_s", round(warmCpu))
            .put("warm_wall_s", round(warmWall))
            .put("lone_median_ms", round(median))
            .put("lone_p90_ms", round(lone[lone.length * 9 / 10]))
            .put("burst_max_ms", maxes)
            .put("ratios", ratios)
            .put("ratio_median", round(sortedRatios[sortedRatios.length / 2]))
            .put("within_3x", within)
            .put("bursts", rounds)
            .encode());
    System.exit(0);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** Ten handshakes started together, 3+3+2+2 over the loops; their times in ms. */
  private static double[] burst(List<Context> loops, List<WebSocketClient> clients, int port)
      throws Exception {
    List<CompletableFuture<Double>> all = new ArrayList<>();
    for (int l = 0; l < LOOPS; l++) {
      all.addAll(handshakes(loops.get(l), clients.get(l), port, SHARE[l]));
    }
    double[] out = new double[all.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = all.get(i).get(10, TimeUnit.SECONDS);
    }
    return out;
  }

  /** {@code n} handshakes started back to back on {@code loop}; each completes with its time. */
  private static List<CompletableFuture<Double>> handshakes(
      Context loop, WebSocketClient client, int port, int n) {
    List<CompletableFuture<Double>> times = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      times.add(new CompletableFuture<>());
    }
    loop.runOnContext(
        v -> {
          for (CompletableFuture<Double> time : times) {
            long start = System.nanoTime();
            client
                .connect(port, "127.0.0.1", "/")
                .onComplete(
                    ar -> {
                      if (ar.failed()) {
                        time.completeExceptionally(ar.cause());
                        return;
                      }
                      time.complete((System.nanoTime() - start) / 1e6);
                      ar.result().close();
                    });
          }
        });
    return times;
  }

  /** A verticle that only lends its event loop. */
  private static final class LoopHolder extends VerticleBase {
    Context loop() {
      return context;
    }

    @Override
    public Future<?> start() {
      return Future.succeededFuture();
    }
  }
}
