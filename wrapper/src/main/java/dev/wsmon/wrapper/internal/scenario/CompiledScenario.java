package dev.wsmon.wrapper.internal.scenario;

import dev.wsmon.wrapper.PayloadTemplate;
import dev.wsmon.wrapper.Scenario;
import dev.wsmon.wrapper.ScenarioStep;
import dev.wsmon.wrapper.ThinkTime;
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
  sealed interface Node permits Send, Expect, Wait, Close, Repeat {}

  record Send(String name, PayloadTemplate text, byte[] binary) implements Node {}

  record Capture(String name, String[] path, int group) {}

  record Expect(String name, MessageMatcher matcher, Duration timeout, List<Capture> captures)
      implements Node {}

  record Wait(String name, ThinkTime time) implements Node {}

  record Close(String name, int code, String reason) implements Node {}

  record Repeat(long count, Duration duration, boolean forever, ThinkTime think, List<Node> steps)
      implements Node {}

  private final Scenario scenario;
  private final List<Node> steps;
  private final Map<String, String> stepKinds = new LinkedHashMap<>();
  private int position;

  private CompiledScenario(Scenario scenario, PayloadTemplate.Names names) {
    this.scenario = new Scenario(scenario);
    this.steps = compile(scenario.getSteps(), names, new LinkedHashSet<>(names.captures()));
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
          s.getBinary());
    }
    if (step instanceof ScenarioStep.Expect e) {
      MessageMatcher matcher = MessageMatcher.compile(e.getJson(), e.getRegex(), e.getNot(), names);
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
