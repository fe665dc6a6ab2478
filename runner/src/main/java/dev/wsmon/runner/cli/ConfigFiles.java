package dev.wsmon.runner.cli;

import dev.wsmon.runner.config.ConfigException;
import dev.wsmon.runner.config.ConfigKey;
import dev.wsmon.runner.config.ConfigProfiles;
import dev.wsmon.runner.config.ConfigSource;
import java.nio.file.Path;
import java.util.Map;

/**
 * The file and environment layers shared by {@code run} and {@code monitor}: {@code --config} (or
 * {@code WSMON_CONFIG}) with its profile ({@code --profile}, else {@code WSMON_PROFILE}, else the
 * file's {@code profile} key), then the {@code WSMON_*} environment. Flags go on top.
 */
final class ConfigFiles {

  /** The environment variable naming the config file when {@code --config} is not given. */
  static final String CONFIG_ENV = "WSMON_CONFIG";

  private ConfigFiles() {}

  static ConfigSource source(
      Path config, String profile, Map<String, String> env, Map<String, ConfigKey> keys) {
    Path file = config;
    if (file == null && env.get(CONFIG_ENV) != null && !env.get(CONFIG_ENV).isBlank()) {
      file = Path.of(env.get(CONFIG_ENV).trim());
    }
    String name = profile;
    String envProfile = env.get(ConfigProfiles.ENV);
    if (name == null && envProfile != null && !envProfile.isBlank()) {
      name = envProfile.trim();
    }
    if (name != null && name.isBlank()) {
      throw new ConfigException("--profile needs a profile name");
    }
    if (file == null && name != null) {
      throw new ConfigException(
          (profile != null ? "--profile " : ConfigProfiles.ENV + "=")
              + name
              + " needs a config file with a profiles section: add --config FILE");
    }
    ConfigSource source = new ConfigSource();
    if (file != null) {
      source.addFile(file, name, keys);
    }
    return source.addEnvironment(env, keys);
  }
}
