package dev.wsmon.runner.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a wsmon node joins the Hazelcast cluster behind the clustered event bus. The defaults are
 * loopback-only: bind {@code 127.0.0.1}, TCP/IP join with the member {@code 127.0.0.1}, multicast
 * and auto-detection off. JSON keys: {@code host, port, members, clusterName}.
 */
public class ClusterOptions {

  /** Default {@code host}: {@value}, the address Hazelcast and the event bus bind to. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Default {@code port}: {@value}, Hazelcast's first port (the next free one is taken). */
  public static final int DEFAULT_PORT = 5701;

  /** Default {@code members}: {@code ["127.0.0.1"]}. */
  public static final List<String> DEFAULT_MEMBERS = List.of("127.0.0.1");

  /** Default {@code clusterName}: {@value}; nodes with another name never join. */
  public static final String DEFAULT_CLUSTER_NAME = "wsmon";

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private List<String> members = new ArrayList<>(DEFAULT_MEMBERS);
  private String clusterName = DEFAULT_CLUSTER_NAME;

  /** The defaults. */
  public ClusterOptions() {}

  /**
   * A copy.
   *
   * @param other the options to copy
   */
  public ClusterOptions(ClusterOptions other) {
    host = other.host;
    port = other.port;
    members = new ArrayList<>(other.members);
    clusterName = other.clusterName;
  }

  /**
   * Read from JSON; missing keys keep their defaults.
   *
   * @param json the JSON form
   */
  public ClusterOptions(JsonObject json) {
    if (json.containsKey("host")) {
      setHost(json.getString("host"));
    }
    if (json.containsKey("port")) {
      setPort(json.getInteger("port"));
    }
    if (json.containsKey("members")) {
      List<String> list = new ArrayList<>();
      json.getJsonArray("members").forEach(m -> list.add(String.valueOf(m)));
      setMembers(list);
    }
    if (json.containsKey("clusterName")) {
      setClusterName(json.getString("clusterName"));
    }
  }

  /** The JSON form. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("host", host)
        .put("port", port)
        .put("members", new JsonArray(new ArrayList<>(members)))
        .put("clusterName", clusterName);
  }

  /** The bind address (default {@value #DEFAULT_HOST}). */
  public String getHost() {
    return host;
  }

  /**
   * Sets the address Hazelcast and the event bus bind to and advertise; on a real network, the
   * address of this machine that the other nodes reach.
   *
   * @param host an IP address or host name, not blank
   * @return this
   */
  public ClusterOptions setHost(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("cluster host must not be empty");
    }
    this.host = host.trim();
    return this;
  }

  /** The first Hazelcast port (default {@value #DEFAULT_PORT}). */
  public int getPort() {
    return port;
  }

  /**
   * Sets the first Hazelcast port; when taken, the next of up to 20 ports is used.
   *
   * @param port 1..65535
   * @return this
   */
  public ClusterOptions setPort(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("cluster port must be between 1 and 65535, got " + port);
    }
    this.port = port;
    return this;
  }

  /** The members to join (default {@code 127.0.0.1}). */
  public List<String> getMembers() {
    return members;
  }

  /**
   * Sets the TCP/IP members to contact when joining: {@code host} or {@code host:port}; without a
   * port, the first 20 ports from {@link #getPort()} are tried.
   *
   * @param members at least one
   * @return this
   */
  public ClusterOptions setMembers(List<String> members) {
    Objects.requireNonNull(members, "members");
    List<String> copy = new ArrayList<>();
    for (String m : members) {
      if (m != null && !m.isBlank()) {
        copy.add(m.trim());
      }
    }
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("cluster members must name at least one host");
    }
    this.members = copy;
    return this;
  }

  /** The Hazelcast cluster name (default {@value #DEFAULT_CLUSTER_NAME}). */
  public String getClusterName() {
    return clusterName;
  }

  /**
   * Sets the Hazelcast cluster name: only nodes with the same name form a cluster.
   *
   * @param clusterName not blank
   * @return this
   */
  public ClusterOptions setClusterName(String clusterName) {
    if (clusterName == null || clusterName.isBlank()) {
      throw new IllegalArgumentException("cluster name must not be empty");
    }
    this.clusterName = clusterName.trim();
    return this;
  }
}
