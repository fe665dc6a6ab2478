package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.runner.cluster.AgentReport;
import dev.wsmon.runner.cluster.ClusterAddresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios in a cluster run with two agents: the run ends early once every agent's connections
 * were closed by {@code close} steps, and the coordinator's live line shows the agents' scenario
 * figures. Two agents and the coordinator (from the command line) are three clustered Vert.x nodes
 * in this JVM, on loopback. Tagged {@code cluster} ({@code mvn -Pcluster verify}).
 */
@Tag("cluster")
@DisplayName("wsmon run --cluster --scenario with two agents")
class ClusterScenarioTest {

  @RegisterExtension static final ClusterAgents cluster = new ClusterAgents("a1", "a2");

  private static final String CLOSING =
      """
      scenario:
        name: bye
        steps:
          - send: 'hi {conn}'
            name: hi
          - expect: {name: echoed, regex: '^hi {conn}$', timeout: 2s}
          - close: {code: 1000, reason: done}
            name: bye
      """;

  /**
   * A third agent, {@code z9}, on a2's node: it takes its work order and runs no connections; it
   * reports (never that its connections were closed) unless {@code muteOnStart}, then it falls
   * silent at the start and is lost.
   */
  private static final class StubAgent extends VerticleBase {
    private final String node;
    private final boolean muteOnStart;
    private volatile boolean mute;
    private String runId;
    private long seq;

    StubAgent(String node, boolean muteOnStart) {
      this.node = node;
      this.muteOnStart = muteOnStart;
    }

    @Override
    public Future<?> start() {
      vertx.setPeriodic(300, id -> beat());
      return vertx
          .eventBus()
          .<JsonObject>consumer(
              ClusterAddresses.agent("z9"),
              m -> {
                if ("start".equals(m.body().getString("op"))) {
                  runId = m.body().getString("run_id");
                  mute = muteOnStart;
                }
                m.reply(new JsonObject().put("ok", true).put("agent", "z9"));
              })
          .completion();
    }

    private void beat() {
      if (mute) {
        return;
      }
      vertx
          .eventBus()
          .publish(
              ClusterAddresses.HEARTBEAT,
              new JsonObject()
                  .put("agent", "z9")
                  .put("node", node)
                  .put("cores", 1)
                  .put("free_memory", 0L)
                  .put("max_memory", 0L)
                  .put("source_addresses", new JsonArray())
                  .put("run_id", runId));
      if (runId != null) {
        vertx
            .eventBus()
            .request(
                ClusterAddresses.run(runId),
                new AgentReport("z9", runId, ++seq, List.of(), List.of()));
      }
    }
  }

  /** Runs {@code args} with a stub agent z9 beside a1 and a2 ({@code --agents 3}). */
  private Cli runWithStub(Path dir, boolean muteOnStart, String... args) throws Exception {
    Vertx v = cluster.node(1).vertx();
    String id =
        v.deployVerticle(new StubAgent(cluster.node(1).nodeId(), muteOnStart))
            .await(10, TimeUnit.SECONDS);
    try {
      return run(dir, CLOSING, 3, args);
    } finally {
      v.undeploy(id).await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  @DisplayName("an agent whose connections are not all closed keeps the run going to -d")
  void oneAgentStillOpen(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("run.json");
    Cli run = runWithStub(dir, false, "-c", "6", "-d", "5s", "--export-json", json.toString());
    assertThat(run.code).as(run.toString()).isZero();
    JsonObject snapshot = new JsonObject(Files.readString(json));
    assertThat(snapshot.getDouble("elapsed_seconds")).isGreaterThanOrEqualTo(4.9);
    assertThat(
            snapshot
                .getJsonObject("total")
                .getJsonObject("scenario")
                .getJsonObject("steps")
                .getJsonObject("bye")
                .getLong("ok"))
        .as("a1 and a2 closed theirs")
        .isEqualTo(4);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  @DisplayName("a lost agent counts as done: the others' close steps then end the run")
  void lostAgentCountsAsDone(@TempDir Path dir) throws Exception {
    long t0 = System.nanoTime();
    Cli run = runWithStub(dir, true, "-c", "6", "-d", "60s");
    double wall = (System.nanoTime() - t0) / 1e9;
    assertThat(run.err).contains("agent z9 lost");
    assertThat(wall).as("ended once z9 was lost (8 s), not by -d 60s; " + run).isLessThan(40);
  }

  private Cli run(Path dir, String scenario, String... args) throws Exception {
    return run(dir, scenario, 2, args);
  }

  private Cli run(Path dir, String scenario, int agentCount, String... args) throws Exception {
    Path file = dir.resolve("scenario.yaml");
    Files.writeString(file, scenario);
    List<String> all =
        new ArrayList<>(List.of("run", cluster.server().uri("/"), "--scenario", file.toString()));
    all.addAll(List.of(args));
    all.addAll(cluster.flags(agentCount, "60s"));
    return Cli.run(all.toArray(String[]::new));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  @DisplayName(
      "a run of -d 60s ends in seconds once both agents' connections closed by close steps")
  void closeStepsEndTheRun(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("run.json");
    long t0 = System.nanoTime();
    Cli run =
        run(dir, CLOSING, "-c", "4", "-d", "60s", "--export-json", json.toString(), "--quiet");
    double wall = (System.nanoTime() - t0) / 1e9;
    assertThat(run.code).as(run.toString()).isZero();
    assertThat(wall).as("ended by the close steps, not by -d 60s").isLessThan(30);
    JsonObject snapshot = new JsonObject(Files.readString(json));
    assertThat(snapshot.getDouble("elapsed_seconds")).isLessThan(20);
    JsonObject steps =
        snapshot.getJsonObject("total").getJsonObject("scenario").getJsonObject("steps");
    assertThat(steps.getJsonObject("echoed").getLong("ok")).isEqualTo(4);
    assertThat(steps.getJsonObject("bye").getLong("ok")).isEqualTo(4);
    JsonArray connections = snapshot.getJsonArray("connections");
    Set<String> byAgent = new HashSet<>();
    connections.forEach(c -> byAgent.add(((JsonObject) c).getString("agent")));
    assertThat(byAgent).as("both agents held connections").containsExactlyInAnyOrder("a1", "a2");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  @DisplayName("the coordinator's live line shows the scenario figures summed over the agents")
  void liveLineShowsScenario(@TempDir Path dir) throws Exception {
    Cli run =
        run(
            dir,
            """
            scenario:
              steps:
                - repeat:
                    forever: true
                    think: 20ms
                    steps:
                      - send: 'f {seq}'
                        name: f
                      - expect: {name: f-echo, regex: '^f {seq}$', timeout: 1s}
            """,
            "-c",
            "4",
            "-d",
            "4s",
            "--stats-interval",
            "500ms");
    assertThat(run.code).as(run.toString()).isZero();
    assertThat(run.err)
        .as("iterations of the 4 connections on both agents, steps and checks")
        .containsPattern("scenario it 4 ok 0 fail 0  steps ok [1-9]\\d* fail 0  checks 100");
  }
}
