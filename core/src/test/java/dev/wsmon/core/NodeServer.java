package dev.wsmon.core;

import static org.junit.jupiter.api.Assertions.fail;

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
import org.junit.jupiter.api.Assumptions;

/**
 * A real Node.js protocol server (npm {@code socket.io} 4, {@code graphql-ws} 6) started from a
 * script under {@code src/test/resources/protocols}. The packages are installed with npm into
 * {@code target/node} once; where npm or node is unavailable the test is skipped with the reason,
 * except under {@code CI=true}, where it fails.
 */
final class NodeServer implements AutoCloseable {

  private static final Path DIR = Path.of("target", "node").toAbsolutePath();
  private static final List<String> FILES =
      List.of("package.json", "socketio-server.js", "graphql-ws-server.js");
  private static String installProblem;
  private static boolean installed;

  private final Process process;
  final int port;

  private NodeServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts {@code script} with {@code env}; waits for its "PORT n" line. */
  static NodeServer start(String script, Map<String, String> env) {
    install();
    try {
      ProcessBuilder pb = new ProcessBuilder("node", script).directory(DIR.toFile());
      pb.redirectErrorStream(true);
      pb.environment().putAll(env);
      Process p = pb.start();
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
                port.completeExceptionally(new IllegalStateException("server ended: " + output));
              },
              "node-" + script);
      reader.setDaemon(true);
      reader.start();
      return new NodeServer(p, port.get(30, TimeUnit.SECONDS));
    } catch (Exception e) {
      throw new IllegalStateException("could not start node " + script + ": " + e, e);
    }
  }

  /** What the server saw ({@code GET /stats}). */
  JsonObject stats() {
    try {
      HttpResponse<String> r =
          HttpClient.newBuilder()
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
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static synchronized void install() {
    if (!installed && installProblem == null) {
      installProblem = doInstall();
      installed = installProblem == null;
    }
    if (installProblem != null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true: the protocol test servers need node and npm: " + installProblem);
      }
      Assumptions.abort("skipped: the protocol test servers need node and npm: " + installProblem);
    }
  }

  private static String doInstall() {
    try {
      Files.createDirectories(DIR);
      for (String f : FILES) {
        try (InputStream in = NodeServer.class.getResourceAsStream("/protocols/" + f)) {
          Files.copy(in, DIR.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      if (Files.isDirectory(DIR.resolve("node_modules/socket.io"))
          && Files.isDirectory(DIR.resolve("node_modules/graphql-ws"))) {
        return null;
      }
      Process p =
          new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
              .directory(DIR.toFile())
              .redirectErrorStream(true)
              .start();
      CompletableFuture<String> out =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                  return e.toString();
                }
              });
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "npm install timed out after 300 s (registry unreachable?)";
      }
      if (p.exitValue() != 0) {
        return "npm install failed: " + out.get(5, TimeUnit.SECONDS).trim();
      }
      return null;
    } catch (Exception e) {
      return e.toString();
    }
  }
}
