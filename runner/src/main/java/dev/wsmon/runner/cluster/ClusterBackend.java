package dev.wsmon.runner.cluster;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.core.TrafficBatch;
import dev.wsmon.runner.load.LoadBackend;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The coordinator side of {@code wsmon run --cluster}: joins the cluster, waits for the agents,
 * splits the connections over them (in connection-number order, the remainder spread one each over
 * the first agents), sends each a work order with a common start instant, and re-publishes their
 * {@link AgentReport}s on this node's tracker addresses, so the tracker merges them exactly
 * (counters summed, histograms merged). An agent whose heartbeats and reports stop for {@link
 * #AGENT_TIMEOUT}, or that leaves the cluster, is lost: an {@link EventType#AGENT_LOST} event for
 * each of its connections (its stats so far are kept), and the run goes on or fails per {@code
 * onAgentLoss}.
 */
public final class ClusterBackend implements LoadBackend {

  /** How long an agent may stay silent before it is lost: 8 s. */
  public static final Duration AGENT_TIMEOUT = Duration.ofSeconds(8);

  /** Lead between the work orders and the common start instant: 1.5 s. */
  public static final Duration START_LEAD = Duration.ofMillis(1500);

  /** The coordinator timeout given to agents: 10 s without an acknowledged report. */
  public static final Duration COORDINATOR_TIMEOUT = Duration.ofSeconds(10);

  /** What a run does when it loses an agent. */
  public enum OnAgentLoss {
    /** Report {@code AGENT_LOST}, keep the agent's stats and go on with the others (default). */
    CONTINUE,
    /** Report {@code AGENT_LOST} and end the run at once; exit 1 unless 3 applies. */
    FAIL
  }

  private final ClusterOptions cluster;
  private final int agentCount;
  private final Duration agentWait;
  private final OnAgentLoss onAgentLoss;
  private final JsonObject settingsJson;
  private final PrintStream err;
  private final boolean quiet;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, JsonObject> seen = new TreeMap<>();
  private final Map<String, AgentState> agents = new TreeMap<>();
  private ClusterNode node;
  private Vertx vertx;
  private Context ctx;
  private MessageConsumer<JsonObject> heartbeats;
  private MessageConsumer<AgentReport> reports;
  private final JsonObject scenarioResults = new JsonObject();
  private Addresses addresses;
  private Consumer<String> endRun = why -> {};
  private long watchTimer = -1;
  private volatile String failure;
  private volatile JsonObject liveScenario;
  private long resets;

  private static final class AgentState {
    final String name;
    final String node;
    int from;
    int count;
    long lastSeenNanos = System.nanoTime();
    long lastSeq;
    boolean lost;
    boolean allClosed;
    boolean resultsMerged;
    JsonObject live;
    final Map<String, String> groups = new HashMap<>();
    List<ConnectionOptions> endpoints = List.of();

    AgentState(String name, String node) {
      this.name = name;
      this.node = node;
    }
  }

  /**
   * A cluster load.
   *
   * @param cluster how to join the cluster
   * @param agents how many agents to wait for, at least 1
   * @param agentWait how long to wait for them
   * @param onAgentLoss what a lost agent does to the run
   * @param settingsJson the run's settings (camelCase keys) sent to every agent
   * @param err where the coordinator's notices go
   * @param quiet whether to hide the notices (errors still go to {@code err})
   */
  public ClusterBackend(
      ClusterOptions cluster,
      int agents,
      Duration agentWait,
      OnAgentLoss onAgentLoss,
      JsonObject settingsJson,
      PrintStream err,
      boolean quiet) {
    this.cluster = new ClusterOptions(cluster);
    this.agentCount = agents;
    this.agentWait = agentWait;
    this.onAgentLoss = onAgentLoss;
    this.settingsJson = settingsJson.copy();
    this.err = err;
    this.quiet = quiet;
  }

  /**
   * The scenario results the agents handed over in their last reports, by connection id ({@code
   * ScenarioEngine#toWire}); complete once {@link #close()} has completed.
   */
  @Override
  public JsonObject scenarioResults() {
    return ctx == null ? scenarioResults.copy() : onContextCopy();
  }

  private JsonObject onContextCopy() {
    Promise<JsonObject> copy = Promise.promise();
    ctx.runOnContext(v -> copy.complete(scenarioResults.copy()));
    return copy.future().await();
  }

  /** The run id. */
  public String runId() {
    return runId;
  }

  /**
   * Checks nothing here: the coordinator holds no connections, and each agent checks its own share
   * against its own limits when the work order arrives (a shortfall fails the start and names it).
   */
  @Override
  public void preflight(List<ConnectionOptions> endpoints) {}

  @Override
  public Vertx createVertx() {
    try {
      node = ClusterNode.start(cluster).await(2, TimeUnit.MINUTES);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("could not join the cluster within 2 minutes", e);
    }
    vertx = node.vertx();
    return vertx;
  }

  @Override
  public Future<Void> prepare(Vertx vertx) {
    ctx = vertx.getOrCreateContext();
    return onLoop(this::waitForAgents);
  }

  private Future<Void> waitForAgents() {
    Promise<Void> ready = Promise.promise();
    notice(
        "wsmon run: waiting up to "
            + agentWait.toSeconds()
            + "s for "
            + agentCount
            + " agent(s) on cluster '"
            + cluster.getClusterName()
            + "' ("
            + cluster.getHost()
            + ")");
    heartbeats =
        vertx
            .eventBus()
            .consumer(
                ClusterAddresses.HEARTBEAT,
                m -> {
                  JsonObject hb = m.body();
                  String name = hb.getString("agent");
                  AgentState a = name == null ? null : agents.get(name);
                  if (a != null && hb.getString("node", "").equals(a.node)) {
                    a.lastSeenNanos = System.nanoTime();
                  }
                  if (!ready.future().isComplete()
                      && name != null
                      && hb.getValue("run_id") == null) {
                    seen.put(name, hb);
                    if (seen.size() >= agentCount) {
                      ready.tryComplete();
                    }
                  }
                });
    long timer =
        vertx.setTimer(
            Math.max(1, agentWait.toMillis()),
            id ->
                ready.tryFail(
                    new IllegalStateException(
                        "only "
                            + seen.size()
                            + " of "
                            + agentCount
                            + " agent(s) joined within "
                            + agentWait.toSeconds()
                            + "s"
                            + (seen.isEmpty() ? "" : " (" + String.join(", ", seen.keySet()) + ")")
                            + "; start more with 'wsmon agent --cluster --cluster-members "
                            + cluster.getHost()
                            + "', check --cluster-host/--cluster-members/--cluster-name, or"
                            + " raise agentWait")));
    return ready
        .future()
        .onComplete(ar -> vertx.cancelTimer(timer))
        .onSuccess(
            v -> {
              int i = 0;
              for (Map.Entry<String, JsonObject> e : seen.entrySet()) {
                if (i++ == agentCount) {
                  break;
                }
                JsonObject hb = e.getValue();
                agents.put(e.getKey(), new AgentState(e.getKey(), hb.getString("node")));
                notice(
                    "wsmon run: agent "
                        + e.getKey()
                        + ": "
                        + hb.getInteger("cores")
                        + " cores, "
                        + hb.getLong("free_memory", 0L) / (1024 * 1024)
                        + " MB free");
              }
            });
  }

  @Override
  public Future<Long> start(
      Vertx vertx,
      Addresses addresses,
      List<ConnectionOptions> endpoints,
      Consumer<String> endRun) {
    Promise<Long> p = Promise.promise();
    ctx.runOnContext(v -> startAgents(addresses, endpoints, endRun).onComplete(p));
    return p.future();
  }

  private Future<Long> startAgents(
      Addresses addresses, List<ConnectionOptions> endpoints, Consumer<String> endRun) {
    this.addresses = addresses;
    this.endRun = endRun;
    int total = endpoints.stream().mapToInt(ConnectionOptions::getConnections).sum();
    int n = agents.size();
    int from = 0;
    int i = 0;
    for (AgentState a : agents.values()) {
      a.from = from;
      a.count = total / n + (i++ < total % n ? 1 : 0);
      a.endpoints = a.count == 0 ? List.of() : AgentVerticle.slice(endpoints, a.from, a.count);
      from += a.count;
    }
    node.onNodeLeft(
        left ->
            ctx.runOnContext(
                v ->
                    agents.values().stream()
                        .filter(a -> a.node.equals(left) && !a.lost)
                        .forEach(a -> lose(a, "left the cluster"))));
    reports = vertx.eventBus().consumer(ClusterAddresses.run(runId), this::onReport);
    long startAt = System.currentTimeMillis() + START_LEAD.toMillis();
    return reports
        .completion()
        .compose(
            v -> {
              List<Future<Message<Object>>> acks = new ArrayList<>();
              for (AgentState a : agents.values()) {
                if (a.count == 0) {
                  continue;
                }
                JsonObject order =
                    new JsonObject()
                        .put("op", "start")
                        .put("run_id", runId)
                        .put("coordinator_node", node.nodeId())
                        .put("settings", settingsJson)
                        .put("from", a.from)
                        .put("count", a.count)
                        .put("start_at", startAt)
                        .put("coordinator_timeout_ms", COORDINATOR_TIMEOUT.toMillis());
                acks.add(request(a.name, order, 10_000, System.nanoTime() + 10_000_000_000L));
              }
              return Future.all(acks);
            })
        .recover(e -> abortAll("start failed").transform(x -> Future.failedFuture(e)))
        .compose(
            v -> {
              agents.values().forEach(a -> a.lastSeenNanos = System.nanoTime());
              watchTimer = vertx.setPeriodic(500, id -> watch());
              notice(
                  "wsmon run: run "
                      + runId
                      + ": "
                      + total
                      + " connection(s) over "
                      + agents.size()
                      + " agent(s), starting at "
                      + Instant.ofEpochMilli(startAt));
              Promise<Long> started = Promise.promise();
              long delay = startAt - System.currentTimeMillis();
              if (delay <= 0) {
                started.complete(System.nanoTime());
              } else {
                vertx.setTimer(delay, id -> started.complete(System.nanoTime()));
              }
              return started.future();
            });
  }

  /** A request to an agent, retried while its address is not yet known on this node. */
  private Future<Message<Object>> request(
      String agent, JsonObject order, long timeoutMs, long deadlineNanos) {
    return vertx
        .eventBus()
        .request(
            ClusterAddresses.agent(agent), order, new DeliveryOptions().setSendTimeout(timeoutMs))
        .recover(
            e -> {
              if (e instanceof ReplyException re
                  && re.failureType() == ReplyFailure.NO_HANDLERS
                  && System.nanoTime() < deadlineNanos) {
                Promise<Message<Object>> retry = Promise.promise();
                vertx.setTimer(
                    200, id -> request(agent, order, timeoutMs, deadlineNanos).onComplete(retry));
                return retry.future();
              }
              return Future.failedFuture(
                  new IllegalStateException(
                      "agent "
                          + agent
                          + " did not take '"
                          + order.getString("op")
                          + "': "
                          + e.getMessage(),
                      e));
            });
  }

  private void onReport(Message<AgentReport> message) {
    AgentReport r = message.body();
    AgentState a = agents.get(r.agent());
    if (a == null || a.lost || !r.runId().equals(runId)) {
      message.fail(410, "agent " + r.agent() + " is not (or no longer) part of run " + runId);
      return;
    }
    a.lastSeenNanos = System.nanoTime();
    if (r.seq() > a.lastSeq) {
      a.lastSeq = r.seq();
      EventBus bus = vertx.eventBus();
      DeliveryOptions local = new DeliveryOptions().setLocalOnly(true);
      for (ConnectionEvent e : r.events()) {
        a.groups.putIfAbsent(e.connectionId(), e.group());
        bus.publish(addresses.events(), e, local);
      }
      for (TrafficBatch b : r.batches()) {
        bus.publish(addresses.traffic(), b, local);
      }
      if (r.scenario() != null) {
        scenarioResults.mergeIn(r.scenario());
        a.resultsMerged = true;
      }
      // figures from before the last stats reset (sent before the agent applied it) are stale
      if (r.live() != null && r.live().getLong(ScenarioFigures.RESETS, 0L) >= resets) {
        a.live = r.live();
        sumLive();
      }
      if (r.allClosed() && !a.allClosed) {
        a.allClosed = true;
        endIfAllClosed();
      }
    }
    message.reply(new JsonObject().put("ok", true));
  }

  private void sumLive() {
    liveScenario =
        ScenarioFigures.sum(
            agents.values().stream().filter(x -> x.live != null).map(x -> x.live).toList());
  }

  /**
   * Clears the agents' live scenario figures and has every agent still in the run reset its
   * scenario results, so the live line and the final results count from the reset as the tracker
   * does; a lost agent's figures are dropped.
   */
  @Override
  public void resetStats() {
    if (ctx == null) {
      return;
    }
    ctx.runOnContext(
        v -> {
          resets++;
          agents.values().forEach(a -> a.live = null);
          sumLive();
          if (addresses != null) {
            toLive(new JsonObject().put("op", "reset").put(ScenarioFigures.RESETS, resets), 5000);
          }
        });
  }

  /**
   * {@code snapshot} with the last live figures of every agent lost before it handed its scenario
   * results over added to {@code total.scenario} and listed under {@code lost_agents} (counted
   * once: a report from a lost agent is refused).
   */
  @Override
  public JsonObject completeSnapshot(JsonObject snapshot) {
    JsonObject total = snapshot.getJsonObject("total");
    JsonObject scenario = total == null ? null : total.getJsonObject("scenario");
    if (scenario == null || ctx == null) {
      return snapshot;
    }
    Promise<Map<String, JsonObject>> lost = Promise.promise();
    ctx.runOnContext(
        v -> {
          Map<String, JsonObject> figures = new TreeMap<>();
          for (AgentState a : agents.values()) {
            if (a.lost && !a.resultsMerged && a.live != null) {
              figures.put(a.name, a.live.copy());
            }
          }
          lost.complete(figures);
        });
    ScenarioFigures.addLost(scenario, lost.future().await());
    return snapshot;
  }

  /**
   * Ends the run once every agent with connections reported that its scenario closed all of them,
   * or was lost (at least one reported).
   */
  private void endIfAllClosed() {
    boolean any = false;
    for (AgentState a : agents.values()) {
      if (a.count > 0 && !a.allClosed && !a.lost) {
        return;
      }
      any |= a.allClosed;
    }
    if (any) {
      endRun.accept("every connection was closed by its scenario");
    }
  }

  /**
   * The agents' latest scenario figures added up, in the shape of a scenario total without
   * latencies, or {@code null} before the first; any thread.
   */
  @Override
  public JsonObject liveScenario() {
    return liveScenario;
  }

  private void watch() {
    long now = System.nanoTime();
    for (AgentState a : agents.values()) {
      if (!a.lost && a.count > 0 && now - a.lastSeenNanos > AGENT_TIMEOUT.toNanos()) {
        lose(a, "no heartbeat or report for " + AGENT_TIMEOUT.toSeconds() + "s");
      }
    }
  }

  private void lose(AgentState a, String why) {
    if (a.lost || a.count == 0) {
      return;
    }
    a.lost = true;
    String reason = "agent " + a.name + " lost: " + why;
    err.println(
        "wsmon run: "
            + reason
            + "; its stats and scenario figures so far are kept"
            + (onAgentLoss == OnAgentLoss.FAIL ? "; ending the run (onAgentLoss=fail)" : ""));
    Instant now = Instant.now();
    int number = 0;
    EventBus bus = vertx.eventBus();
    DeliveryOptions local = new DeliveryOptions().setLocalOnly(true);
    for (ConnectionOptions e : a.endpoints) {
      for (int i = 0; i < e.getConnections(); i++) {
        String id = a.name + ":c-" + ++number;
        String group = a.groups.getOrDefault(id, e.effectiveGroup());
        bus.publish(
            addresses.events(),
            new ConnectionEvent(
                id,
                group,
                EventType.AGENT_LOST,
                now,
                0,
                null,
                null,
                reason,
                ConnectionState.CLOSED),
            local);
      }
    }
    vertx
        .eventBus()
        .request(
            ClusterAddresses.agent(a.name),
            new JsonObject().put("op", "abort").put("run_id", runId).put("reason", reason),
            new DeliveryOptions().setSendTimeout(2000));
    if (onAgentLoss == OnAgentLoss.FAIL) {
      failure = reason;
      endRun.accept("agent lost");
    } else {
      endIfAllClosed();
    }
  }

  private Future<Void> toLive(JsonObject order, long timeoutMs) {
    List<Future<?>> acks = new ArrayList<>();
    for (AgentState a : agents.values()) {
      if (!a.lost && a.count > 0) {
        acks.add(
            vertx
                .eventBus()
                .request(
                    ClusterAddresses.agent(a.name),
                    order.copy().put("run_id", runId),
                    new DeliveryOptions().setSendTimeout(timeoutMs))
                .onFailure(
                    e ->
                        err.println(
                            "wsmon run: agent "
                                + a.name
                                + " did not confirm '"
                                + order.getString("op")
                                + "': "
                                + e.getMessage())));
      }
    }
    return Future.join(acks).transform(ar -> Future.succeededFuture());
  }

  private Future<Void> abortAll(String reason) {
    return toLive(new JsonObject().put("op", "abort").put("reason", reason), 5000);
  }

  /**
   * Every agent forwards its events up to its end, ends its attempts and holds its next reports
   * until the drain: {@code stateAtEnd} then sees the agents' connections as the run ended.
   */
  @Override
  public <T> Future<T> endAttempts(Supplier<Future<T>> stateAtEnd) {
    return onLoop(() -> toLive(new JsonObject().put("op", "end"), 10_000))
        .compose(v -> stateAtEnd.get());
  }

  @Override
  public Future<Void> stopSending(Duration grace) {
    return onLoop(
        () ->
            toLive(
                new JsonObject().put("op", "drain").put("grace_ms", grace.toMillis()),
                grace.toMillis() + 10_000));
  }

  @Override
  public Future<Void> close() {
    return onLoop(
        () -> {
          vertx.cancelTimer(watchTimer);
          return toLive(new JsonObject().put("op", "close"), 30_000);
        });
  }

  private Future<Void> onLoop(java.util.function.Supplier<Future<Void>> action) {
    Promise<Void> p = Promise.promise();
    ctx.runOnContext(v -> action.get().onComplete(p));
    return p.future();
  }

  @Override
  public String failure() {
    return failure;
  }

  private void notice(String line) {
    if (!quiet) {
      err.println(line);
    }
  }
}
