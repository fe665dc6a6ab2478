package dev.wsmon.runner.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.wsmon.core.WsmonCodecs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One member of a wsmon cluster: a clustered Vert.x on Hazelcast with the wsmon codecs registered.
 *
 * <p>The Hazelcast configuration is built in code from {@link ClusterOptions}: Vert.x's own maps
 * ({@code default-cluster.xml}), the interface {@link ClusterOptions#getHost()} only ({@code
 * hazelcast.socket.bind.any=false}), TCP/IP join with {@link ClusterOptions#getMembers()},
 * multicast and auto-detection off, 1 s heartbeats, a member missing for 6 s is removed, and a
 * short join wait so that nodes started together form one cluster quickly.
 */
public final class ClusterNode {

  /**
   * How many ports from {@link ClusterOptions#getPort()} a node tries, and join tries: {@value}.
   */
  public static final int PORT_COUNT = 20;

  private static final String VERTX_NODE_ID = "__vertx.nodeId";

  private final Vertx vertx;
  private final HazelcastClusterManager manager;

  private ClusterNode(Vertx vertx, HazelcastClusterManager manager) {
    this.vertx = vertx;
    this.manager = manager;
  }

  /**
   * Starts a clustered Vert.x and joins the cluster.
   *
   * @param options how to join
   * @return the node, or a failure naming the bind address
   */
  public static Future<ClusterNode> start(ClusterOptions options) {
    if (System.getProperty("hazelcast.logging.type") == null) {
      // Hazelcast logs its first lines before it reads the config's property
      System.setProperty("hazelcast.logging.type", "slf4j");
    }
    Config config;
    String host;
    try {
      host = InetAddress.getByName(options.getHost()).getHostAddress();
      config = hazelcastConfig(options, host);
    } catch (UnknownHostException | RuntimeException e) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "cannot use cluster host '" + options.getHost() + "': " + e.getMessage(), e));
    }
    HazelcastClusterManager manager = new HazelcastClusterManager(config);
    VertxOptions vertxOptions =
        new VertxOptions()
            // joining and membership changes briefly block an event loop; not worth a warning each
            .setMaxEventLoopExecuteTime(10)
            .setMaxEventLoopExecuteTimeUnit(java.util.concurrent.TimeUnit.SECONDS)
            .setEventBusOptions(
                new EventBusOptions().setHost(host).setPort(0).setClusterPublicHost(host));
    return Vertx.builder()
        .with(vertxOptions)
        .withClusterManager(manager)
        .buildClustered()
        .map(
            vertx -> {
              WsmonCodecs.register(vertx);
              ClusterCodecs.register(vertx);
              return new ClusterNode(vertx, manager);
            })
        .recover(
            e ->
                Future.failedFuture(
                    new IllegalStateException(
                        "could not join the cluster on "
                            + host
                            + " (members "
                            + String.join(",", options.getMembers())
                            + "): "
                            + e.getMessage(),
                        e)));
  }

  /**
   * The Hazelcast configuration of a node bound to {@code host}.
   *
   * @param options the cluster options
   * @param host the resolved bind address
   * @return a new configuration
   */
  public static Config hazelcastConfig(ClusterOptions options, String host) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(options.getClusterName());
    config.setInstanceName("wsmon-" + UUID.randomUUID());
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(options.getPort()).setPortAutoIncrement(true).setPortCount(PORT_COUNT);
    network.getInterfaces().setEnabled(true).setInterfaces(List.of(host));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig()
        .setEnabled(true)
        .setMembers(List.copyOf(options.getMembers()))
        .setConnectionTimeoutSeconds(2);
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    config.setProperty("hazelcast.max.wait.seconds.before.join", "3");
    config.setProperty("hazelcast.tcp.join.port.try.count", String.valueOf(PORT_COUNT));
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    config.setProperty("hazelcast.graceful.shutdown.max.wait", "10");
    return config;
  }

  /** The clustered Vert.x instance. */
  public Vertx vertx() {
    return vertx;
  }

  /** This node's id in the cluster. */
  public String nodeId() {
    return manager.getNodeId();
  }

  /** The ids of the current members. */
  public List<String> nodes() {
    return manager.getNodes();
  }

  /**
   * Calls {@code listener} with the node id of each member that leaves (or is removed after missing
   * heartbeats), on a Hazelcast thread.
   *
   * @param listener the callback
   */
  public void onNodeLeft(Consumer<String> listener) {
    manager
        .getHazelcastInstance()
        .getCluster()
        .addMembershipListener(
            new MembershipListener() {
              @Override
              public void memberAdded(MembershipEvent event) {}

              @Override
              public void memberRemoved(MembershipEvent event) {
                // Vert.x's node id is a member attribute, not the Hazelcast member UUID
                String nodeId = event.getMember().getAttribute(VERTX_NODE_ID);
                listener.accept(nodeId != null ? nodeId : event.getMember().getUuid().toString());
              }
            });
  }

  /** Leaves the cluster and closes Vert.x. */
  public Future<Void> close() {
    return vertx.close();
  }
}
