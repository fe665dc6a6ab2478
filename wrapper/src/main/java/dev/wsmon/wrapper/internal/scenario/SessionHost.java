package dev.wsmon.wrapper.internal.scenario;

import dev.wsmon.core.Connection;

/**
 * What a {@link ScenarioSession} needs from what runs it: the {@link ScenarioEngine} for a
 * connection's scenario, a {@link CallRun} for one run of a scheduled call.
 */
interface SessionHost {

  /** The number {@code {conn}} renders for {@code connection}. */
  int numberOf(Connection connection);

  /** Every received text message, before an expect looks at it (the message checks). */
  void received(Received message, ScenarioSession session);

  /** Whether the step named {@code step} counts as a check. */
  boolean isCheck(String step);

  /** A step ended without success: {@code outcome} is "failed" or "timed out". */
  void stepFailed(ScenarioSession session, String step, String outcome, String reason);

  /** A {@code close} step closed the session's connection. */
  void closedByScenario(ScenarioSession session);
}
