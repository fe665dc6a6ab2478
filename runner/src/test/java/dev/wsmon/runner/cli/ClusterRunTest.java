package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.core.TrafficBatch;
import dev.wsmon.runner.cluster.AgentReport;
import dev.wsmon.runner.cluster.ClusterNode;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.EchoServerStats;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clustered Vert.x nodes in one JVM on loopback: an agent, and (from the command line) a
 * coordinator; the multi-JVM test is ClusterIT. Tagged {@code cluster} ({@code mvn -Pcluster
 * verify}): forming the cluster makes it take 28-42 s on the 2-core build box, over the default
 * suite's 20 s budget for it.
 */
@Tag("cluster")
@DisplayName("wsmon run --cluster with one in-process agent")
class ClusterRunTest {

  @RegisterExtension static final ClusterAgents cluster = new ClusterAgents("a1");

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  @DisplayName("the coordinator merges the agent's counts exactly; connections carry the agent")
  void exactMergedCounts(@TempDir Path dir) throws Exception {
    cluster.server().resetStats();
    Path json = dir.resolve("run.json");
    Cli run =
        runOnAgent(
            3,
            "3s",
            "--send",
            "hello {conn}-{seq}",
            "--rate",
            "20",
            "--export-json",
            json.toString());
    assertThat(run.code).as(run.toString()).isZero();
    JsonObject snapshot = new JsonObject(Files.readString(json));
    JsonObject total = snapshot.getJsonObject("total");
    EchoServerStats served = cluster.server().stats();
    assertThat(total.getLong("messages_sent")).isPositive();
    assertThat(total.getLong("messages_sent")).isEqualTo(served.messagesReceived());
    assertThat(total.getLong("messages_received")).isEqualTo(served.messagesSent());
    assertThat(total.getLong("messages_received")).isEqualTo(total.getLong("messages_sent"));
    assertThat(total.getLong("successful_connections")).isEqualTo(3);
    assertThat(served.connectionsOpened()).isEqualTo(3);
    // -d and the sending time count from the agents' common start instant
    double sending = snapshot.getDouble("sending_seconds");
    assertThat(sending).isBetween(2.7, 3.3);
    assertThat(total.getLong("messages_sent") / (3 * sending)).isBetween(16.0, 21.0);
    assertThat(total.getJsonObject("rtt_ms").getLong("count"))
        .isEqualTo(total.getLong("messages_received"));
    JsonArray connections = snapshot.getJsonArray("connections");
    assertThat(connections).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonObject c = connections.getJsonObject(i);
      assertThat(c.getString("agent")).isEqualTo("a1");
      assertThat(c.getString("connection_id")).startsWith("a1:c-");
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  @DisplayName("a scenario runs on the agent; its results merge exactly into the coordinator's")
  void scenarioOnAgents(@TempDir Path dir) throws Exception {
    cluster.server().resetStats();
    Path scenario = dir.resolve("echo.yaml");
    Files.writeString(
        scenario,
        """
        scenario:
          name: echo
          steps:
            - repeat:
                count: 3
                steps:
                  - send: '@hello.txt'
                    name: hello
                  - expect: {name: echoed, regex: 'hello {conn}-{feed.user}-{seq}', timeout: 2s}
        """);
    Files.writeString(dir.resolve("hello.txt"), "hello {conn}-{feed.user}-{seq}");
    Path users = dir.resolve("users.csv");
    Files.writeString(users, "user\nann\nbob\ncy\n");
    Path json = dir.resolve("run.json");
    Cli run =
        runOnAgent(
            3,
            "3s",
            "--scenario",
            scenario.toString(),
            "--feeder",
            users.toString(),
            "--check",
            "greets=regex:^hello ",
            "--threshold",
            "scenario.steps.echoed.ok==9",
            "--export-json",
            json.toString());
    assertThat(run.code).as(run.toString()).isZero();
    JsonObject snapshot = new JsonObject(Files.readString(json));
    JsonObject total = snapshot.getJsonObject("total");
    JsonObject sc = total.getJsonObject("scenario");
    assertThat(sc.getLong("iterations")).isEqualTo(3);
    assertThat(sc.getLong("completed")).isEqualTo(3);
    JsonObject echoed = sc.getJsonObject("steps").getJsonObject("echoed");
    assertThat(echoed.getLong("ok")).isEqualTo(9);
    assertThat(echoed.getJsonObject("latency_ms").getLong("count")).isEqualTo(9);
    assertThat(sc.getJsonObject("steps").getJsonObject("hello").getLong("ok"))
        .isEqualTo(cluster.server().stats().messagesReceived())
        .isEqualTo(total.getLong("messages_sent"))
        .isEqualTo(9);
    JsonObject greets =
        sc.getJsonObject("checks").getJsonObject("by_check").getJsonObject("greets");
    assertThat(greets.getLong("passes")).isEqualTo(9);
    assertThat(
            snapshot
                .getJsonObject("groups")
                .getJsonObject(cluster.server().uri("/"))
                .getJsonObject("scenario"))
        .isEqualTo(sc);
    JsonArray connections = snapshot.getJsonArray("connections");
    long perConnection = 0;
    for (int i = 0; i < connections.size(); i++) {
      JsonObject c = connections.getJsonObject(i);
      assertThat(c.getString("connection_id")).startsWith("a1:c-");
      JsonObject cs = c.getJsonObject("scenario");
      assertThat(cs.getLong("completed")).isEqualTo(1);
      perConnection +=
          cs.getJsonObject("steps")
              .getJsonObject("echoed")
              .getJsonObject("latency_ms")
              .getLong("count");
    }
    assertThat(perConnection).isEqualTo(9);
    assertThat(run.out).contains("PASS  scenario.steps.echoed.ok == 9");
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  @DisplayName(
      "an agent attaches the scenario before the first connect: a greeting on open is seen")
  void greetingOnAgents(@TempDir Path dir) throws Exception {
    cluster.server().resetStats();
    cluster.server().faults(FaultSpec.parse("banner=welcome"));
    try {
      Path scenario = dir.resolve("greeted.yaml");
      Files.writeString(
          scenario,
          """
          scenario:
            name: greeted
            steps:
              - expect: {name: greeting, regex: '^welcome$', timeout: 5s}
          """);
      Cli run =
          runOnAgent(
              50,
              "2s",
              "--scenario",
              scenario.toString(),
              "--threshold",
              "scenario.steps.greeting.ok==50",
              "--threshold",
              "scenario.steps.greeting.timed_out==0");
      assertThat(run.code).as(run.toString()).isZero();
    } finally {
      cluster.server().faults(new FaultSpec());
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  @DisplayName(
      "a connection waiting to reconnect when the run ends ends RECONNECTING on the coordinator"
          + " (was CLOSED when the drain lasted past a report: here an echo delayed 1 s on the"
          + " other endpoint): the agents forward their events up to the end before its closes")
  void endStateOnAgents(@TempDir Path dir) throws Exception {
    Vertx vertx = Vertx.vertx();
    cluster.server().faults(FaultSpec.parse("delay=1s"));
    try {
      EchoServer closing =
          EchoServer.deploy(
                  vertx, new EchoServerOptions().setFaults(FaultSpec.parse("close-after=0:1001")))
              .await();
      Path json = dir.resolve("run.json");
      Path config = dir.resolve("two.yaml");
      Files.writeString(
          config,
          "endpoints:\n  - " + cluster.server().uri("/") + "\n  - " + closing.uri("/") + "\n");
      Cli run =
          Cli.run(
              cluster.withFlags(
                  1,
                  "30s",
                  "run",
                  "--config",
                  config.toString(),
                  "-c",
                  "1",
                  "-d",
                  "2s",
                  "--quiet",
                  "--send",
                  "x",
                  "--rate",
                  "5",
                  "--reconnect-delay",
                  "60s",
                  "--max-reconnect-delay",
                  "60s",
                  "--export-json",
                  json.toString()));
      assertThat(run.code).as(run.toString()).isZero();
      JsonObject snapshot = new JsonObject(Files.readString(json));
      assertThat(snapshot.getJsonObject("total").getInteger("connected")).isEqualTo(1);
      JsonObject byGroup = new JsonObject();
      snapshot
          .getJsonArray("connections")
          .forEach(c -> byGroup.put(((JsonObject) c).getString("group"), c));
      assertThat(byGroup.getJsonObject(closing.uri("/")).getString("state"))
          .as("the connection of the closing server")
          .isEqualTo("RECONNECTING");
      assertThat(byGroup.getJsonObject(cluster.server().uri("/")).getString("state"))
          .isEqualTo("CONNECTED");
      assertThat(snapshot.getJsonObject("total").getLong("messages_received"))
          .as("the drain awaited the delayed echoes")
          .isEqualTo(snapshot.getJsonObject("total").getLong("messages_sent"));
    } finally {
      cluster.server().faults(new FaultSpec());
      vertx.close().await(20, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  @DisplayName("too few agents within agentWait: exit 3 naming the agents seen")
  void tooFewAgents() {
    Cli run = Cli.run(cluster.withFlags(2, "10s", "run", cluster.server().uri("/")));
    assertThat(run.code).as(run.toString()).isEqualTo(3);
    assertThat(run.err).contains("only 1 of 2 agent(s) joined within 10s (a1)");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  @DisplayName("every cluster body type crosses nodes through its wire form unchanged")
  void bodiesCrossNodes() throws Exception {
    ClusterNode other = ClusterNode.start(cluster.options()).await(60, TimeUnit.SECONDS);
    try {
      Histogram rtt = LatencyHistograms.create();
      for (int i = 1; i <= 100; i++) {
        LatencyHistograms.record(rtt, i * 250L);
      }
      Instant t = Instant.parse("2026-01-01T00:00:00.123456Z");
      ConnectionEvent event =
          new ConnectionEvent(
              "a1:c-1", "g", EventType.CONNECTED, t, 0, 1.5, null, "r", ConnectionState.CONNECTED);
      TrafficBatch batch =
          new TrafficBatch(
              "a1",
              t,
              List.of(
                  new ConnectionDelta(
                      "a1:c-1", "g", 5, 4, 50, 40, 0, 1, 0, 0, rtt, null, null, null, null, null,
                      0)));
      AgentReport report = new AgentReport("a1", "r1", 7, List.of(event), List.of(batch));
      JsonObject control = new JsonObject().put("op", "start").put("run_id", "r1");
      for (Object body : List.of(event, batch, report, control)) {
        String address = "wsmon.test.codec." + UUID.randomUUID();
        Promise<Object> got = Promise.promise();
        cluster
            .node(0)
            .vertx()
            .eventBus()
            .consumer(address, m -> got.tryComplete(m.body()))
            .completion()
            .await(10, TimeUnit.SECONDS);
        sendUntilDelivered(other.vertx(), address, body, got.future());
        Object back = got.future().await(20, TimeUnit.SECONDS);
        assertThat(back).isNotSameAs(body);
        assertThat(wire(back)).isEqualTo(wire(body));
      }
    } finally {
      other.close().await(20, TimeUnit.SECONDS);
    }
  }

  /**
   * {@code wsmon run} of {@code connections} connections for {@code duration} on the one agent
   * (agent wait 30 s), quiet, with {@code more} flags.
   */
  private static Cli runOnAgent(int connections, String duration, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                cluster.server().uri("/"),
                "-c",
                String.valueOf(connections),
                "-d",
                duration));
    args.addAll(List.of(more));
    args.add("--quiet");
    return Cli.run(cluster.withFlags(1, "30s", args.toArray(String[]::new)));
  }

  /** Sends until the consumer got it: the registration may not have reached the other node yet. */
  private static void sendUntilDelivered(
      Vertx from, String address, Object body, Future<Object> got) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!got.isComplete() && System.nanoTime() < deadline) {
      Promise<Void> tried = Promise.promise();
      from.eventBus().request(address, body).onComplete(ar -> tried.tryComplete());
      from.setTimer(200, id -> tried.tryComplete());
      tried.future().await(5, TimeUnit.SECONDS);
    }
  }

  private static JsonObject wire(Object body) {
    if (body instanceof ConnectionEvent e) {
      return e.toWireJson();
    }
    if (body instanceof TrafficBatch b) {
      return b.toJson();
    }
    if (body instanceof AgentReport r) {
      return r.toJson();
    }
    return (JsonObject) body;
  }
}
