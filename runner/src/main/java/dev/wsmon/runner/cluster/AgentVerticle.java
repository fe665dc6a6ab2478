package dev.wsmon.runner.cluster;

import dev.wsmon.core.ClientWarmUp;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.runner.config.ConfigException;
import dev.wsmon.runner.config.ConfigSource;
import dev.wsmon.runner.load.Preflight;
import dev.wsmon.runner.load.RunEndpoints;
import dev.wsmon.runner.load.RunSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster agent: advertises itself every second on {@link ClusterAddresses#HEARTBEAT} (name,
 * node, cores, free and max memory, source addresses, current run) and takes work orders on {@link
 * ClusterAddresses#agent(String)}. One run at a time; when a run ends (closed by the coordinator,
 * or stopped because the coordinator was lost) the agent waits for the next one.
 *
 * <p>Orders (JSON, request/reply): {@code start} ({@code run_id, coordinator_node, settings, from,
 * count, start_at, coordinator_timeout_ms}), {@code drain} ({@code grace_ms}), {@code close},
 * {@code abort}. Failures: 409 busy with another run, 400 bad order or settings, 404 unknown run.
 */
public class AgentVerticle extends VerticleBase {

  /** Heartbeat period: {@value} ms. */
  public static final long HEARTBEAT_MS = 1000;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-.]+");
  private static final Logger LOG = LoggerFactory.getLogger(AgentVerticle.class);

  private final String name;
  private final ClusterNode node;
  private final List<String> sourceAddresses = sourceAddresses();
  private final Vertx local = Vertx.vertx();
  private MessageConsumer<JsonObject> orders;
  private long heartbeatTimer = -1;
  private AgentWork work;
  private String workId;
  private String runId;
  private String coordinatorNode;
  private int runs;

  /**
   * An agent. Its connections run on a Vert.x instance of their own (not clustered), created here
   * and closed when the verticle stops.
   *
   * @param name the agent name: letters, digits, {@code _ - .}; unique in the cluster
   * @param node the cluster node this verticle is deployed on
   */
  public AgentVerticle(String name, ClusterNode node) {
    this.name = checkName(name);
    this.node = Objects.requireNonNull(node, "node");
  }

  /**
   * Checks an agent name.
   *
   * @param name the name
   * @return the name
   * @throws IllegalArgumentException naming the problem
   */
  public static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "agent name must be letters, digits, '_', '-' or '.', got '" + name + "'");
    }
    return name;
  }

  /** A default agent name: the host name and the process id. */
  public static String defaultName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "agent";
    }
    host = host.replaceAll("[^A-Za-z0-9_\\-.]", "-");
    return (host.isEmpty() ? "agent" : host) + "-" + ProcessHandle.current().pid();
  }

  /** The agent's name. */
  public String name() {
    return name;
  }

  /** How many runs this agent has finished or stopped. */
  public int runs() {
    return runs;
  }

  @Override
  public Future<?> start() {
    // warm the client path while waiting for work, so that a first run starts warm
    ClientWarmUp.run(vertx);
    orders = vertx.eventBus().consumer(ClusterAddresses.agent(name), this::onOrder);
    node.onNodeLeft(
        left ->
            context.runOnContext(
                v -> {
                  LOG.debug("agent {}: node {} left (coordinator {})", name, left, coordinatorNode);
                  if (work != null && left.equals(coordinatorNode)) {
                    work.abort("the coordinator left the cluster");
                  }
                }));
    return orders
        .completion()
        .onSuccess(
            v -> {
              heartbeat();
              heartbeatTimer = vertx.setPeriodic(HEARTBEAT_MS, id -> heartbeat());
            });
  }

  private void heartbeat() {
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    vertx
        .eventBus()
        .publish(
            ClusterAddresses.HEARTBEAT,
            new JsonObject()
                .put("agent", name)
                .put("node", node.nodeId())
                .put("cores", rt.availableProcessors())
                .put("free_memory", free)
                .put("max_memory", rt.maxMemory())
                .put("source_addresses", new JsonArray(new ArrayList<>(sourceAddresses)))
                .put("run_id", runId));
  }

  private void onOrder(Message<JsonObject> message) {
    JsonObject order = message.body();
    String op = order == null ? null : order.getString("op");
    String id = order == null ? null : order.getString("run_id");
    if (op == null || id == null) {
      message.fail(400, "an order needs op and run_id");
      return;
    }
    if (op.equals("start")) {
      start(message, order, id);
      return;
    }
    if (work == null || !id.equals(runId)) {
      if (op.equals("abort") || op.equals("close")) {
        message.reply(new JsonObject().put("ok", true));
      } else {
        message.fail(404, "agent " + name + " has no run " + id);
      }
      return;
    }
    AgentWork w = work;
    Future<Void> done =
        switch (op) {
          case "end" -> w.end();
          case "drain" -> w.drain(Duration.ofMillis(order.getLong("grace_ms", 0L)));
          case "close" -> w.finish();
          case "abort" -> w.abort(order.getString("reason", "aborted by the coordinator"));
          case "reset" -> w.reset(order.getLong(ScenarioFigures.RESETS, 0L));
          default -> Future.failedFuture("unknown op '" + op + "'");
        };
    done.onComplete(
        ar -> {
          if (ar.succeeded()) {
            message.reply(new JsonObject().put("ok", true));
          } else {
            message.fail(500, String.valueOf(ar.cause().getMessage()));
          }
        });
  }

  private void start(Message<JsonObject> message, JsonObject order, String id) {
    if (work != null) {
      message.fail(409, "agent " + name + " is busy with run " + runId);
      return;
    }
    RunSettings settings;
    List<ConnectionOptions> endpoints;
    try {
      ConfigSource source = new ConfigSource();
      JsonObject values = order.getJsonObject("settings", new JsonObject());
      for (Map.Entry<String, Object> e : values) {
        source.put(e.getKey(), e.getValue(), e.getKey() + " (from the coordinator)");
      }
      settings = RunSettings.from(source);
      endpoints =
          slice(RunEndpoints.of(settings), order.getInteger("from"), order.getInteger("count"));
      Preflight.check(endpoints, Preflight.Limits.current());
    } catch (ConfigException | IllegalArgumentException | NullPointerException e) {
      message.fail(400, "agent " + name + " cannot run these settings: " + e.getMessage());
      return;
    }
    runId = id;
    coordinatorNode = order.getString("coordinator_node");
    AgentWork w =
        new AgentWork(
            name,
            id,
            settings,
            endpoints,
            order.getInteger("from"),
            order.getLong("start_at", System.currentTimeMillis()),
            Duration.ofMillis(order.getLong("coordinator_timeout_ms", 10_000L)),
            vertx.eventBus(),
            why -> context.runOnContext(v -> ended(id, why)));
    work = w;
    local
        .deployVerticle(w)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                workId = ar.result();
                LOG.info(
                    "agent {}: run {}: {} connections",
                    name,
                    id,
                    endpoints.stream().mapToInt(ConnectionOptions::getConnections).sum());
                message.reply(new JsonObject().put("ok", true).put("agent", name));
              } else {
                work = null;
                runId = null;
                message.fail(500, "agent " + name + " could not start: " + ar.cause().getMessage());
              }
            });
  }

  private void ended(String id, String why) {
    if (!id.equals(runId)) {
      return;
    }
    runs++;
    LOG.info("agent {}: run {} ended{}; waiting for work", name, id, why == null ? "" : ": " + why);
    String deployment = workId;
    work = null;
    workId = null;
    runId = null;
    coordinatorNode = null;
    if (deployment != null) {
      local.undeploy(deployment);
    }
  }

  /**
   * The endpoints of connections {@code from} .. {@code from + count - 1} (0-based, in connection
   * number order) of {@code all}.
   *
   * @param all the run's endpoints
   * @param from the first connection, 0-based
   * @param count how many
   * @return the endpoints, counts cut to the range
   */
  public static List<ConnectionOptions> slice(List<ConnectionOptions> all, int from, int count) {
    if (from < 0 || count < 1) {
      throw new IllegalArgumentException("bad connection range " + from + "+" + count);
    }
    List<ConnectionOptions> out = new ArrayList<>();
    int first = 0;
    int end = from + count;
    for (ConnectionOptions e : all) {
      int last = first + e.getConnections();
      int a = Math.max(first, from);
      int b = Math.min(last, end);
      if (a < b) {
        out.add(new ConnectionOptions(e).setConnections(b - a));
      }
      first = last;
    }
    if (out.stream().mapToInt(ConnectionOptions::getConnections).sum() != count) {
      throw new IllegalArgumentException(
          "connection range " + from + "+" + count + " exceeds the run's " + first);
    }
    return out;
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(heartbeatTimer);
    Future<?> stopped =
        work == null ? Future.succeededFuture() : work.abort("the agent is shutting down");
    return stopped.eventually(() -> local.close()).eventually(() -> orders.unregister());
  }

  private static List<String> sourceAddresses() {
    List<String> out = new ArrayList<>();
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (ni.isUp()) {
          for (InetAddress a : Collections.list(ni.getInetAddresses())) {
            out.add(a.getHostAddress().replaceAll("%.*", ""));
          }
        }
      }
    } catch (SocketException e) {
      // no interfaces to report
    }
    return out;
  }
}
