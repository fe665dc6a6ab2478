package dev.wsmon.wrapper.internal.scenario;

import dev.wsmon.core.Connection;
import dev.wsmon.wrapper.internal.scenario.ScenarioStats.Outcome;
import io.vertx.core.Context;

/**
 * One run of a scheduled call: the host and the recorder of its triggered {@link ScenarioSession}.
 * The run is ok when every step was; otherwise it takes the outcome of its first failed step (a run
 * cut by the end of its connection's session is failed). Its latency runs from its start to its
 * last step's end.
 */
final class CallRun implements SessionHost, StepRecorder {

  private final ScheduledCallEngine engine;
  final String call;
  final Context loop;
  final CallClaim claim;
  ScenarioSession session;
  private long startNanos;
  private Outcome firstFailure;

  CallRun(ScheduledCallEngine engine, String call, Context loop, CallClaim claim) {
    this.engine = engine;
    this.call = call;
    this.loop = loop;
    this.claim = claim;
  }

  @Override
  public int numberOf(Connection connection) {
    return connection.number();
  }

  @Override
  public void received(Received message, ScenarioSession session) {}

  @Override
  public boolean isCheck(String step) {
    return false;
  }

  @Override
  public void stepFailed(ScenarioSession session, String step, String outcome, String reason) {
    engine.reportFailure(
        session, "scheduled call '" + call + "' " + outcome + " at its " + step + ": " + reason);
  }

  @Override
  public void closedByScenario(ScenarioSession session) {}

  @Override
  public void iterationStarted() {
    startNanos = System.nanoTime();
  }

  @Override
  public void iterationEnded(boolean anyFailed, boolean cut) {
    Outcome outcome = firstFailure != null ? firstFailure : cut ? Outcome.FAILED : Outcome.OK;
    engine.finished(this, outcome, System.nanoTime() - startNanos);
  }

  @Override
  public void stepStarted(String name) {}

  @Override
  public void stepEnded(String name, Outcome outcome, long latencyNanos) {
    if (outcome != Outcome.OK && firstFailure == null) {
      firstFailure = outcome;
    }
  }

  @Override
  public void check(String name, boolean passed) {}
}
