package dev.wsmon.runner.cli;

import dev.wsmon.runner.config.ConfigSource;
import dev.wsmon.runner.load.RunExecution;
import dev.wsmon.runner.load.RunSettings;
import dev.wsmon.runner.report.ExitCodes;
import dev.wsmon.runner.report.ProgressReporter;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code wsmon demo}: misbehaving echo servers and a monitored run against them. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Start three echo servers with scripted faults in this process and run 10 connections"
          + " against them for about 20 s: live progress, disconnections and reconnects, close"
          + " codes, round-trip percentiles per group and the final summary.",
      "  steady  4 connections, echo delayed by 2 ms",
      "  flaky   3 connections, the server closes each one with 4001 after 20 messages",
      "  crashy  3 connections, echo delayed by 15 ms, closed with 1011 after 45 messages, and"
          + " the server goes down for 1.5 s every 8 s (TCP drops, refused reconnects)"
    })
public final class DemoCommand implements Callable<Integer> {

  /**
   * The scripted servers: group, connections, faults. The close-after counts shrink for a shortened
   * demo so that closes and reconnects still happen in it.
   */
  static List<Object[]> script(Duration duration) {
    long seconds = Math.max(1, duration.toSeconds());
    long flaky = Math.max(5, Math.min(20, seconds));
    long crashy = Math.max(10, Math.min(45, 2 * seconds + 5));
    return List.of(
        new Object[] {"steady", 4, List.of("delay=2ms")},
        new Object[] {"flaky", 3, List.of("close-after=" + flaky + ":4001:session rotated")},
        new Object[] {
          "crashy",
          3,
          List.of(
              "delay=15ms", "close-after=" + crashy + ":1011:internal error", "outage=1500ms/8s")
        });
  }

  @ParentCommand WsmonCommand parent;

  @Option(
      names = "--duration",
      hidden = true,
      converter = Converters.DurationConverter.class,
      description = "Demo length (default: 20s).")
  Duration duration = Duration.ofSeconds(20);

  @Option(
      names = {"-q", "--quiet"},
      hidden = true,
      description = "No progress.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "Debug logging and stack traces.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    Verbosity.set(verbose);
    PrintStream out = parent.out;
    Vertx servers = Vertx.vertx();
    try {
      JsonArray endpoints = new JsonArray();
      out.println(
          "wsmon demo: three echo servers with scripted faults, 10 connections, "
              + Math.round(duration.toMillis() / 1000.0)
              + " s, 10 messages/s per connection");
      for (Object[] entry : script(duration)) {
        @SuppressWarnings("unchecked")
        List<String> faults = (List<String>) entry[2];
        EchoServer server =
            EchoServer.deploy(
                    servers,
                    new EchoServerOptions()
                        .setHost("127.0.0.1")
                        .setPort(0)
                        .setFaults(new FaultSpec(faults)))
                .await();
        String uri = server.uri("/" + entry[0]);
        endpoints.add(
            new JsonObject().put("uri", uri).put("group", entry[0]).put("connections", entry[1]));
        out.printf(
            "  %-7s %d connections -> %s  faults: %s%n",
            entry[0], entry[1], uri, String.join(", ", faults));
      }
      out.println();
      out.flush();
      ConfigSource source =
          new ConfigSource()
              .put("endpoints", endpoints, "demo")
              .put("duration", duration.toMillis(), "demo")
              .put("rampUp", "1s", "demo")
              .put("send", "{\"conn\":{conn},\"seq\":{seq},\"text\":\"hello from wsmon\"}", "demo")
              .put("rate", 10, "demo")
              .put("reconnectDelay", "250ms", "demo")
              .put("maxReconnectDelay", "2s", "demo")
              .put("maxReconnectAttempts", 10, "demo")
              .put("stableAfter", "2s", "demo")
              .put("connectTimeout", "5s", "demo")
              .put("grace", "1s", "demo")
              .put("requestTimeout", "2s", "demo");
      RunSettings settings = RunSettings.from(source);
      int code =
          new RunExecution(settings, out, parent.err, ProgressReporter.detect(quiet)).execute();
      out.println();
      out.println(
          "That was wsmon against a misbehaving server. Next: 'wsmon serve' in one terminal and"
              + " 'wsmon run ws://127.0.0.1:8080/ -c 10 -d 30s --send hello --rate 5' in another.");
      return code == ExitCodes.COULD_NOT_RUN ? code : ExitCodes.OK;
    } finally {
      servers.close().await(5, TimeUnit.SECONDS);
    }
  }
}
