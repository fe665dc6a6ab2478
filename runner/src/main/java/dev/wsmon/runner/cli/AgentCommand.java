package dev.wsmon.runner.cli;

import dev.wsmon.runner.cluster.AgentVerticle;
import dev.wsmon.runner.cluster.ClusterNode;
import dev.wsmon.runner.config.ConfigException;
import dev.wsmon.runner.report.ExitCodes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code wsmon agent --cluster}: joins the cluster and runs the work coordinators send. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Join the wsmon cluster (clustered Vert.x event bus on Hazelcast), advertise this machine's"
          + " capacity (cores, free memory, source addresses) and run the connections a"
          + " coordinator ('wsmon run --cluster --agents N ...') sends, until Ctrl-C.",
      "Stops its connections within 10s when the coordinator is lost, then waits for the next"
          + " run. Defaults are loopback-only; see docs/cluster.md for a real network."
    },
    footer = {
      "",
      "Example: wsmon agent --cluster --cluster-host 10.0.0.5 --cluster-members 10.0.0.4"
    })
public final class AgentCommand implements Callable<Integer> {

  @ParentCommand WsmonCommand parent;

  @Option(names = "--cluster", description = "Required: join the cluster.")
  boolean cluster;

  @Option(
      names = "--name",
      paramLabel = "N",
      description =
          "Agent name, unique in the cluster; connection ids are <name>:c-N (default:"
              + " <hostname>-<pid>).")
  String name;

  @Option(
      names = "--cluster-host",
      paramLabel = "H",
      description = "Address to bind and advertise (default: 127.0.0.1).")
  String clusterHost = "127.0.0.1";

  @Option(
      names = "--cluster-port",
      paramLabel = "P",
      description = "First Hazelcast port (default: 5701).")
  int clusterPort = 5701;

  @Option(
      names = "--cluster-name",
      paramLabel = "NAME",
      description = "Hazelcast cluster name (default: wsmon).")
  String clusterName = "wsmon";

  @Option(
      names = "--cluster-members",
      paramLabel = "A,B",
      description = "Members to join, host or host:port (default: 127.0.0.1).")
  List<String> clusterMembers = List.of();

  @Mixin UntilStopped untilStopped;

  @Override
  public Integer call() throws Exception {
    Verbosity.set(untilStopped.verbose);
    if (!cluster) {
      throw new ConfigException("an agent works in a cluster: add --cluster");
    }
    String agentName;
    try {
      agentName = AgentVerticle.checkName(name == null ? AgentVerticle.defaultName() : name);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid --name: " + e.getMessage());
    }
    var options = ClusterRuns.options(clusterHost, clusterPort, clusterName, clusterMembers);
    StopSignal stop = new StopSignal("wsmon-agent-shutdown", Duration.ofSeconds(15));
    stop.install();
    ClusterNode node = null;
    try {
      node = ClusterNode.start(options).await(2, TimeUnit.MINUTES);
      AgentVerticle agent = new AgentVerticle(agentName, node);
      node.vertx().deployVerticle(agent).await(30, TimeUnit.SECONDS);
      parent.out.println("wsmon agent " + agentName + " ready");
      parent.out.flush();
      parent.err.println(
          "wsmon agent: "
              + agentName
              + " joined cluster '"
              + options.getClusterName()
              + "' on "
              + options.getHost()
              + " ("
              + node.nodes().size()
              + " member(s)); waiting for work - Ctrl-C to stop");
      stop.await(untilStopped.duration);
      parent.err.println("wsmon agent: " + agentName + " stopping");
      return ExitCodes.OK;
    } finally {
      if (node != null) {
        try {
          node.close().await(15, TimeUnit.SECONDS);
        } catch (Exception e) {
          // leaving the cluster during shutdown; nothing more to do
        }
      }
      parent.err.flush();
      stop.close();
    }
  }
}
