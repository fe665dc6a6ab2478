package dev.wsmon.runner.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** {@code --verbose}: wsmon logs at DEBUG and errors show their stack traces. */
final class Verbosity {

  private static volatile boolean verbose;

  private Verbosity() {}

  static boolean verbose() {
    return verbose;
  }

  static void set(boolean on) {
    verbose = on;
    if (LoggerFactory.getLogger("dev.wsmon") instanceof Logger logger) {
      logger.setLevel(on ? Level.DEBUG : Level.INFO);
    }
  }
}
