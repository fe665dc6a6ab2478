package dev.wsmon.wrapper.internal.scenario;

import dev.wsmon.core.Connection;
import dev.wsmon.core.EventType;
import dev.wsmon.core.protocol.ProtocolChannel;
import dev.wsmon.wrapper.Feeder;
import dev.wsmon.wrapper.MessageCheck;
import dev.wsmon.wrapper.internal.TappedConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a scenario (and the message checks) on a set of connections: one {@link ScenarioSession} per
 * connection, attached on that connection's event loop, and keeps each connection's results so that
 * totals and groups are exact merges of them (see {@link ScenarioStats#merge}). The first {@link
 * #FAILURE_EVENTS} failures are published as {@link EventType#STEP_FAILED} events.
 */
public final class ScenarioEngine implements SessionHost {

  /** The results of a connection that runs elsewhere (on a cluster agent). */
  private record Remote(String group, ScenarioStats stats) {}

  /** A session attached here and its results. */
  private record Attached(ScenarioSession session, ScenarioStats stats) {}

  /** How many step or check failures of a run are published as events. */
  public static final int FAILURE_EVENTS = FailureEvents.LIMIT;

  private final Vertx vertx;
  private final CompiledScenario scenario;
  private final MessageChecks checks;
  private final Feeder feeder;
  private final int numberOffset;
  private final Set<String> expects;
  private final Map<String, String> stepKinds;
  private final List<String> checkNames = new ArrayList<>();
  private final Map<String, Attached> sessions = new ConcurrentHashMap<>();
  private final Set<String> closedByScenario = ConcurrentHashMap.newKeySet();
  private final Map<String, Remote> remote = new ConcurrentHashMap<>();
  private final FailureEvents failureEvents;
  private volatile Runnable allClosed = () -> {};
  private volatile int expectedConnections = Integer.MAX_VALUE;

  /**
   * An engine.
   *
   * @param scenario the compiled scenario, or null to run only the message checks
   * @param checks the message checks (may be empty)
   * @param feeder the feeder, or null
   * @param eventsAddress where failure events go, or null for none
   * @param numberOffset added to connection numbers for {@code {conn}} and the feeder row
   */
  public ScenarioEngine(
      Vertx vertx,
      CompiledScenario scenario,
      List<MessageCheck> checks,
      Feeder feeder,
      String eventsAddress,
      int numberOffset) {
    this.vertx = vertx;
    this.scenario = scenario;
    this.checks = new MessageChecks(checks);
    this.feeder = feeder;
    this.failureEvents = new FailureEvents(vertx, eventsAddress);
    this.numberOffset = numberOffset;
    this.stepKinds = scenario == null ? Map.of() : scenario.stepKinds();
    this.expects = new HashSet<>(scenario == null ? List.of() : scenario.expectNames());
    if (scenario != null) {
      checkNames.addAll(scenario.expectNames());
    }
    checks.forEach(c -> checkNames.add(c.getName()));
    // the first JSON parse loads and sets up Jackson (hundreds of ms): not on an event loop,
    // inside the first expect
    new JsonObject("{\"warm\":1}");
  }

  /** The scenario's name ({@code checks} without a scenario). */
  public String name() {
    return scenario == null ? "checks" : scenario.scenario().getName();
  }

  @Override
  public int numberOf(Connection connection) {
    return connection.number() + numberOffset;
  }

  @Override
  public boolean isCheck(String stepName) {
    return expects.contains(stepName);
  }

  /**
   * Calls {@code action} once every one of {@code connections} has been closed by a {@code close}
   * step.
   */
  public void onAllClosed(int connections, Runnable action) {
    this.expectedConnections = connections;
    this.allClosed = action;
  }

  /**
   * Starts the scenario on {@code connections}, whose event loop is {@code loop}: those already
   * open start now, the others at their next session.
   */
  public Future<Void> attach(Context loop, List<TappedConnection> connections) {
    Promise<Void> done = Promise.promise();
    loop.runOnContext(
        v -> {
          for (TappedConnection c : connections) {
            ScenarioStats stats = new ScenarioStats(stepKinds, checkNames);
            ScenarioSession session =
                new ScenarioSession(
                    this,
                    vertx,
                    loop,
                    c,
                    scenario,
                    stats,
                    feeder == null ? null : feeder.rowFor(numberOf(c)));
            sessions.put(c.id(), new Attached(session, stats));
            c.observe(session::onText, session::onState);
            ProtocolChannel channel = c.protocolChannel();
            if (channel != null) {
              channel.messageHandler(session::onProtocolMessage);
            }
            session.onState(c.state());
          }
          done.complete();
        });
    return done.future();
  }

  /** No new step starts (pending waits end now); steps in flight may still end. */
  public void stop() {
    for (Attached a : sessions.values()) {
      // sessions live on their connection's loop; the connection's context runs the stop
      a.session().stopOnLoop();
    }
  }

  /** Completes when every started step has an outcome, or after {@code grace}. */
  public Future<Void> awaitIdle(Duration grace) {
    if (idle()) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    poll(done, System.nanoTime() + grace.toNanos());
    return done.future();
  }

  /**
   * Checks every 10 ms with one-shot timers: cancelling a periodic timer from its own handler can
   * throw in Vert.x 5.0 when it was set from a non-Vert.x thread and fires at once.
   */
  private void poll(Promise<Void> done, long deadline) {
    if (idle() || System.nanoTime() - deadline > 0) {
      done.tryComplete();
      return;
    }
    vertx.setTimer(10, id -> poll(done, deadline));
  }

  private boolean idle() {
    return sessions.values().stream().allMatch(a -> a.stats().idle());
  }

  @Override
  public void received(Received message, ScenarioSession session) {
    if (!checks.isEmpty()) {
      checks.run(
          message,
          session.recorder(),
          name ->
              reportFailure(
                  session, "check '" + name + "' failed on: " + Received.shorten(message.text)));
    }
  }

  @Override
  public void closedByScenario(ScenarioSession session) {
    closedByScenario.add(session.connectionId());
    if (closedByScenario.size() >= expectedConnections) {
      allClosed.run();
    }
  }

  @Override
  public void stepFailed(ScenarioSession session, String step, String outcome, String reason) {
    reportFailure(session, "step '" + step + "' " + outcome + ": " + reason);
  }

  private void reportFailure(ScenarioSession session, String reason) {
    failureEvents.report(session.connectionId(), session.group(), session.state(), reason);
  }

  /**
   * The results of every connection attached here, in wire form: {@code {"<connection id>":
   * {"group": .., "stats": ScenarioStats#toWire}}}.
   */
  public JsonObject toWire() {
    JsonObject json = new JsonObject();
    sessions.forEach(
        (id, a) ->
            json.put(
                id,
                new JsonObject()
                    .put("group", a.session().group())
                    .put("stats", a.stats().toWire())));
    return json;
  }

  /**
   * Adds the results of connections that ran elsewhere ({@link #toWire()} of a cluster agent's
   * engine); they merge into totals, groups and connections like those attached here.
   *
   * @throws IllegalArgumentException when malformed
   */
  public void addRemote(JsonObject wire) {
    for (String id : wire.fieldNames()) {
      JsonObject c = wire.getJsonObject(id);
      remote.put(
          id, new Remote(c.getString("group"), ScenarioStats.fromWire(c.getJsonObject("stats"))));
    }
  }

  /** Clears every count (after a stats reset). */
  public void reset() {
    sessions.values().forEach(a -> a.stats().reset());
    failureEvents.reset();
  }

  /** The merged results of every connection. */
  public JsonObject total() {
    List<ScenarioStats> all = new ArrayList<>();
    sessions.values().forEach(a -> all.add(a.stats()));
    remote.values().forEach(r -> all.add(r.stats()));
    return merged(all);
  }

  /** The merge of {@code stats} over a zero base, so every step and check shows from the start. */
  private JsonObject merged(List<ScenarioStats> stats) {
    List<ScenarioStats> all = new ArrayList<>(stats.size() + 1);
    all.add(new ScenarioStats(stepKinds, checkNames));
    all.addAll(stats);
    return ScenarioStats.merge(name(), all);
  }

  /**
   * {@code snapshot} with {@code scenario} added to {@code total}, each group and each connection
   * (exact merges of the connections' results).
   */
  public JsonObject addTo(JsonObject snapshot) {
    Map<String, List<ScenarioStats>> byGroup = new LinkedHashMap<>();
    List<ScenarioStats> all = new ArrayList<>();
    for (Attached a : sessions.values()) {
      all.add(a.stats());
      byGroup.computeIfAbsent(a.session().group(), g -> new ArrayList<>()).add(a.stats());
    }
    for (Remote r : remote.values()) {
      all.add(r.stats());
      byGroup.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r.stats());
    }
    JsonObject total = snapshot.getJsonObject("total");
    if (total != null) {
      total.put("scenario", merged(all));
    }
    JsonObject groups = snapshot.getJsonObject("groups");
    if (groups != null) {
      for (String g : groups.fieldNames()) {
        JsonObject group = groups.getJsonObject(g);
        if (group != null) {
          group.put("scenario", merged(byGroup.getOrDefault(g, List.of())));
        }
      }
    }
    JsonArray connections = snapshot.getJsonArray("connections");
    if (connections != null) {
      for (int i = 0; i < connections.size(); i++) {
        JsonObject c = connections.getJsonObject(i);
        String id = c == null ? "" : c.getString("connection_id", "");
        Attached a = sessions.get(id);
        Remote r = remote.get(id);
        if (a != null) {
          c.put("scenario", a.stats().toJson(name()));
        } else if (r != null) {
          c.put("scenario", r.stats().toJson(name()));
        }
      }
    }
    return snapshot;
  }

  /** A short live text: iterations, step outcomes, check rate. */
  public String progress() {
    return ScenarioProgress.line(total());
  }
}
