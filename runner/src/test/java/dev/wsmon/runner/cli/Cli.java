package dev.wsmon.runner.cli;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Runs the command line in-process and captures its output (and its JSON export). */
final class Cli {

  final int code;
  final String out;
  final String err;
  private final Path json;

  private Cli(int code, String out, String err, Path json) {
    this.code = code;
    this.out = out;
    this.err = err;
    this.json = json;
  }

  static Cli run(String... args) {
    return run(Map.of(), args);
  }

  /** Runs with {@code --export-json json} added; {@link #export()} reads the file back. */
  static Cli runExporting(Path json, String... args) {
    String[] all = Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--export-json";
    all[args.length + 1] = json.toString();
    Cli cli = run(all);
    return new Cli(cli.code, cli.out, cli.err, json);
  }

  /**
   * Writes {@code yaml} to {@code dir/name.yaml} and runs {@code args} with {@code --scenario} it,
   * exporting to {@code dir/name.json} as {@link #runExporting} does.
   */
  static Cli runScenario(Path dir, String name, String yaml, String... args) {
    Path scenario = dir.resolve(name + ".yaml");
    try {
      Files.writeString(scenario, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String[] all = Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--scenario";
    all[args.length + 1] = scenario.toString();
    return runExporting(dir.resolve(name + ".json"), all);
  }

  /** The snapshot document of the JSON export of {@link #runExporting}. */
  JsonObject export() {
    if (json == null) {
      throw new IllegalStateException("not run with runExporting: no JSON export");
    }
    try {
      return new JsonObject(Files.readString(json));
    } catch (IOException e) {
      throw new UncheckedIOException("no JSON export at " + json + "; " + this, e);
    }
  }

  /** The export's {@code total}. */
  JsonObject total() {
    return export().getJsonObject("total");
  }

  static Cli run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = WsmonCommand.execute(o, e, env, args);
    }
    return new Cli(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), null);
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
  }
}
