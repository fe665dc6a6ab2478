package dev.wsmon.runner.config;

import dev.wsmon.wrapper.Feeder;
import dev.wsmon.wrapper.MessageCheck;
import dev.wsmon.wrapper.PayloadTemplate;
import dev.wsmon.wrapper.Scenario;
import dev.wsmon.wrapper.internal.scenario.CompiledScenario;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the config keys {@code scenario} (an object, or the path of a JSON/YAML file holding the
 * key {@code scenario}: {@code --scenario FILE}), {@code feeder} ({@code --feeder FILE.csv}) and
 * {@code messageChecks} ({@code --check}), and compiles the scenario at start so that a bad key,
 * value or unknown template name is a {@link ConfigException} (exit 2) naming it.
 *
 * @param scenario the compiled scenario, or null
 * @param checks the message checks
 * @param feeder the feeder, or null
 */
public record ScenarioConfig(CompiledScenario scenario, List<MessageCheck> checks, Feeder feeder) {

  /** The config keys read here. */
  public static final Map<String, ConfigKey> KEYS =
      Map.of(
          "scenario", ConfigKey.single(),
          "feeder", ConfigKey.single(),
          "messageChecks", ConfigKey.linesOf("messageCheck", "check"));

  /** Whether a scenario or a check is configured. */
  public boolean active() {
    return scenario != null || !checks.isEmpty();
  }

  /**
   * Reads the keys from {@code values}.
   *
   * @param origin names where a key came from, for errors
   * @param env the environment for {@code {env.NAME}}
   */
  public static ScenarioConfig read(
      JsonObject values, Function<String, String> origin, Function<String, String> env) {
    Feeder feeder = null;
    Object feederValue = values.getValue("feeder");
    if (feederValue instanceof JsonObject inline) {
      // a cluster coordinator hands its agents the file's text: {"csv": .., "source": path}
      try {
        feeder = Feeder.fromCsv(inline.getString("csv", ""), inline.getString("source", "feeder"));
      } catch (IllegalArgumentException | ClassCastException e) {
        throw new ConfigException(origin.apply("feeder") + ": " + e.getMessage());
      }
    } else if (feederValue != null) {
      Path path = Path.of(String.valueOf(feederValue));
      try {
        feeder = Feeder.fromCsv(Files.readString(path, StandardCharsets.UTF_8), path.toString());
      } catch (IOException e) {
        throw new ConfigException(
            origin.apply("feeder") + ": cannot read feeder " + path + ": " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(origin.apply("feeder") + ": " + e.getMessage());
      }
    }
    List<MessageCheck> checks = new ArrayList<>();
    Object checkValues = values.getValue("messageChecks");
    if (checkValues != null) {
      JsonArray list = checkValues instanceof JsonArray a ? a : new JsonArray().add(checkValues);
      for (Object item : list) {
        try {
          MessageCheck check = MessageCheck.fromConfig(item);
          if (checks.stream().anyMatch(c -> c.getName().equals(check.getName()))) {
            throw new IllegalArgumentException(
                "two message checks are named '" + check.getName() + "'");
          }
          checks.add(check);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(
              "invalid " + origin.apply("messageChecks") + ": " + e.getMessage());
        }
      }
    }
    CompiledScenario compiled = null;
    Object scenarioValue = values.getValue("scenario");
    if (scenarioValue != null) {
      String where = origin.apply("scenario");
      Path base =
          scenarioValue instanceof String file && Path.of(file).getParent() != null
              ? Path.of(file).getParent()
              : Path.of("");
      JsonObject json = scenarioJson(scenarioValue, where).copy();
      resolveFiles(json.getValue("steps"), base, where);
      try {
        Scenario scenario = new Scenario(json);
        compiled = CompiledScenario.compile(scenario, PayloadTemplate.Names.of(feeder, env));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("invalid " + where + ": " + e.getMessage());
      }
      for (MessageCheck c : checks) {
        if (compiled.stepKinds().containsKey(c.getName())) {
          throw new ConfigException(
              "message check '" + c.getName() + "' has the name of a scenario step; rename one");
        }
      }
    }
    return new ScenarioConfig(compiled, List.copyOf(checks), feeder);
  }

  /**
   * Replaces {@code send: '@FILE'} (and {@code text: '@FILE'}) by the file's text and {@code
   * binary: '@FILE'} by its bytes in base64; paths are relative to the scenario file.
   */
  private static void resolveFiles(Object steps, Path base, String where) {
    if (!(steps instanceof JsonArray array)) {
      return;
    }
    for (Object o : array) {
      if (!(o instanceof JsonObject step)) {
        continue;
      }
      Object send = step.getValue("send");
      if (send instanceof String s && PayloadFile.named(s)) {
        step.put("send", PayloadFile.text(file(base, s), failure(where)));
      } else if (send instanceof JsonObject body) {
        if (body.getValue("text") instanceof String s && PayloadFile.named(s)) {
          body.put("text", PayloadFile.text(file(base, s), failure(where)));
        }
        if (body.getValue("binary") instanceof String s && PayloadFile.named(s)) {
          body.put(
              "binary",
              Base64.getEncoder().encodeToString(PayloadFile.bytes(file(base, s), failure(where))));
        }
      }
      if (step.getValue("repeat") instanceof JsonObject repeat) {
        resolveFiles(repeat.getValue("steps"), base, where);
      }
    }
  }

  private static Path file(Path base, String at) {
    return base.resolve(at.substring(1));
  }

  private static Function<String, ConfigException> failure(String where) {
    return problem -> new ConfigException(where + ": send payload " + problem);
  }

  private static JsonObject scenarioJson(Object value, String where) {
    if (value instanceof JsonObject json) {
      return json;
    }
    if (!(value instanceof String file)) {
      throw new ConfigException(
          where + " must be a scenario object or the path of a file holding one, got " + value);
    }
    JsonObject doc = ConfigSource.readFile(Path.of(file));
    Object inner = doc.getValue("scenario");
    if (inner instanceof JsonObject json) {
      return json;
    }
    if (doc.containsKey("steps")) {
      return doc;
    }
    throw new ConfigException(
        "scenario file " + file + " must hold the key 'scenario' (an object with 'steps')");
  }
}
