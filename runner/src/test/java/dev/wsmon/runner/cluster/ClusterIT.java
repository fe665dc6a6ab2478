package dev.wsmon.runner.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerStats;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator and two agents as separate processes of the built jar, on loopback, against the
 * testkit echo server of this JVM. Run with {@code mvn -Pcluster verify}.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(240)
@DisplayName("cluster runs across JVMs")
class ClusterIT {

  private final String clusterName = "wsmon-it-" + UUID.randomUUID();
  private final Map<String, Process> agents = new LinkedHashMap<>();
  private final Map<String, StringBuffer> agentErr = new LinkedHashMap<>();
  private final Map<String, CompletableFuture<Void>> coordinatorLeft = new LinkedHashMap<>();
  private final List<Process> processes = new ArrayList<>();
  private int port;
  private Vertx vertx;
  private EchoServer server;
  @TempDir Path dir;

  private static Path jar() {
    return Path.of(System.getProperty("wsmon.jar", "target/wsmon.jar"));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private List<String> clusterArgs() {
    return List.of(
        "--cluster",
        "--cluster-name",
        clusterName,
        "--cluster-port",
        String.valueOf(port),
        "--cluster-members",
        "127.0.0.1:" + port + ",127.0.0.1:" + (port + 1) + ",127.0.0.1:" + (port + 2));
  }

  private Process start(List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-jar", jar().toString()));
    command.addAll(args);
    Process p = new ProcessBuilder(command).start();
    processes.add(p);
    return p;
  }

  @BeforeAll
  void setUp() throws Exception {
    assertThat(jar()).exists();
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort() > 65000 ? 41000 : s.getLocalPort();
    }
    vertx = Vertx.vertx();
    server = EchoServer.deploy(vertx).await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  void tearDown() throws Exception {
    processes.forEach(Process::destroyForcibly);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** Starts the agents a1 and a2 unless running, and waits until each says it is ready. */
  @BeforeEach
  void agentsRunning() throws Exception {
    for (String name : List.of("a1", "a2")) {
      Process p = agents.get(name);
      if (p != null && p.isAlive()) {
        continue;
      }
      List<String> args = new ArrayList<>(List.of("agent", "--name", name));
      args.addAll(clusterArgs());
      Process agent = start(args);
      StringBuffer err = new StringBuffer();
      CompletableFuture<Void> left = new CompletableFuture<>();
      coordinatorLeft.put(name, left);
      drain(agent.getErrorStream(), err, left);
      CompletableFuture<Void> ready = new CompletableFuture<>();
      CompletableFuture.runAsync(
          () -> {
            try (BufferedReader r =
                new BufferedReader(
                    new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8))) {
              String line;
              while ((line = r.readLine()) != null) {
                if (line.contains("ready")) {
                  ready.complete(null);
                }
              }
              ready.completeExceptionally(new IllegalStateException("agent " + name + " ended"));
            } catch (IOException e) {
              ready.completeExceptionally(e);
            }
          });
      try {
        ready.get(90, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError("agent " + name + " did not get ready: " + err, e);
      }
      agents.put(name, agent);
      agentErr.put(name, err);
    }
    server.statsWhen(s -> s.connectionsOpen() <= 0, Duration.ofSeconds(30)).await();
    server.resetStats();
  }

  private static void drain(InputStream in, StringBuffer into) {
    drain(in, into, new CompletableFuture<>());
  }

  /** Copies the lines of {@code in}; completes {@code coordinatorLeft} when an agent says so. */
  private static void drain(
      InputStream in, StringBuffer into, CompletableFuture<Void> coordinatorLeft) {
    CompletableFuture.runAsync(
        () -> {
          try (BufferedReader r =
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
              into.append(line).append('\n');
              if (line.contains("coordinator left")) {
                coordinatorLeft.complete(null);
              }
            }
          } catch (IOException e) {
            // the process ended
          }
        });
  }

  private record Coordinator(Process process, StringBuffer out, StringBuffer err) {
    int exit(long seconds) throws Exception {
      assertThat(process.waitFor(seconds, TimeUnit.SECONDS))
          .as("coordinator ended: " + err)
          .isTrue();
      return process.exitValue();
    }
  }

  private Coordinator coordinator(Path json, String... more) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                server.uri("/"),
                "--send",
                "m-{conn}-{seq}",
                "--rate",
                "20",
                "--agents",
                "2",
                "--agent-wait",
                "60s",
                "--export-json",
                json.toString()));
    args.addAll(List.of(more));
    args.addAll(clusterArgs());
    Process p = start(args);
    StringBuffer out = new StringBuffer();
    StringBuffer err = new StringBuffer();
    drain(p.getInputStream(), out);
    drain(p.getErrorStream(), err);
    return new Coordinator(p, out, err);
  }

  @Test
  @Order(1)
  @DisplayName("two agents: counts merged exactly, connections split 3/2 with their agent")
  void exactMergedCounts() throws Exception {
    Path json = dir.resolve("merged.json");
    Coordinator c = coordinator(json, "-c", "5", "-d", "4s");
    assertThat(c.exit(120)).as(c.err().toString()).isZero();
    JsonObject snapshot = new JsonObject(Files.readString(json));
    JsonObject total = snapshot.getJsonObject("total");
    EchoServerStats served = server.stats();
    assertThat(total.getLong("messages_sent")).isPositive();
    assertThat(total.getLong("messages_sent")).isEqualTo(served.messagesReceived());
    assertThat(total.getLong("messages_received")).isEqualTo(served.messagesSent());
    assertThat(total.getLong("bytes_sent")).isEqualTo(served.bytesReceived());
    assertThat(total.getLong("successful_connections")).isEqualTo(5);
    assertThat(served.connectionsOpened()).isEqualTo(5);
    assertThat(total.getJsonObject("rtt_ms").getLong("count"))
        .isEqualTo(total.getLong("messages_received"));
    Map<String, Integer> perAgent = new LinkedHashMap<>();
    long sentOfConnections = 0;
    for (Object o : snapshot.getJsonArray("connections")) {
      JsonObject conn = (JsonObject) o;
      perAgent.merge(conn.getString("agent"), 1, Integer::sum);
      assertThat(conn.getString("connection_id")).startsWith(conn.getString("agent") + ":c-");
      sentOfConnections += conn.getLong("messages_sent");
    }
    assertThat(perAgent).containsOnly(Map.entry("a1", 3), Map.entry("a2", 2));
    assertThat(sentOfConnections).isEqualTo(total.getLong("messages_sent"));
  }

  @Test
  @Order(2)
  @DisplayName("a killed coordinator: the agents stop their connections and wait for the next run")
  void coordinatorLoss() throws Exception {
    Coordinator c = coordinator(dir.resolve("lost.json"), "-c", "4", "-d", "5m");
    server.statsWhen(s -> s.connectionsOpen() == 4, Duration.ofSeconds(90)).await();
    c.process().destroyForcibly();
    long killed = System.nanoTime();
    server.statsWhen(s -> s.connectionsOpen() == 0, Duration.ofSeconds(20)).await();
    long stoppedMs = (System.nanoTime() - killed) / 1_000_000;
    assertThat(stoppedMs).isLessThan(15_000);
    long received = server.stats().messagesReceived();
    assertThat(agents.values()).allMatch(Process::isAlive);
    for (CompletableFuture<Void> left : coordinatorLeft.values()) {
      left.get(10, TimeUnit.SECONDS);
    }
    assertThat(agentErr.values())
        .as("each agent saw the coordinator's node leave (not only the report timeout)")
        .allMatch(
            e ->
                e.toString().contains("stopping run") && e.toString().contains("coordinator left"));
    // no orphan load: nothing more arrives
    server.statsWhen(s -> false, Duration.ofSeconds(2)).otherwiseEmpty().await();
    assertThat(server.stats().messagesReceived()).isEqualTo(received);
    System.out.println(
        "coordinator loss: agents stopped their connections " + stoppedMs + " ms after the kill");
  }

  @Test
  @Order(3)
  @DisplayName("a killed agent: AGENT_LOST, its stats kept, the run goes on with the other one")
  void agentLossContinue() throws Exception {
    Path json = dir.resolve("agent-lost.json");
    Coordinator c = coordinator(json, "-c", "4", "-d", "20s");
    server.statsWhen(s -> s.connectionsOpen() == 4, Duration.ofSeconds(90)).await();
    server.statsWhen(s -> s.messagesReceived() > 100, Duration.ofSeconds(30)).await();
    agents.get("a2").destroyForcibly().waitFor();
    assertThat(c.exit(120)).as(c.err().toString()).isZero();
    assertThat(c.err().toString()).contains("agent a2 lost");
    JsonObject snapshot = new JsonObject(Files.readString(json));
    JsonArray events = snapshot.getJsonArray("events");
    long lost =
        events.stream()
            .map(JsonObject.class::cast)
            .filter(e -> e.getString("type").equals("AGENT_LOST"))
            .peek(e -> assertThat(e.getString("connection_id")).startsWith("a2:c-"))
            .count();
    assertThat(lost).isEqualTo(2);
    long a1Sent = 0;
    long a2Sent = 0;
    for (Object o : snapshot.getJsonArray("connections")) {
      JsonObject conn = (JsonObject) o;
      if (conn.getString("agent").equals("a1")) {
        a1Sent += conn.getLong("messages_sent");
        assertThat(conn.getLong("messages_received")).isEqualTo(conn.getLong("messages_sent"));
      } else {
        a2Sent += conn.getLong("messages_sent");
        assertThat(conn.getBoolean("is_connected")).isFalse();
      }
    }
    assertThat(a2Sent).as("the lost agent's stats are kept").isGreaterThan(0);
    assertThat(a1Sent).as("the other agent went on").isGreaterThan(a2Sent);
  }

  @Test
  @Order(4)
  @DisplayName("--on-agent-loss fail: the run ends at once with exit 1")
  void agentLossFail() throws Exception {
    Path json = dir.resolve("agent-fail.json");
    Coordinator c = coordinator(json, "-c", "2", "-d", "5m", "--on-agent-loss", "fail");
    server.statsWhen(s -> s.connectionsOpen() == 2, Duration.ofSeconds(90)).await();
    agents.get("a1").destroyForcibly().waitFor();
    assertThat(c.exit(60)).as(c.err().toString()).isEqualTo(1);
    assertThat(c.err().toString()).contains("FAIL  agent a1 lost");
    assertThat(Files.readString(json)).contains("AGENT_LOST");
  }
}
