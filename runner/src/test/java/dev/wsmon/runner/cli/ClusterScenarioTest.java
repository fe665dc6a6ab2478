package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.runner.cluster.AgentReport;
import dev.wsmon.runner.cluster.ClusterAddresses;
import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
   * silent at the start and is lost. With {@code live} figures, its reports carry them and it falls
   * silent once one was acknowledged; when the coordinator then aborts it (lost), it sends a late
   * final report with other results, whose reply completes {@link #late}.
   */
  private static final class StubAgent extends VerticleBase {
    private final String node;
    private final boolean muteOnStart;
    private final JsonObject live;
    private final Promise<Void> late = Promise.promise();
    private volatile boolean mute;
    private String runId;
    private long seq;

    StubAgent(String node, boolean muteOnStart) {
      this(node, muteOnStart, null);
    }

    StubAgent(String node, boolean muteOnStart, JsonObject live) {
      this.node = node;
      this.muteOnStart = muteOnStart;
      this.live = live;
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
                } else if ("abort".equals(m.body().getString("op")) && live != null) {
                  sendLateResults();
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
                new AgentReport("z9", runId, ++seq, List.of(), List.of(), null, live, false))
            .onSuccess(ack -> mute |= live != null);
      }
    }

    /** A final report after the loss: 100 iterations on z9:c-1, which must not count. */
    private void sendLateResults() {
      JsonObject stats =
          new JsonObject()
              .put("iterations", 100)
              .put("completed", 100)
              .put("failed", 0)
              .put("interrupted", 0)
              .put("passes", 0)
              .put("fails", 0)
              .put("steps", new JsonObject())
              .put("checks", new JsonObject());
      JsonObject results =
          new JsonObject().put("z9:c-1", new JsonObject().put("group", "late").put("stats", stats));
      vertx
          .eventBus()
          .request(
              ClusterAddresses.run(runId),
              new AgentReport(
                  "z9",
                  runId,
                  ++seq,
                  List.of(),
                  List.of(),
                  results,
                  live.copy().put("iterations", 100),
                  true))
          .onComplete(ar -> late.tryFail(ar.failed() ? ar.cause() : new AssertionError("taken")));
    }
  }

  /** Runs {@code args} with a stub agent z9 beside a1 and a2 ({@code --agents 3}). */
  private Cli runWithStub(Path dir, boolean muteOnStart, String... args) throws Exception {
    return runWithStub(dir, new StubAgent(cluster.node(1).nodeId(), muteOnStart), args);
  }

  /** Runs {@code args} with {@code stub} beside a1 and a2 ({@code --agents 3}). */
  private Cli runWithStub(Path dir, StubAgent stub, String... args) throws Exception {
    Vertx v = cluster.node(1).vertx();
    String id = v.deployVerticle(stub).await(10, TimeUnit.SECONDS);
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

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  @DisplayName(
      "a lost agent's last live figures stay in the final results, marked, counted once: its late"
          + " final report is refused")
  void lostAgentFiguresKept(@TempDir Path dir) throws Exception {
    JsonObject live =
        new JsonObject(
            """
            {"name": "bye", "iterations": 2, "completed": 1, "failed": 0, "interrupted": 0,
             "steps": {"hi": {"ok": 2, "failed": 0, "timed_out": 0},
                       "echoed": {"ok": 1, "failed": 0, "timed_out": 1}},
             "checks": {"passes": 0, "fails": 0}}
            """);
    StubAgent stub = new StubAgent(cluster.node(1).nodeId(), false, live);
    Path json = dir.resolve("run.json");
    Cli run = runWithStub(dir, stub, "-c", "6", "-d", "60s", "--export-json", json.toString());
    assertThat(run.err).contains("agent z9 lost");
    Throwable refused =
        stub.late
            .future()
            .<Throwable>transform(ar -> Future.succeededFuture(ar.cause()))
            .await(20, TimeUnit.SECONDS);
    assertThat(refused).as("the late final report was answered").isNotNull();
    assertThat(((ReplyException) refused).failureCode()).as(refused.toString()).isEqualTo(410);
    JsonObject sc =
        new JsonObject(Files.readString(json)).getJsonObject("total").getJsonObject("scenario");
    assertThat(sc.getJsonObject("lost_agents").getJsonObject("z9").getLong("iterations"))
        .isEqualTo(2);
    assertThat(sc.getLong("iterations")).as("a1 and a2: 4, z9's last figures: 2").isEqualTo(6);
    assertThat(sc.getLong("completed")).isEqualTo(5);
    assertThat(sc.getLong("interrupted")).as("z9's iteration in flight when lost").isEqualTo(1);
    JsonObject steps = sc.getJsonObject("steps");
    assertThat(steps.getJsonObject("hi").getLong("ok")).isEqualTo(6);
    assertThat(steps.getJsonObject("echoed").getLong("timed_out")).isEqualTo(1);
    assertThat(steps.getJsonObject("bye").getLong("ok")).isEqualTo(4);
    assertThat(run.out).contains("with the last live figures of lost agent(s) z9");
  }

  private static final String RESET_SCENARIO =
      """
      scenario:
        name: counted
        steps:
          - repeat:
              count: 10
              think: 20ms
              steps:
                - send: 'f {seq}'
                  name: f
                - expect: {name: f-echo, regex: '^f {seq}$', timeout: 2s}
          - send: 'done'
            name: done
          - expect: {name: idle, regex: '^never$', timeout: 60s}
      """;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  @DisplayName(
      "stats.reset on the coordinator resets the agents' scenario figures: live line and final"
          + " results")
  void resetReachesTheAgents(@TempDir Path dir) throws Exception {
    EchoServer server = cluster.server();
    server.resetStats();
    Path json = dir.resolve("run.json");
    CompletableFuture<Cli> running =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return run(
                    dir,
                    RESET_SCENARIO,
                    "-c",
                    "4",
                    "-d",
                    "9s",
                    "--stats-interval",
                    "300ms",
                    "--grace",
                    "500ms",
                    "--export-json",
                    json.toString());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    // 4 × 10 echoes, then 'done' from each connection: every f and f-echo step has ended
    server.statsWhen(s -> s.messagesReceived() >= 44, Duration.ofSeconds(60)).await();
    JsonObject reply = resetStats(cluster.node(0).vertx());
    assertThat(reply.getBoolean("reset")).isTrue();
    Cli run = running.get(100, TimeUnit.SECONDS);
    assertThat(run.code).as("connected before the reset: not 'could not run'; " + run).isZero();

    JsonObject steps =
        new JsonObject(Files.readString(json))
            .getJsonObject("total")
            .getJsonObject("scenario")
            .getJsonObject("steps");
    assertThat(steps.getJsonObject("f").getLong("ok")).as("all 40 before the reset").isZero();
    assertThat(steps.getJsonObject("f-echo").getLong("ok")).isZero();
    assertThat(steps.getJsonObject("done").getLong("ok")).isZero();
    assertThat(steps.getJsonObject("idle").getLong("runs"))
        .as("in flight at the reset")
        .isEqualTo(4);
    String lastLive =
        run.err
            .lines()
            .filter(l -> l.contains("scenario it"))
            .reduce((a, b) -> b)
            .orElseThrow(() -> new AssertionError("no live line in " + run.err));
    assertThat(lastLive).as(run.err).contains("steps ok 0 fail 0");
  }

  /** Sends {@code wsmon.stats.reset} across the cluster (retried until the tracker is known). */
  private static JsonObject resetStats(Vertx from) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        return from.eventBus()
            .<JsonObject>request("wsmon.stats.reset", new JsonObject())
            .await(10, TimeUnit.SECONDS)
            .body();
      } catch (ReplyException e) {
        if (e.failureType() != ReplyFailure.NO_HANDLERS || System.nanoTime() > deadline) {
          throw e;
        }
        from.timer(100).await(5, TimeUnit.SECONDS);
      }
    }
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
