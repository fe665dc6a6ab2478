package dev.wsmon.runner.config;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Resolves plain YAML scalars by the YAML 1.2 core schema instead of SnakeYAML's YAML 1.1 rules:
 * only {@code true}/{@code false} are booleans ({@code yes}, {@code no}, {@code on}, {@code off},
 * {@code y}, {@code n} stay text, so a scheduled call's {@code on:} key stays {@code on}); integers
 * are decimal without a leading zero ({@code 017} stays text, never octal, and {@code 1:30} is not
 * sexagesimal); dates stay text. Merge keys ({@code <<: *base}) keep working.
 */
final class Yaml12Resolver extends Resolver {

  private static final Pattern BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
  private static final Pattern INT = Pattern.compile("^[-+]?(?:0|[1-9][0-9]*)$");
  private static final Pattern FLOAT =
      Pattern.compile(
          "^(?:[-+]?(?:\\.[0-9]+|(?:0|[1-9][0-9]*)(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
  private static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL)$");
  private static final Pattern EMPTY = Pattern.compile("^$");

  @Override
  protected void addImplicitResolvers() {
    addImplicitResolver(Tag.BOOL, BOOL, "tfTF");
    addImplicitResolver(Tag.INT, INT, "-+0123456789");
    addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
    addImplicitResolver(Tag.MERGE, MERGE, "<");
    addImplicitResolver(Tag.NULL, NULL, "~nN");
    addImplicitResolver(Tag.NULL, EMPTY, null);
  }
}
