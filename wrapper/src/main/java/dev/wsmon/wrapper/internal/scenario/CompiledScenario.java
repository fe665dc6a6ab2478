package dev.wsmon.wrapper.internal.scenario;

import dev.wsmon.core.protocol.Protocol;
import dev.wsmon.core.protocol.ProtocolOperation;
import dev.wsmon.wrapper.PayloadTemplate;
import dev.wsmon.wrapper.ProtocolSteps;
import dev.wsmon.wrapper.Scenario;
import dev.wsmon.wrapper.ScenarioStep;
import dev.wsmon.wrapper.ScheduledCall;
import dev.wsmon.wrapper.ThinkTime;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scenario checked and compiled at start: every step named (unnamed ones by kind and position in
 * the flattened list, {@code send-1}, {@code expect-2}, ...), every template compiled strictly (an
 * unknown name fails here, naming it), every expect's condition compiled.
 */
public final class CompiledScenario {

  /** A compiled step. */
  sealed interface Node permits Send, Expect, Wait, Close, Repeat, Operation, Act {}

  /** A send of a template, a literal text (a scheduled call's payload) or binary data. */
  record Send(String name, PayloadTemplate text, String literal, byte[] binary) implements Node {}

  /**
   * A Java function run with the connection (a scheduled call's {@link ScheduledCall.Action}); its
   * future, within {@code timeout}, is the outcome. Java-only: no YAML form.
   */
  record Act(String name, ScheduledCall.Action action, Duration timeout) implements Node {}

  record Capture(String name, String[] path, int group) {}

  record Expect(String name, MessageMatcher matcher, Duration timeout, List<Capture> captures)
      implements Node {}

  record Wait(String name, ThinkTime time) implements Node {}

  record Close(String name, int code, String reason) implements Node {}

  record Repeat(long count, Duration duration, boolean forever, ThinkTime think, List<Node> steps)
      implements Node {}

  /**
   * A protocol step: its operation (text a template; a GraphQL {@code query}, whose braces are
   * GraphQL, is taken as it is) and, with {@code reply}, the ack or receipt waited for up to {@code
   * timeout}.
   */
  record Operation(
      String name,
      ProtocolOperation.Kind kind,
      String channel,
      PayloadTemplate text,
      String id,
      String query,
      JsonObject variables,
      boolean reply,
      Duration timeout)
      implements Node {

    ProtocolOperation render(PayloadTemplate.Values values) {
      return switch (kind) {
        case EMIT -> ProtocolOperation.emit(channel, text == null ? null : text.render(values));
        case STOMP_SUBSCRIBE -> ProtocolOperation.stompSubscribe(channel, id);
        case STOMP_SEND -> ProtocolOperation.stompSend(channel, text.render(values));
        case GRAPHQL_SUBSCRIBE -> ProtocolOperation.graphqlSubscribe(channel, query, variables);
      };
    }
  }

  private final Scenario scenario;
  private final List<Node> steps;
  // step name -> the protocol the step needs (protocol steps and channel expects)
  private final Map<String, Protocol> protocols = new LinkedHashMap<>();
  private final Map<String, String> stepKinds = new LinkedHashMap<>();
  private int position;

  private CompiledScenario(Scenario scenario, PayloadTemplate.Names names) {
    this.scenario = new Scenario(scenario);
    this.steps = compile(scenario.getSteps(), names, new LinkedHashSet<>(names.captures()));
  }

  private CompiledScenario(Scenario scenario, List<Node> steps) {
    this.scenario = scenario;
    this.steps = List.copyOf(steps);
    steps.forEach(n -> stepKinds.put(ScenarioSession.nameOf(n), ScenarioSession.nameOf(n)));
  }

  /**
   * A scheduled call as a one-step scenario run per trigger: its payload as a literal {@code send}
   * (or its {@link ScheduledCall.Action} as an {@code action} step), then, when it expects one, an
   * {@code expect} of its regex (the whole message) or predicate within its timeout.
   */
  public static CompiledScenario ofCall(ScheduledCall call) {
    List<Node> steps = new ArrayList<>();
    if (call.getAction() != null) {
      steps.add(new Act("action", call.getAction(), call.getTimeout()));
    } else {
      steps.add(new Send("send", null, call.getPayload(), null));
    }
    if (call.getExpectPredicate() != null) {
      steps.add(
          new Expect(
              "expect",
              MessageMatcher.when(call.getExpectPredicate()),
              call.getTimeout(),
              List.of()));
    }
    return new CompiledScenario(
        new Scenario().setName(call.getName()).setOnReconnect(Scenario.OnReconnect.STOP), steps);
  }

  /**
   * Compiles {@code scenario}.
   *
   * @param names the feeder columns and environment templates may use
   * @throws IllegalArgumentException naming the step and the bad template name or value
   */
  public static CompiledScenario compile(Scenario scenario, PayloadTemplate.Names names) {
    return new CompiledScenario(scenario, names);
  }

  private List<Node> compile(
      List<ScenarioStep> list, PayloadTemplate.Names names, Set<String> captures) {
    List<Node> out = new ArrayList<>();
    for (ScenarioStep step : list) {
      if (step instanceof ScenarioStep.Repeat r) {
        out.add(
            new Repeat(
                r.getCount(),
                r.getDuration(),
                r.isForever(),
                r.getThink(),
                compile(r.getSteps(), names, captures)));
        continue;
      }
      position++;
      String name = step.getName() != null ? step.getName() : step.kind() + "-" + position;
      String previous = stepKinds.putIfAbsent(name, step.kind());
      if (previous != null && !previous.equals(step.kind())) {
        throw new IllegalArgumentException(
            "steps named '"
                + name
                + "' have different kinds ("
                + previous
                + ", "
                + step.kind()
                + "); steps sharing a name must be of one kind");
      }
      PayloadTemplate.Names known = names.withCaptures(Set.copyOf(captures));
      Protocol needed =
          step instanceof ProtocolSteps.ProtocolStep p
              ? p.protocol()
              : step instanceof ScenarioStep.Expect e ? e.channelProtocol() : null;
      if (needed != null) {
        protocols.putIfAbsent(step.kind() + " step '" + name + "'", needed);
      }
      try {
        out.add(node(step, name, known, captures));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("scenario step '" + name + "': " + e.getMessage(), e);
      }
    }
    return List.copyOf(out);
  }

  private static Node node(
      ScenarioStep step, String name, PayloadTemplate.Names names, Set<String> captures) {
    if (step instanceof ScenarioStep.Send s) {
      return new Send(
          name,
          s.getText() == null ? null : PayloadTemplate.strict(s.getText(), names),
          null,
          s.getBinary());
    }
    if (step instanceof ProtocolSteps.ProtocolStep) {
      return ProtocolNodes.compile(step, name, names);
    }
    if (step instanceof ScenarioStep.Expect e) {
      MessageMatcher matcher =
          MessageMatcher.compile(e.getJson(), e.getRegex(), e.getNot(), names)
              .onChannel(e.getChannel());
      List<Capture> list = new ArrayList<>();
      e.getCapture()
          .forEach(
              (key, source) -> {
                if (source instanceof Number n) {
                  list.add(new Capture(key, null, n.intValue()));
                } else {
                  list.add(new Capture(key, String.valueOf(source).split("\\."), -1));
                }
                captures.add(key);
              });
      return new Expect(name, matcher, e.getTimeout(), List.copyOf(list));
    }
    if (step instanceof ScenarioStep.Wait w) {
      return new Wait(name, w.getTime());
    }
    if (step instanceof ScenarioStep.Close c) {
      return new Close(name, c.getCode(), c.getReason());
    }
    throw new IllegalArgumentException(
        "step kind '" + step.kind() + "' is not supported without its protocol layer");
  }

  /**
   * Checks that every protocol step and channel expect fits the protocol a connection speaks.
   *
   * @throws IllegalArgumentException naming the first step that does not
   */
  public void checkProtocol(Protocol protocol) {
    for (Map.Entry<String, Protocol> e : protocols.entrySet()) {
      if (e.getValue() != protocol) {
        throw new IllegalArgumentException(
            "scenario "
                + e.getKey()
                + " needs protocol "
                + e.getValue().configName()
                + ", but the connection speaks "
                + protocol.configName());
      }
    }
  }

  /** The scenario as given. */
  public Scenario scenario() {
    return new Scenario(scenario);
  }

  /** The top-level compiled steps. */
  List<Node> steps() {
    return steps;
  }

  /** The result step names in flattened order, with their kinds. */
  public Map<String, String> stepKinds() {
    return new LinkedHashMap<>(stepKinds);
  }

  /** The names of the expect steps (each is a check). */
  public List<String> expectNames() {
    List<String> out = new ArrayList<>();
    stepKinds.forEach(
        (n, k) -> {
          if (k.equals("expect")) {
            out.add(n);
          }
        });
    return out;
  }
}
