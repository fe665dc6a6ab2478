package dev.wsmon.wrapper.internal.scenario;

import dev.wsmon.wrapper.internal.scenario.ScenarioStats.Outcome;

/**
 * Where a {@link ScenarioSession} counts what it runs: a connection's {@link ScenarioStats}, or the
 * result of one scheduled-call run ({@link CallRun}). Called on the session's event loop.
 */
interface StepRecorder {

  void iterationStarted();

  /** An iteration ended: all steps ran ({@code anyFailed} when one failed) or it was cut. */
  void iterationEnded(boolean anyFailed, boolean cut);

  void stepStarted(String name);

  void stepEnded(String name, Outcome outcome, long latencyNanos);

  void check(String name, boolean passed);
}
