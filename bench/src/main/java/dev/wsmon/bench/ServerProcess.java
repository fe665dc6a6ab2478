package dev.wsmon.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An {@link EchoServerMain} child process on this JVM's class path. */
final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final int port;

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts a server with the given fault specs and waits until it listens. */
  static ServerProcess start(String... faults) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(EchoServerMain.class.getName());
    command.addAll(List.of(faults));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("port ")) {
        return new ServerProcess(p, Integer.parseInt(line.substring(5).trim()));
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("the echo server process ended before listening");
  }

  /** The server process's CPU time and system calls so far. */
  ProcCounters counters() {
    return ProcCounters.of(process.pid());
  }

  String uri(String path) {
    return "ws://127.0.0.1:" + port + path;
  }

  @Override
  public void close() throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
