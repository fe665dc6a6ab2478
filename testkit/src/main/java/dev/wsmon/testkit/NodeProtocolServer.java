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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real Node.js protocol server for protocol tests: {@code socketio-server.js} (npm {@code
 * socket.io} 4) or {@code graphql-ws-server.js} (npm {@code graphql-ws} 6), installed with npm into
 * a work directory once. {@link #stats()} answers what the server saw.
 */
public final class NodeProtocolServer implements AutoCloseable {

  /** Node or npm (or the registry) is not reachable. */
  public static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }

  private static final List<String> FILES =
      List.of("package.json", "socketio-server.js", "graphql-ws-server.js");

  private final Process process;
  private final int port;

  private NodeProtocolServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Installs the packages into {@code workDir} (once) and starts {@code script} with {@code env};
   * waits for its {@code PORT n} line.
   *
   * @param script {@code socketio-server.js} or {@code graphql-ws-server.js}
   * @throws Unavailable when node or npm cannot run or the install fails
   */
  public static NodeProtocolServer start(Path workDir, String script, Map<String, String> env)
      throws Unavailable {
    Path dir = workDir.toAbsolutePath();
    install(dir);
    Process p;
    try {
      ProcessBuilder pb = new ProcessBuilder("node", script).directory(dir.toFile());
      pb.redirectErrorStream(true);
      pb.environment().putAll(env);
      p = pb.start();
    } catch (IOException e) {
      throw new Unavailable("node cannot run: " + e.getMessage());
    }
    CompletableFuture<Integer> port = new CompletableFuture<>();
    StringBuilder output = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  if (line.startsWith("PORT ")) {
                    port.complete(Integer.parseInt(line.substring(5).trim()));
                  } else {
                    synchronized (output) {
                      output.append(line).append('\n');
                    }
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
              synchronized (output) {
                port.completeExceptionally(new IllegalStateException("server ended: " + output));
              }
            },
            "node-" + script);
    reader.setDaemon(true);
    reader.start();
    try {
      return new NodeProtocolServer(p, port.get(30, TimeUnit.SECONDS));
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IllegalStateException("could not start node " + script + ": " + e, e);
    }
  }

  private static synchronized void install(Path dir) throws Unavailable {
    try {
      Files.createDirectories(dir);
      for (String f : FILES) {
        try (InputStream in = NodeProtocolServer.class.getResourceAsStream("protocols/" + f)) {
          Files.copy(in, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new Unavailable("cannot write " + dir + ": " + e.getMessage());
    }
    if (Files.isDirectory(dir.resolve("node_modules/socket.io"))
        && Files.isDirectory(dir.resolve("node_modules/graphql-ws"))) {
      return;
    }
    try {
      Process p =
          new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("npm.log").toFile())
              .start();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new Unavailable("npm install timed out after 300 s (registry unreachable?)");
      }
      if (p.exitValue() != 0) {
        throw new Unavailable(
            "npm install failed (exit "
                + p.exitValue()
                + "): "
                + Files.readString(dir.resolve("npm.log")).trim());
      }
    } catch (IOException e) {
      throw new Unavailable("npm cannot run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted");
    }
  }

  /** The port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** What the server saw ({@code GET /stats}). */
  public JsonObject stats() {
    try {
      HttpResponse<String> r =
          HttpClient.newBuilder()
              .proxy(HttpClient.Builder.NO_PROXY)
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stats")).build(),
                  HttpResponse.BodyHandlers.ofString());
      return new JsonObject(r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
