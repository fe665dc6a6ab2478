package dev.wsmon.testkit;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A scripted Node WebSocket server (the {@code ws} package, installed with npm into a work
 * directory) for truth tests of scenarios: an auth/subscribe/ping flow, optionally dropping each
 * connection mid-flow ({@code drop}) or answering pings wrongly ({@code wrong}). Its own log of
 * what it received is read with {@link #counts()}.
 */
public final class NodeWsServer implements AutoCloseable {

  /** Node or npm (or the registry) is not reachable. */
  public static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }

  private final Process process;
  private final int port;

  private NodeWsServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Installs {@code ws} into {@code workDir} (once) and starts the server.
   *
   * @param workDir a build directory, e.g. {@code target/node-ws}
   * @param mode {@code flow}, {@code drop} or {@code wrong}
   * @throws Unavailable when node or npm cannot run or the install fails
   */
  public static NodeWsServer start(Path workDir, String mode) throws Unavailable, IOException {
    workDir = workDir.toAbsolutePath();
    Files.createDirectories(workDir);
    if (!Files.isDirectory(workDir.resolve("node_modules/ws"))) {
      run(workDir, List.of("npm", "install", "--no-audit", "--no-fund", "--no-save", "ws@8"), 180);
    }
    Path script = workDir.resolve("scenario-server.js");
    try (InputStream in = NodeWsServer.class.getResourceAsStream("scenario-server.js")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    Process process;
    try {
      process =
          new ProcessBuilder("node", script.toString(), mode)
              .directory(workDir.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
    } catch (IOException e) {
      throw new Unavailable("node cannot run: " + e.getMessage());
    }
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("PORT ")) {
      process.destroyForcibly();
      throw new Unavailable("the node server did not start: " + line);
    }
    return new NodeWsServer(process, Integer.parseInt(line.substring(5).trim()));
  }

  private static void run(Path dir, List<String> command, int timeoutSeconds) throws Unavailable {
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("npm.log").toFile())
              .start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new Unavailable(String.join(" ", command) + " timed out (registry unreachable?)");
      }
      if (p.exitValue() != 0) {
        throw new Unavailable(
            String.join(" ", command)
                + " failed (exit "
                + p.exitValue()
                + "), see "
                + dir.resolve("npm.log"));
      }
    } catch (IOException e) {
      throw new Unavailable(String.join(" ", command) + " cannot run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted");
    }
  }

  /** The port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The WebSocket URI. */
  public String uri() {
    return "ws://127.0.0.1:" + port + "/";
  }

  /** The server's log: connections, auths, subscribes, pings, pongs, ticks, closes by code. */
  public JsonObject counts() throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/counts")).build(),
                HttpResponse.BodyHandlers.ofString());
    return new JsonObject(response.body());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
