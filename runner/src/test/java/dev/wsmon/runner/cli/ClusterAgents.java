package dev.wsmon.runner.cli;

import dev.wsmon.runner.cluster.AgentVerticle;
import dev.wsmon.runner.cluster.ClusterNode;
import dev.wsmon.runner.cluster.ClusterOptions;
import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An echo server and clustered agents in this JVM on loopback, started once for a test class:
 * {@code @RegisterExtension static final ClusterAgents cluster = new ClusterAgents("a1", "a2");}.
 * Each agent is a {@link ClusterNode} with an {@link AgentVerticle}; the coordinator (the command
 * line under test, given {@link #flags}) joins as one more member.
 */
final class ClusterAgents implements BeforeAllCallback, AfterAllCallback {

  private final List<String> names;
  private final String clusterName = "wsmon-test-" + UUID.randomUUID();
  private final List<ClusterNode> nodes = new ArrayList<>();
  private int port;
  private Vertx plain;
  private EchoServer server;

  /** Agents of these names, one node each. */
  ClusterAgents(String... names) {
    this.names = List.of(names);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort() > 65000 ? 40000 : s.getLocalPort();
    }
    plain = Vertx.vertx();
    server = EchoServer.deploy(plain).await(10, TimeUnit.SECONDS);
    for (String name : names) {
      ClusterNode node = ClusterNode.start(options()).await(60, TimeUnit.SECONDS);
      nodes.add(node);
      node.vertx().deployVerticle(new AgentVerticle(name, node)).await(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    for (ClusterNode node : nodes) {
      node.close().await(20, TimeUnit.SECONDS);
    }
    nodes.clear();
    if (plain != null) {
      plain.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** The echo server the agents' connections go to. */
  EchoServer server() {
    return server;
  }

  /** The node of the {@code i}-th agent (from 0, in the order given). */
  ClusterNode node(int i) {
    return nodes.get(i);
  }

  /** The options of a member of this cluster. */
  ClusterOptions options() {
    return new ClusterOptions().setClusterName(clusterName).setPort(port).setMembers(members());
  }

  /** One member address per agent and one for the coordinator. */
  List<String> members() {
    List<String> members = new ArrayList<>();
    for (int i = 0; i <= names.size(); i++) {
      members.add("127.0.0.1:" + (port + i));
    }
    return members;
  }

  /** {@code --cluster}, {@code --agents}, {@code --agent-wait} and this cluster's flags. */
  List<String> flags(int agents, String agentWait) {
    return List.of(
        "--cluster",
        "--agents",
        String.valueOf(agents),
        "--agent-wait",
        agentWait,
        "--cluster-name",
        clusterName,
        "--cluster-port",
        String.valueOf(port),
        "--cluster-members",
        String.join(",", members()));
  }

  /** {@code args} followed by {@link #flags}. */
  String[] withFlags(int agents, String agentWait, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(flags(agents, agentWait));
    return all.toArray(String[]::new);
  }
}
