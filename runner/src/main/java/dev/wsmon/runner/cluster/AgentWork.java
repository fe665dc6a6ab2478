package dev.wsmon.runner.cluster;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.TrafficBatch;
import dev.wsmon.runner.load.LocalBackend;
import dev.wsmon.runner.load.RunScenario;
import dev.wsmon.runner.load.RunSettings;
import dev.wsmon.wrapper.internal.TappedConnection;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One work order on an agent, deployed on the agent's local (not clustered) Vert.x: its connections
 * and senders ({@link LocalBackend}, ids {@code <agent>:c-N}), and the forwarding of their events
 * and traffic batches to the coordinator as {@link AgentReport}s every {@value #REPORT_MS} ms, one
 * in flight at a time, resent with the same sequence number until acknowledged. When the
 * coordinator has not acknowledged a report for the coordinator timeout, or drops this agent, the
 * load stops at once (no orphan load).
 */
final class AgentWork extends VerticleBase {

  static final long REPORT_MS = 200;
  static final long KEEPALIVE_MS = 1000;
  static final long REPORT_TIMEOUT_MS = 5000;
  static final long LIVE_MS = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(AgentWork.class);

  private final String agent;
  private final String runId;
  private final RunSettings settings;
  private final List<ConnectionOptions> endpoints;
  private final long coordinatorTimeoutMs;
  private final EventBus clusterBus;
  private final Consumer<String> onEnded;
  private final LocalBackend load;
  private final int from;
  private RunScenario scenario;
  private JsonObject scenarioResults;
  private final List<ConnectionEvent> pendingEvents = new ArrayList<>();
  private final List<TrafficBatch> pendingBatches = new ArrayList<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private AgentReport unacked;
  private boolean inFlight;
  private long seq;
  private long lastAckNanos;
  private long lastSentNanos;
  private long reportTimer = -1;
  private boolean started;
  private boolean ended;
  private boolean aborting;
  private boolean holding;
  private boolean allClosed;
  private boolean allClosedReported;
  private String lastLive;
  private long lastLiveNanos;
  private long resets;

  AgentWork(
      String agent,
      String runId,
      RunSettings settings,
      List<ConnectionOptions> endpoints,
      int from,
      long startAtMillis,
      Duration coordinatorTimeout,
      EventBus clusterBus,
      Consumer<String> onEnded) {
    this.agent = agent;
    this.runId = runId;
    this.settings = settings;
    this.endpoints = endpoints;
    this.coordinatorTimeoutMs = coordinatorTimeout.toMillis();
    this.clusterBus = clusterBus;
    this.onEnded = onEnded;
    this.load = new LocalBackend(settings, agent + ":", from).rampOrigin(startAtMillis);
    this.from = from;
  }

  private Addresses addresses() {
    return Addresses.of("wsmon.agent." + agent);
  }

  @Override
  public Future<?> start() {
    Addresses addresses = addresses();
    EventBus bus = vertx.eventBus();
    consumers.add(
        bus.<ConnectionEvent>consumer(addresses.events(), m -> pendingEvents.add(m.body())));
    consumers.add(
        bus.<TrafficBatch>consumer(addresses.traffic(), m -> pendingBatches.add(m.body())));
    lastAckNanos = System.nanoTime();
    reportTimer = vertx.setPeriodic(REPORT_MS, id -> tick());
    // deployed now, started at the common instant: the ramp's origin is startAtMillis
    startLoad();
    List<Future<Void>> registered = new ArrayList<>();
    consumers.forEach(c -> registered.add(c.completion()));
    return Future.all(registered);
  }

  private void startLoad() {
    if (ended) {
      return;
    }
    started = true;
    scenario = new RunScenario(vertx, addresses().events(), settings.scenario, from);
    RunScenario attaching = scenario;
    int count = endpoints.stream().mapToInt(ConnectionOptions::getConnections).sum();
    load.beforeRamp(
            verticles ->
                attaching.attach(
                    verticles,
                    c -> new TappedConnection(vertx, c),
                    count,
                    () -> context.runOnContext(v -> allClosed = true)))
        .start(vertx, addresses(), endpoints, why -> {})
        .onFailure(e -> abort("could not start the connections: " + e.getMessage()));
  }

  private void tick() {
    long now = System.nanoTime();
    if (!ended && (now - lastAckNanos) / 1_000_000 > coordinatorTimeoutMs) {
      abort("no answer from the coordinator for " + coordinatorTimeoutMs + " ms");
      return;
    }
    boolean due =
        unacked != null
            || !pendingEvents.isEmpty()
            || !pendingBatches.isEmpty()
            || (allClosed && !allClosedReported)
            || (now - lastSentNanos) / 1_000_000 >= KEEPALIVE_MS;
    if (!inFlight && due && !ended && !holding) {
      sendReport();
    }
  }

  /** Sends the unacknowledged report again, or the pending events and batches as the next one. */
  private Future<Void> sendReport() {
    if (unacked == null) {
      unacked =
          new AgentReport(
              agent,
              runId,
              ++seq,
              List.copyOf(pendingEvents),
              List.copyOf(pendingBatches),
              scenarioResults,
              liveFigures(),
              allClosed);
      allClosedReported = allClosed;
      pendingEvents.clear();
      pendingBatches.clear();
      scenarioResults = null;
    }
    AgentReport report = unacked;
    inFlight = true;
    lastSentNanos = System.nanoTime();
    Promise<Void> done = Promise.promise();
    clusterBus
        .request(
            ClusterAddresses.run(runId),
            report,
            new DeliveryOptions().setSendTimeout(REPORT_TIMEOUT_MS))
        .onComplete(
            ar ->
                context.runOnContext(
                    v -> {
                      inFlight = false;
                      if (ar.succeeded()) {
                        if (unacked == report) {
                          unacked = null;
                        }
                        lastAckNanos = System.nanoTime();
                        done.complete();
                      } else {
                        if (ar.cause() instanceof ReplyException re && re.failureCode() == 410) {
                          abort("the coordinator dropped this agent: " + re.getMessage());
                        } else {
                          LOG.debug("report {} not acknowledged: {}", report.seq(), ar.cause());
                        }
                        done.fail(ar.cause());
                      }
                    }));
    return done.future();
  }

  /** The scenario's live-line figures when a second has passed and they changed; else null. */
  private JsonObject liveFigures() {
    long now = System.nanoTime();
    if (scenario == null || !scenario.active() || (now - lastLiveNanos) / 1_000_000 < LIVE_MS) {
      return null;
    }
    lastLiveNanos = now;
    JsonObject figures = ScenarioFigures.of(scenario.total()).put(ScenarioFigures.RESETS, resets);
    String encoded = figures.encode();
    if (encoded.equals(lastLive)) {
      return null;
    }
    lastLive = encoded;
    return figures;
  }

  /**
   * The coordinator's stats reset number {@code n}: clears the scenario results and sends the
   * cleared figures with the next report. Any thread.
   */
  Future<Void> reset(long n) {
    return onContext(
        () -> {
          if (n > resets) {
            resets = n;
            if (scenario != null) {
              scenario.reset();
            }
            lastLive = null;
            lastLiveNanos = System.nanoTime() - LIVE_MS * 1_000_000;
          }
          return Future.succeededFuture();
        });
  }

  /**
   * The run ended: forwards the events so far (acknowledged once the coordinator's tracker has
   * them: the connections' state at the end), then ends the attempts, and holds the next reports
   * (the closes of the end) until {@link #drain}, so the coordinator can take its state at the end
   * in between. Any thread.
   */
  Future<Void> end() {
    return onContext(
        () ->
            flushAll(3)
                .recover(e -> Future.succeededFuture())
                .compose(
                    v -> {
                      holding = true;
                      return load.endAttempts();
                    }));
  }

  /**
   * Ends the attempts (again: a no-op after {@link #end}), resumes the reports, stops sending and
   * awaits replies in flight for up to {@code grace}. Any thread.
   */
  Future<Void> drain(Duration grace) {
    return onContext(
        () ->
            load.endAttempts()
                .compose(
                    ended -> {
                      holding = false;
                      if (scenario == null) {
                        return load.stopSending(grace);
                      }
                      scenario.stop();
                      return Future.all(load.stopSending(grace), scenario.awaitIdle(grace))
                          .mapEmpty();
                    }));
  }

  /**
   * Closes the connections and forwards everything left (the last batch included); completes when
   * the coordinator acknowledged it. Any thread.
   */
  Future<Void> finish() {
    return onContext(
        () -> {
          holding = false;
          return load.close()
              .compose(
                  v -> {
                    if (scenario != null && scenario.active()) {
                      scenarioResults = scenario.toWire();
                    }
                    return flushAll(3);
                  })
              .eventually(() -> end(null));
        });
  }

  private Future<Void> flushAll(int tries) {
    if (inFlight) {
      Promise<Void> later = Promise.promise();
      vertx.setTimer(REPORT_MS / 4, id -> flushAll(tries).onComplete(later));
      return later.future();
    }
    if (unacked == null
        && pendingEvents.isEmpty()
        && pendingBatches.isEmpty()
        && scenarioResults == null) {
      return Future.succeededFuture();
    }
    return sendReport()
        .compose(
            v -> flushAll(tries), e -> tries > 1 ? flushAll(tries - 1) : Future.failedFuture(e));
  }

  /** Stops the load at once (no grace); any thread. */
  Future<Void> abort(String why) {
    return onContext(
        () -> {
          if (ended || aborting) {
            return Future.succeededFuture();
          }
          aborting = true;
          LOG.warn("agent {}: stopping run {}: {}", agent, runId, why);
          return load.abort().eventually(() -> end(why));
        });
  }

  private Future<Void> end(String why) {
    if (!ended) {
      ended = true;
      vertx.cancelTimer(reportTimer);
      onEnded.accept(why);
    }
    return Future.succeededFuture();
  }

  /** Whether the connections were started. */
  boolean started() {
    return started;
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(reportTimer);
    List<Future<Void>> closing = new ArrayList<>();
    closing.add(load.abort());
    consumers.forEach(c -> closing.add(c.unregister()));
    return Future.join(closing);
  }

  private Future<Void> onContext(java.util.function.Supplier<Future<Void>> action) {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(v -> action.get().onComplete(promise));
    return promise.future();
  }
}
