package dev.wsmon.runner.config;

/** A usage or configuration error; its message names the bad value and says what to do. */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
