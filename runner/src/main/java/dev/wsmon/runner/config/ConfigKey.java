package dev.wsmon.runner.config;

import java.util.Set;

/**
 * What a config key holds, enough to read it from the environment.
 *
 * @param list whether the value is a list
 * @param commaSeparated whether list items from the environment may be separated by commas
 * @param aliases other accepted spellings (e.g. the singular of a list key)
 */
public record ConfigKey(boolean list, boolean commaSeparated, Set<String> aliases) {

  /** A single value. */
  public static ConfigKey single() {
    return new ConfigKey(false, false, Set.of());
  }

  /** A list whose items may be separated by commas in the environment. */
  public static ConfigKey listOf(String... aliases) {
    return new ConfigKey(true, true, Set.of(aliases));
  }

  /** A list whose items are separated by newlines only in the environment. */
  public static ConfigKey linesOf(String... aliases) {
    return new ConfigKey(true, false, Set.of(aliases));
  }
}
