package dev.wsmon.runner.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The cluster flags of {@code wsmon run} (config keys {@code cluster, agents, agentWait,
 * onAgentLoss, clusterHost, clusterPort, clusterName, clusterMembers}). Read through the parse
 * result like every other flag; the fields only give picocli the types.
 */
final class ClusterFlags {

  @Option(
      names = "--cluster",
      description =
          "Coordinate the run over cluster agents ('wsmon agent --cluster') on the clustered"
              + " event bus; see docs/cluster.md.")
  boolean cluster;

  @Option(
      names = "--agents",
      paramLabel = "N",
      description =
          "With --cluster: agents to wait for and split the connections over (default: 1).")
  Integer agents;

  @Option(
      names = "--agent-wait",
      paramLabel = "DUR",
      converter = Converters.DurationConverter.class,
      description = "With --cluster: how long to wait for the agents (default: 60s; then exit 3).")
  Duration agentWait;

  @Option(
      names = "--on-agent-loss",
      paramLabel = "continue|fail",
      description =
          "With --cluster: when an agent is lost (AGENT_LOST), go on with the others (continue,"
              + " default) or end the run and exit 1 (fail).")
  String onAgentLoss;

  @Option(
      names = "--cluster-host",
      paramLabel = "H",
      description = "With --cluster: address to bind and advertise (default: 127.0.0.1).")
  String clusterHost;

  @Option(
      names = "--cluster-port",
      paramLabel = "P",
      description = "With --cluster: first Hazelcast port (default: 5701).")
  Integer clusterPort;

  @Option(
      names = "--cluster-name",
      paramLabel = "NAME",
      description = "With --cluster: Hazelcast cluster name (default: wsmon).")
  String clusterName;

  @Option(
      names = "--cluster-members",
      paramLabel = "A,B",
      description = "With --cluster: members to join, host or host:port (default: 127.0.0.1).")
  String clusterMembers;
}
