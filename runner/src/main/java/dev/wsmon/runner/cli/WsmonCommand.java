package dev.wsmon.runner.cli;

import dev.wsmon.runner.config.ConfigException;
import dev.wsmon.runner.report.ExitCodes;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code wsmon} command: WebSocket connection testing and monitoring. */
@Command(
    name = "wsmon",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "WebSocket connection testing and monitoring.",
    subcommands = {
      RunCommand.class,
      MonitorCommand.class,
      ServeCommand.class,
      DemoCommand.class,
      CompareCommand.class,
      AgentCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 success; 1 a threshold failed; 2 usage or configuration error;"
          + " 3 could not run (no connection ever succeeded).",
      "Start with: wsmon demo"
    })
public final class WsmonCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  final PrintStream out;
  final PrintStream err;
  final Map<String, String> env;

  WsmonCommand(PrintStream out, PrintStream err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = env;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(err);
    err.println();
    err.println("wsmon: name a command, e.g. 'wsmon demo' or 'wsmon run ws://HOST:PORT/path'");
    return ExitCodes.USAGE;
  }

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    int code = execute(System.out, System.err, System.getenv(), args);
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /**
   * Runs {@code args} with the given output streams and environment (used for {@code WSMON_*}
   * settings) and returns the exit code.
   */
  public static int execute(
      PrintStream out, PrintStream err, Map<String, String> env, String... args) {
    return commandLine(out, err, env).execute(args);
  }

  /** The configured picocli command line. */
  static CommandLine commandLine(PrintStream out, PrintStream err, Map<String, String> env) {
    CommandLine cl = new CommandLine(new WsmonCommand(out, err, env));
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // --send @FILE names a payload file: picocli must not expand it as an argument file
    cl.setExpandAtFiles(false);
    cl.setParameterExceptionHandler(WsmonCommand::handleParameterException);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> handleExecutionException(ex, commandLine, err));
    return cl;
  }

  private static int handleParameterException(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    String name = cl.getCommandSpec().qualifiedName();
    StringBuilder line = new StringBuilder(name).append(": ").append(oneLine(ex.getMessage()));
    if (ex instanceof UnmatchedArgumentException unmatched) {
      List<String> suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        line.append(" (did you mean ").append(String.join(" or ", suggestions)).append("?)");
      }
    }
    line.append(" - see '").append(name).append(" --help'");
    cl.getErr().println(line);
    cl.getErr().flush();
    return ExitCodes.USAGE;
  }

  private static int handleExecutionException(
      Exception ex, CommandLine commandLine, PrintStream err) {
    String name = commandLine.getCommandSpec().qualifiedName();
    if (ex instanceof ConfigException) {
      err.println(name + ": " + ex.getMessage());
      return ExitCodes.USAGE;
    }
    err.println(name + ": could not run: " + describe(ex));
    if (Verbosity.verbose()) {
      ex.printStackTrace(err);
    } else {
      err.println(name + ": run again with --verbose for the stack trace");
    }
    return ExitCodes.COULD_NOT_RUN;
  }

  static String describe(Throwable ex) {
    String message = ex.getMessage();
    return message == null || message.isBlank() ? ex.getClass().getSimpleName() : oneLine(message);
  }

  static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
