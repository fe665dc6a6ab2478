package dev.wsmon.wrapper.internal.scenario;

import dev.wsmon.wrapper.MessageCheck;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;

/** The compiled {@code --check}s, run on every received text message. */
final class MessageChecks {

  private record Compiled(String name, String[] path, String value, Pattern regex) {}

  private final Compiled[] checks;

  MessageChecks(List<MessageCheck> checks) {
    this.checks =
        checks.stream()
            .map(
                c ->
                    new Compiled(
                        c.getName(),
                        c.getJsonPath() == null ? null : c.getJsonPath().split("\\."),
                        c.getJsonValue(),
                        c.getRegex() == null ? null : Pattern.compile(c.getRegex())))
            .toArray(Compiled[]::new);
  }

  boolean isEmpty() {
    return checks.length == 0;
  }

  /** Runs every check on {@code message}; {@code failure} gets the name of each failed one. */
  void run(Received message, StepRecorder stats, java.util.function.Consumer<String> failure) {
    for (Compiled c : checks) {
      boolean passed;
      if (c.regex != null) {
        passed = c.regex.matcher(message.text).find();
      } else {
        JsonObject json = message.json();
        Object v = json == null ? null : Received.at(json, c.path);
        passed = v != null && (c.value == null || MessageMatcher.equal(c.value, v));
      }
      stats.check(c.name, passed);
      if (!passed) {
        failure.accept(c.name);
      }
    }
  }
}
