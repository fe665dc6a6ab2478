package dev.wsmon.wrapper.internal.scenario;

import dev.wsmon.core.protocol.ProtocolOperation;
import dev.wsmon.wrapper.PayloadTemplate;
import dev.wsmon.wrapper.ProtocolSteps;
import dev.wsmon.wrapper.ScenarioStep;
import java.time.Duration;

/** Compiles the protocol steps ({@link ProtocolSteps}) into {@link CompiledScenario.Operation}s. */
final class ProtocolNodes {

  private ProtocolNodes() {}

  static CompiledScenario.Operation compile(
      ScenarioStep step, String name, PayloadTemplate.Names names) {
    if (step instanceof ProtocolSteps.Emit e) {
      String data = e.getDataText();
      return new CompiledScenario.Operation(
          name,
          ProtocolOperation.Kind.EMIT,
          e.getEvent(),
          data == null ? null : PayloadTemplate.strict(data, names),
          null,
          null,
          null,
          e.isAck(),
          e.getTimeout());
    }
    if (step instanceof ProtocolSteps.Publish p) {
      return new CompiledScenario.Operation(
          name,
          ProtocolOperation.Kind.STOMP_SEND,
          p.getDestination(),
          PayloadTemplate.strict(p.getBody(), names),
          null,
          null,
          null,
          p.isReceipt(),
          p.getTimeout());
    }
    ProtocolSteps.Subscribe s = (ProtocolSteps.Subscribe) step;
    if (s.getDestination() != null) {
      return new CompiledScenario.Operation(
          name,
          ProtocolOperation.Kind.STOMP_SUBSCRIBE,
          s.getDestination(),
          null,
          s.getId(),
          null,
          null,
          false,
          Duration.ZERO);
    }
    // the subscription's channel is the step's name (expect: {subscription: NAME})
    return new CompiledScenario.Operation(
        name,
        ProtocolOperation.Kind.GRAPHQL_SUBSCRIBE,
        name,
        null,
        null,
        s.getQuery(),
        s.getVariables(),
        false,
        Duration.ZERO);
  }
}
