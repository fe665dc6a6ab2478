package dev.wsmon.runner.config;

import dev.wsmon.core.Redaction;

/** A usage or configuration error; its message names the bad value and says what to do. */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  /**
   * The one format of a rejected value: {@code invalid ORIGIN value 'VALUE': PROBLEM}, the value
   * redacted.
   *
   * @param origin where the value came from ({@code --jitter}, {@code WSMON_JITTER}, {@code jitter
   *     in f.yaml (profile ci)})
   * @param value the value as given, or {@code null} to leave it out (secrets)
   * @param problem what is wrong, usually the options' own validation message
   */
  public static ConfigException invalid(String origin, Object value, String problem) {
    return new ConfigException(
        "invalid "
            + origin
            + (value == null ? "" : " value '" + Redaction.text(String.valueOf(value)) + "'")
            + ": "
            + problem);
  }
}
