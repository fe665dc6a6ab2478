package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.runner.cluster.AgentVerticle;
import dev.wsmon.runner.cluster.ClusterNode;
import dev.wsmon.runner.cluster.ClusterOptions;
import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios in a cluster run with two agents: the run ends early once every agent's connections
 * were closed by {@code close} steps, and the coordinator's live line shows the agents' scenario
 * figures. Two agents and the coordinator (from the command line) are three clustered Vert.x nodes
 * in this JVM, on loopback. Tagged {@code cluster} ({@code mvn -Pcluster verify}).
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("wsmon run --cluster --scenario with two agents")
class ClusterScenarioTest {

  private final String clusterName = "wsmon-scen-" + UUID.randomUUID();
  private int port;
  private Vertx plain;
  private EchoServer server;
  private final List<ClusterNode> agents = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort() > 65000 ? 40000 : s.getLocalPort();
    }
    plain = Vertx.vertx();
    server = EchoServer.deploy(plain).await(10, TimeUnit.SECONDS);
    for (String name : List.of("a1", "a2")) {
      ClusterNode node = ClusterNode.start(options()).await(60, TimeUnit.SECONDS);
      agents.add(node);
      node.vertx().deployVerticle(new AgentVerticle(name, node)).await(10, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  void stop() throws Exception {
    for (ClusterNode node : agents) {
      node.close().await(20, TimeUnit.SECONDS);
    }
    plain.close().await(10, TimeUnit.SECONDS);
  }

  private ClusterOptions options() {
    return new ClusterOptions().setClusterName(clusterName).setPort(port).setMembers(members());
  }

  private List<String> members() {
    return List.of("127.0.0.1:" + port, "127.0.0.1:" + (port + 1), "127.0.0.1:" + (port + 2));
  }

  private Cli run(Path dir, String scenario, String... args) throws Exception {
    Path file = dir.resolve("scenario.yaml");
    Files.writeString(file, scenario);
    List<String> all =
        new ArrayList<>(List.of("run", server.uri("/"), "--scenario", file.toString()));
    all.addAll(List.of(args));
    all.addAll(
        List.of(
            "--cluster",
            "--agents",
            "2",
            "--agent-wait",
            "60s",
            "--cluster-name",
            clusterName,
            "--cluster-port",
            String.valueOf(port),
            "--cluster-members",
            String.join(",", members())));
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
        run(
            dir,
            """
            scenario:
              name: bye
              steps:
                - send: 'hi {conn}'
                  name: hi
                - expect: {name: echoed, regex: '^hi {conn}$', timeout: 2s}
                - close: {code: 1000, reason: done}
                  name: bye
            """,
            "-c",
            "4",
            "-d",
            "60s",
            "--export-json",
            json.toString(),
            "--quiet");
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
