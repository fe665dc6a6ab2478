package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Launches the built fat jar as separate processes, to catch packaging mistakes. */
@Timeout(180)
@DisplayName("the wsmon fat jar, as separate processes")
class WsmonJarIT {

  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();

  private static Path jar() {
    return Path.of(System.getProperty("wsmon.jar", "target/wsmon.jar"));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
    processes.add(p);
    return p;
  }

  private record Result(int code, String out, String err) {}

  private Result run(String... args) throws Exception {
    Process p = start(args);
    CompletableFuture<String> out = read(p.getInputStream());
    CompletableFuture<String> err = read(p.getErrorStream());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
    return new Result(p.exitValue(), out.get(), err.get());
  }

  private static CompletableFuture<String> read(java.io.InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return e.toString();
          }
        });
  }

  @BeforeEach
  void jarExists() {
    assertThat(jar()).exists();
  }

  @AfterEach
  void stopAll() {
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void versionAndHelp() throws Exception {
    Result version = run("--version");
    assertThat(version.code).isZero();
    assertThat(version.out).startsWith("wsmon ").contains("Vert.x 5.0.10");
    Result help = run("run", "--help");
    assertThat(help.code).isZero();
    assertThat(help.out).contains("--threshold").contains("--events-jsonl");
  }

  @Test
  void usageErrorsAreOneLineWithExitTwo() throws Exception {
    Result http = run("run", "http://127.0.0.1:8080/");
    assertThat(http.code).isEqualTo(2);
    assertThat(http.err.strip().lines()).hasSize(1);
    assertThat(http.err).contains("ws://127.0.0.1:8080/");
    Result duration = run("run", "ws://127.0.0.1:1/", "-d", "soon");
    assertThat(duration.code).isEqualTo(2);
    assertThat(duration.err).contains("soon").doesNotContain("Exception");
  }

  @Test
  @DisplayName("serve and run as two processes; SIGTERM ends a run gracefully with its outputs")
  void serveAndRun() throws Exception {
    Process serve = start("serve", "--port", "0");
    BufferedReader serveOut =
        new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    String uri = serveOut.readLine();
    assertThat(uri).as("serve prints its URL").matches("ws://127\\.0\\.0\\.1:\\d+/");

    Path json = dir.resolve("run.json");
    Result result =
        run(
            "run",
            uri,
            "-c",
            "2",
            "-d",
            "10s",
            "--send",
            "hello {conn}",
            "--rate",
            "10",
            "--export-json",
            json.toString(),
            "--threshold",
            "success_rate>=99");
    assertThat(result.code).as(result.err).isZero();
    assertThat(result.out).contains("wsmon summary").contains("PASS");
    JsonObject total = new JsonObject(Files.readString(json)).getJsonObject("total");
    assertThat(total.getLong("messages_sent")).isPositive();
    assertThat(total.getLong("messages_received")).isEqualTo(total.getLong("messages_sent"));

    Path interrupted = dir.resolve("interrupted.json");
    Process run =
        start(
            "run",
            uri,
            "--send",
            "x",
            "--rate",
            "10",
            "--stats-interval",
            "300ms",
            "--export-json",
            interrupted.toString());
    BufferedReader progress =
        new BufferedReader(new InputStreamReader(run.getErrorStream(), StandardCharsets.UTF_8));
    String line;
    do {
      line = progress.readLine();
    } while (line != null && !line.contains("connected 1/1"));
    assertThat(line).as("a progress line showing the connection up").isNotNull();
    CompletableFuture<String> rest =
        CompletableFuture.supplyAsync(() -> String.join("\n", progress.lines().toList()));
    // SIGTERM, as Ctrl-C or a CI cancel; ProcessHandle.destroy leaves the pipes open
    assertThat(run.toHandle().destroy()).isTrue();
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(run.exitValue()).as(rest.get()).isZero();
    JsonObject last = new JsonObject(Files.readString(interrupted)).getJsonObject("total");
    assertThat(last.getLong("messages_sent")).isPositive();
    assertThat(last.getLong("messages_received")).isEqualTo(last.getLong("messages_sent"));
    assertThat(rest.get()).contains("interrupted");
  }
}
