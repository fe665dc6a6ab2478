package dev.wsmon.runner.cli;

import dev.wsmon.runner.impl.ExitCodes;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code wsmon demo}: a misbehaving echo server and a monitored run against it. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Start an echo server with scripted faults in this process and run 10 connections"
            + " against it for about 20 s: live progress, reconnects, close codes, round-trip"
            + " percentiles and the final summary.")
public final class DemoCommand implements Callable<Integer> {

  @ParentCommand WsmonCommand parent;

  @Option(
      names = "--duration",
      hidden = true,
      converter = Converters.DurationConverter.class,
      description = "Demo length (default: 20s).")
  Duration duration = Duration.ofSeconds(20);

  @Option(
      names = {"-v", "--verbose"},
      description = "Debug logging and stack traces.")
  boolean verbose;

  @Override
  public Integer call() {
    parent.err.println("wsmon demo: not assembled yet");
    return ExitCodes.COULD_NOT_RUN;
  }
}
