package dev.wsmon.bench;

import io.vertx.core.json.JsonArray;
import java.util.Locale;

/**
 * One side of {@link EndToEndBenchmark}'s flood, alone, for a profiler: {@code side=raw|wsmon
 * rounds=3 seconds=10 settle=1 connections=10 window=64 size=64}. Each round is a fresh flood in
 * this JVM against one echo-server child process; it prints msgs/s and process CPU µs per message.
 * Run by {@code bench/profile/run.sh}, which adds JFR or perf.
 */
public final class FloodProfile {

  private FloodProfile() {}

  /** Runs the flood; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    String side = "wsmon";
    int rounds = 3;
    java.util.List<String> rest = new java.util.ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("side=")) {
        side = arg.substring(5);
      } else if (arg.startsWith("rounds=")) {
        rounds = Integer.parseInt(arg.substring(7));
      } else {
        rest.add(arg);
      }
    }
    if (!side.equals("raw") && !side.equals("wsmon")) {
      throw new IllegalArgumentException("side must be raw or wsmon, got " + side);
    }
    EndToEndBenchmark.Settings s = EndToEndBenchmark.Settings.parse(rest.toArray(String[]::new));
    String payload = "x".repeat(s.size());
    try (ServerProcess server = ServerProcess.start()) {
      for (int round = 1; round <= rounds; round++) {
        EndToEndBenchmark.Flood f =
            side.equals("raw")
                ? EndToEndBenchmark.rawFlood(server, s, payload)
                : EndToEndBenchmark.wsmonFlood(server, s, payload, new JsonArray(), round);
        System.out.printf(
            Locale.ROOT,
            "%s round %d: %.0f msgs/s, %.3f us cpu/msg, load %s%n",
            side,
            round,
            f.perSecond(),
            f.cpuMicrosPerMessage(),
            EndToEndBenchmark.loadAverage());
      }
    }
    System.exit(0);
  }
}
