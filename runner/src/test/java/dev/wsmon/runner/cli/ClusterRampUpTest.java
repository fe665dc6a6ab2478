package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ramp-up of a cluster run is one ramp over every agent: run-wide connection k of N starts k ×
 * ramp / N after the common start, whichever agent and loop own it. Two agents and the coordinator
 * (from the command line) are three clustered Vert.x nodes in this JVM, on loopback. Tagged {@code
 * cluster} ({@code mvn -Pcluster verify}).
 */
@Tag("cluster")
@DisplayName("wsmon run --cluster --ramp-up with two agents")
class ClusterRampUpTest {

  private static final int CONNECTIONS = 6;
  private static final long RAMP_MS = 3_000;

  /** How far a start may be from k × ramp / N: a timer late on a loaded 2-core machine. */
  private static final long TOLERANCE_MS = 200;

  @RegisterExtension static final ClusterAgents cluster = new ClusterAgents("a1", "a2");

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  @DisplayName("connection k of 6 starts k × 3 s / 6 after the first, across both agents")
  void oneRampOverBothAgents(@TempDir Path dir) throws Exception {
    Path events = dir.resolve("events.jsonl");
    Cli run =
        Cli.run(
            cluster.withFlags(
                2,
                "60s",
                "run",
                cluster.server().uri("/"),
                "-c",
                String.valueOf(CONNECTIONS),
                "--ramp-up",
                RAMP_MS + "ms",
                "-d",
                "5s",
                "--events-jsonl",
                events.toString(),
                "--quiet"));
    assertThat(run.code).as(run.toString()).isZero();

    // run-wide order: agent a1 holds connections 1..3, a2 holds 4..6 (split by agent name)
    Map<String, Instant> firstAttempt = new LinkedHashMap<>();
    for (String line : Files.readAllLines(events)) {
      JsonObject e = new JsonObject(line);
      if ("ATTEMPT".equals(e.getString("type"))) {
        firstAttempt.putIfAbsent(
            e.getString("connection_id"), Instant.parse(e.getString("timestamp")));
      }
    }
    List<String> runWide = new ArrayList<>();
    for (String agent : List.of("a1", "a2")) {
      for (int i = 1; i <= CONNECTIONS / 2; i++) {
        runWide.add(agent + ":c-" + i);
      }
    }
    assertThat(firstAttempt.keySet()).containsExactlyInAnyOrderElementsOf(runWide);
    Instant origin = firstAttempt.get(runWide.get(0));
    List<Long> offsets = new ArrayList<>();
    for (String id : runWide) {
      offsets.add(Duration.between(origin, firstAttempt.get(id)).toMillis());
    }
    for (int k = 0; k < CONNECTIONS; k++) {
      long expected = k * RAMP_MS / CONNECTIONS;
      assertThat(offsets.get(k))
          .as("start of %s (run-wide %d) after the first; all: %s", runWide.get(k), k + 1, offsets)
          .isBetween(expected - TOLERANCE_MS, expected + TOLERANCE_MS);
    }
  }
}
