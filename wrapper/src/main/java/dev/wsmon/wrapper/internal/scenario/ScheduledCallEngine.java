package dev.wsmon.wrapper.internal.scenario;

import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.wrapper.ScheduledCall;
import dev.wsmon.wrapper.internal.TappedConnection;
import dev.wsmon.wrapper.internal.scenario.ScenarioStats.Outcome;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Runs scheduled calls on the scenario engine: each call is a one-step scenario ({@link
 * CompiledScenario#ofCall}) and each trigger ({@code at}, {@code every}, {@code on} an event)
 * starts a run of it, a triggered {@link ScenarioSession} on the target connection's event loop
 * that ends with its last step. Runs of one call may overlap; a received message answers one run at
 * most ({@link CallClaim}). The first failures go to the event history as {@code STEP_FAILED}.
 */
public final class ScheduledCallEngine {

  /** A call's connection and the event loop it runs on. */
  public record Target(TappedConnection connection, Context loop) {}

  private final Vertx vertx;
  private final String eventsAddress;
  private final List<ScheduledCall> calls;
  private final Map<String, CompiledScenario> compiled = new HashMap<>();
  private final Function<String, Target> targets;
  private final CallResults results = new CallResults();
  private final FailureEvents failures;
  private final Map<String, CallClaim> claims = new ConcurrentHashMap<>();
  private final Set<CallRun> inFlight = ConcurrentHashMap.newKeySet();
  private final Set<Context> loops = ConcurrentHashMap.newKeySet();
  private final List<Long> timers = new ArrayList<>();
  private final Map<String, Integer> started = new HashMap<>();
  private MessageConsumer<ConnectionEvent> consumer;
  private boolean stopped;
  private volatile boolean closing;

  /**
   * An engine for {@code calls}.
   *
   * @param eventsAddress the connection events address: {@code on} triggers and failure events
   * @param targets a connection id to its target, {@code null} to the default (first) connection;
   *     returns null when there is no such connection (yet)
   */
  public ScheduledCallEngine(
      Vertx vertx,
      String eventsAddress,
      List<ScheduledCall> calls,
      Function<String, Target> targets) {
    this.vertx = vertx;
    this.eventsAddress = eventsAddress;
    this.calls = List.copyOf(calls);
    this.targets = targets;
    this.failures = new FailureEvents(vertx, eventsAddress);
    for (ScheduledCall call : this.calls) {
      compiled.put(call.getName(), CompiledScenario.ofCall(call));
      results.register(call.getName());
    }
  }

  /** Whether there are no calls. */
  public boolean isEmpty() {
    return calls.isEmpty();
  }

  /** Registers the event consumer (before connections start, so that no event is missed). */
  public Future<Void> prepare() {
    if (calls.stream().noneMatch(c -> c.getTrigger() == ScheduledCall.Trigger.ON_EVENT)) {
      return Future.succeededFuture();
    }
    consumer =
        vertx.eventBus().<ConnectionEvent>localConsumer(eventsAddress, m -> onEvent(m.body()));
    return consumer.completion();
  }

  /** Starts the timers; {@code at} and {@code every} count from now. */
  public synchronized void start() {
    for (ScheduledCall call : calls) {
      switch (call.getTrigger()) {
        case AT ->
            timers.add(vertx.setTimer(Math.max(1, call.getAt().toMillis()), id -> run(call)));
        case EVERY ->
            timers.add(
                vertx.setPeriodic(
                    call.getEvery().toMillis(),
                    id -> {
                      if (!run(call)) {
                        vertx.cancelTimer(id);
                      }
                    }));
        case ON_EVENT -> {}
      }
    }
  }

  private void onEvent(ConnectionEvent event) {
    for (ScheduledCall call : calls) {
      if (call.getTrigger() != ScheduledCall.Trigger.ON_EVENT || call.getOn() != event.type()) {
        continue;
      }
      String id = call.getConnectionId();
      if (id == null) {
        Target first = targets.apply(null);
        id = first == null ? null : first.connection().id();
      }
      if (event.connectionId().equals(id)) {
        run(call);
      }
    }
  }

  /** Starts a run of {@code call} unless stopped or capped; false when no more runs may follow. */
  private boolean run(ScheduledCall call) {
    int n;
    synchronized (this) {
      if (stopped) {
        return false;
      }
      n = started.merge(call.getName(), 1, Integer::sum);
      if (call.getMaxRuns() > 0 && n > call.getMaxRuns()) {
        return false;
      }
    }
    results.started(call.getName());
    Target target = targets.apply(call.getConnectionId());
    if (target == null || target.loop() == null) {
      // no connection (yet) to attach an event to: counted only
      results.finished(call.getName(), Outcome.FAILED, -1);
      return call.getMaxRuns() == 0 || n < call.getMaxRuns();
    }
    loops.add(target.loop());
    target.loop().runOnContext(v -> startOnLoop(call.getName(), target));
    return call.getMaxRuns() == 0 || n < call.getMaxRuns();
  }

  private void startOnLoop(String call, Target target) {
    TappedConnection tap = target.connection();
    CallClaim claim = claims.computeIfAbsent(tap.id(), id -> new CallClaim());
    String failure =
        closing
            ? "closed"
            : !claim.enter()
                ? "too many runs in flight on "
                    + tap.id()
                    + " ("
                    + CallClaim.MAX_RUNS_IN_FLIGHT
                    + ")"
                : null;
    if (failure == null) {
      CallRun run = new CallRun(this, call, target.loop(), claim);
      run.session =
          ScenarioSession.triggered(run, vertx, target.loop(), tap, compiled.get(call), run, claim);
      inFlight.add(run);
      if (run.session.startRun(tap.observe(run.session::onText, run.session::onState))) {
        return;
      }
      inFlight.remove(run);
      claim.leave();
      failure = "not connected";
    }
    results.finished(call, Outcome.FAILED, -1);
    failures.report(
        tap.id(), tap.group(), tap.state(), "scheduled call '" + call + "' failed: " + failure);
  }

  void finished(CallRun run, Outcome outcome, long latencyNanos) {
    inFlight.remove(run);
    run.claim.leave();
    results.finished(run.call, outcome, latencyNanos);
  }

  void reportFailure(ScenarioSession session, String reason) {
    failures.report(session.connectionId(), session.group(), session.state(), reason);
  }

  /** Cancels the timers and the event consumer: no new run starts; runs in flight go on. */
  public Future<Void> stop() {
    synchronized (this) {
      stopped = true;
      timers.forEach(vertx::cancelTimer);
      timers.clear();
    }
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  /** Completes when every started run has an outcome, or after {@code grace}. */
  public Future<Void> awaitIdle(Duration grace) {
    if (results.idle()) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    poll(done, System.nanoTime() + grace.toNanos());
    return done.future();
  }

  /** One-shot timers: cancelling a periodic one set from this thread can throw in Vert.x 5.0. */
  private void poll(Promise<Void> done, long deadline) {
    if (results.idle() || System.nanoTime() - deadline > 0) {
      done.tryComplete();
      return;
    }
    vertx.setTimer(10, id -> poll(done, deadline));
  }

  /**
   * Ends every run still in flight (after the grace period): its pending step fails with {@code
   * closed}, and so does a run whose start is still queued. Nothing is left without an outcome.
   */
  public Future<Void> closePending() {
    closing = true;
    List<Future<Void>> closed = new ArrayList<>();
    for (Context loop : loops) {
      Promise<Void> done = Promise.promise();
      loop.runOnContext(
          v -> {
            for (CallRun run : List.copyOf(inFlight)) {
              if (run.loop == loop) {
                run.session.abortRun();
              }
            }
            done.complete();
          });
      closed.add(done.future());
    }
    return Future.all(closed).mapEmpty();
  }

  /** Clears every count (a stats reset); runs in flight stay started. */
  public void reset() {
    results.reset();
    failures.reset();
  }

  /** {@code {"<name>": {"runs", "ok", "failed", "timed_out", "latency_ms": {...}}}}. */
  public JsonObject toJson() {
    return results.toJson();
  }
}
