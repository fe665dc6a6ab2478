package dev.wsmon.runner.cli;

import dev.wsmon.runner.impl.ExitCodes;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code wsmon serve}: an echo server with fault injection, until Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Run a WebSocket echo server with fault injection until Ctrl-C; prints its ws:// URL.")
public final class ServeCommand implements Callable<Integer> {

  @ParentCommand WsmonCommand parent;

  @Option(
      names = {"-p", "--port"},
      paramLabel = "P",
      description = "Port to listen on; 0 picks a free one (default: 8080).")
  int port = 8080;

  @Option(names = "--host", paramLabel = "H", description = "Address to bind (default: 127.0.0.1).")
  String host = "127.0.0.1";

  @Option(names = "--fault", paramLabel = "SPEC", description = "Fault to inject; repeatable.")
  List<String> faults;

  @Option(
      names = {"-v", "--verbose"},
      description = "Debug logging and stack traces.")
  boolean verbose;

  @Override
  public Integer call() {
    parent.err.println("wsmon serve: the echo server is not assembled yet");
    return ExitCodes.COULD_NOT_RUN;
  }
}
