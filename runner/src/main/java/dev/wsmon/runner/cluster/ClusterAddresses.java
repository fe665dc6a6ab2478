package dev.wsmon.runner.cluster;

/**
 * The event-bus addresses of the cluster protocol. All bodies are JSON objects except the reports
 * ({@link AgentReport}).
 *
 * <table>
 *   <caption>Addresses</caption>
 *   <tr><th>address</th><th>kind</th><th>body</th></tr>
 *   <tr><td>{@value #HEARTBEAT}</td><td>publish, agent, every second</td><td>{@code {agent, node,
 *       cores, free_memory, max_memory, source_addresses, run_id}}</td></tr>
 *   <tr><td>{@code wsmon.cluster.agent.<name>}</td><td>request, coordinator to agent</td><td>{@code
 *       {op: start|drain|close|abort, run_id, ...}}</td></tr>
 *   <tr><td>{@code wsmon.cluster.run.<run id>}</td><td>request, agent to coordinator</td><td>{@link
 *       AgentReport}; reply {@code {"ok": true}}, or failure 410 when the coordinator dropped the
 *       agent</td></tr>
 * </table>
 */
public final class ClusterAddresses {

  /** Agent heartbeats: {@value}. */
  public static final String HEARTBEAT = "wsmon.cluster.heartbeat";

  private ClusterAddresses() {}

  /**
   * Work orders to one agent.
   *
   * @param agent the agent's name
   * @return {@code wsmon.cluster.agent.<agent>}
   */
  public static String agent(String agent) {
    return "wsmon.cluster.agent." + agent;
  }

  /**
   * Reports of one run to its coordinator.
   *
   * @param runId the run id
   * @return {@code wsmon.cluster.run.<runId>}
   */
  public static String run(String runId) {
    return "wsmon.cluster.run." + runId;
  }
}
