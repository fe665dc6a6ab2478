package dev.wsmon.runner.config;

import dev.wsmon.core.Redaction;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;

/**
 * Profiles of a config file: a {@code profiles} section maps names to partial configs, and the
 * selected profile's keys deep-merge over the file's base keys (objects merge key by key; any other
 * value, lists included, replaces the base value). The profile is chosen by {@code --profile}, else
 * {@code WSMON_PROFILE}, else the file's own {@code profile} key.
 */
public final class ConfigProfiles {

  /** The file key holding the profiles. */
  public static final String PROFILES = "profiles";

  /** The file key naming the default profile. */
  public static final String PROFILE = "profile";

  /** The environment variable naming the profile. */
  public static final String ENV = "WSMON_PROFILE";

  private ConfigProfiles() {}

  /**
   * The profile name to use: {@code flag}, else {@code WSMON_PROFILE}, else the file's {@code
   * profile} key, else {@code null}.
   */
  public static String select(String flag, Map<String, String> env, JsonObject file, Path path) {
    if (flag != null) {
      return flag;
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.trim();
    }
    if (file == null || file.getValue(PROFILE) == null) {
      return null;
    }
    if (!(file.getValue(PROFILE) instanceof String name)) {
      throw new ConfigException(
          "invalid profile in "
              + path
              + " value '"
              + file.getValue(PROFILE)
              + "': expected a name");
    }
    return name;
  }

  /**
   * {@code file} without its {@code profile} and {@code profiles} keys, with the profile {@code
   * name} (if not null) merged over it.
   *
   * @throws ConfigException naming the profile, the file and the profiles available when the
   *     profile does not exist or is not a mapping
   */
  public static JsonObject apply(JsonObject file, String name, Path path) {
    JsonObject base = file.copy();
    base.remove(PROFILE);
    Object section = base.remove(PROFILES);
    if (section != null && !(section instanceof JsonObject)) {
      throw new ConfigException(
          "invalid profiles in "
              + path
              + ": expected a mapping of profile names to settings, got '"
              + Redaction.text(String.valueOf(section))
              + "'");
    }
    JsonObject profiles = section == null ? new JsonObject() : (JsonObject) section;
    if (name == null) {
      return base;
    }
    Object profile = profiles.getValue(name);
    if (profile == null) {
      throw new ConfigException(
          "unknown profile '"
              + name
              + "' in "
              + path
              + (profiles.isEmpty()
                  ? " (the file has no profiles section)"
                  : "; profiles available: " + String.join(", ", profiles.fieldNames())));
    }
    if (!(profile instanceof JsonObject overrides)) {
      throw new ConfigException(
          "invalid profile '" + name + "' in " + path + ": expected a mapping of settings");
    }
    if (overrides.containsKey(PROFILES) || overrides.containsKey(PROFILE)) {
      throw new ConfigException(
          "profile '" + name + "' in " + path + " must not hold profile or profiles");
    }
    return deepMerge(base, overrides);
  }

  /**
   * {@code over} merged into a copy of {@code base} ({@link JsonObject#mergeIn(JsonObject,
   * boolean)}, deep): objects key by key, other values (lists included) replace.
   */
  public static JsonObject deepMerge(JsonObject base, JsonObject over) {
    return base.copy().mergeIn(over.copy(), true);
  }
}
