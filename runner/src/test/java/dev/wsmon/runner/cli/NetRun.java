package dev.wsmon.runner.cli;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A short {@code wsmon run} with an events file, for the TLS and proxy tests. */
final class NetRun {

  final Cli cli;
  final Path events;

  private NetRun(Cli cli, Path events) {
    this.cli = cli;
    this.events = events;
  }

  /**
   * Runs {@code wsmon run ARGS -d 4s --no-auto-reconnect --connect-timeout 15s -q --events-jsonl
   * F}: a connection that succeeds holds until the end; one that fails fails once and the run ends
   * at once (exit 3). The long connect timeout leaves room for a slow first TLS handshake on a
   * loaded machine (JSSE start-up takes seconds there).
   */
  static NetRun run(Path dir, Map<String, String> env, String... args) {
    return run(dir, env, "4s", args);
  }

  /** Like {@link #run(Path, Map, String...)} for a run expected to fail: up to 30 s. */
  static NetRun failing(Path dir, String... args) {
    return run(dir, Map.of(), "30s", args);
  }

  private static NetRun run(Path dir, Map<String, String> env, String duration, String... args) {
    Path events = dir.resolve("events-" + System.nanoTime() + ".jsonl");
    List<String> all = new ArrayList<>();
    all.add("run");
    all.addAll(List.of(args));
    all.addAll(
        List.of(
            "-d",
            duration,
            "--no-auto-reconnect",
            "--connect-timeout",
            "15s",
            "-q",
            "--events-jsonl",
            events.toString()));
    return new NetRun(Cli.run(env, all.toArray(String[]::new)), events);
  }

  static NetRun run(Path dir, String... args) {
    return run(dir, Map.of(), args);
  }

  /** The reasons of the FAILED events, one per line. */
  String failures() throws Exception {
    StringBuilder out = new StringBuilder();
    if (!Files.exists(events)) {
      return "";
    }
    for (String line : Files.readAllLines(events)) {
      JsonObject e = new JsonObject(line);
      if ("FAILED".equals(e.getString("type"))) {
        out.append(e.getString("reason")).append('\n');
      }
    }
    return out.toString();
  }

  /** The number of CONNECTED events. */
  long connected() throws Exception {
    if (!Files.exists(events)) {
      return 0;
    }
    return Files.readAllLines(events).stream()
        .filter(l -> "CONNECTED".equals(new JsonObject(l).getString("type")))
        .count();
  }

  @Override
  public String toString() {
    try {
      return cli + "--- events\n" + (Files.exists(events) ? Files.readString(events) : "none");
    } catch (Exception e) {
      return cli.toString();
    }
  }
}
