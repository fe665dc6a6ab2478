package dev.wsmon.runner.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options of the commands that run until Ctrl-C ({@code serve}, {@code monitor}, {@code
 * agent}): a hidden {@code --duration} that stops them (for tests), and {@code -v}.
 */
final class UntilStopped {

  @Option(
      names = "--duration",
      hidden = true,
      converter = Converters.DurationConverter.class,
      description = "Stop after this long (for tests).")
  Duration duration;

  @Option(
      names = {"-v", "--verbose"},
      description = "Debug logging and stack traces.")
  boolean verbose;
}
