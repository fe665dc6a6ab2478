package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("config errors: exit 2 and one line naming the key, the value and the file")
class ConfigErrorsTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static void usage(Cli cli, String... parts) {
    assertThat(cli.code).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).as(cli.toString()).contains(parts).doesNotContain("Exception", "\tat ");
  }

  @Test
  @DisplayName("an unknown profile names the profile, the file and the profiles available")
  void unknownProfile() throws Exception {
    Path file =
        write(
            "p.yaml",
            "uri: ws://127.0.0.1:1/\nprofiles:\n  ci: {connections: 2}\n  soak: {duration: 1h}\n");
    usage(
        Cli.run("run", "--config", file.toString(), "--profile", "prod"),
        "unknown profile 'prod'",
        file.toString(),
        "profiles available: ci, soak");
    usage(
        Cli.run(Map.of("WSMON_PROFILE", "stage"), "monitor", "--config", file.toString()),
        "unknown profile 'stage'",
        file.toString());
    usage(
        Cli.run("run", "ws://127.0.0.1:1/", "--profile", "ci"), "--profile ci needs a config file");
  }

  @Test
  @DisplayName("a bad value in a profile names the key, the value, the file and the profile")
  void badProfileValue() throws Exception {
    Path file = write("p.yaml", "uri: ws://127.0.0.1:1/\nprofiles:\n  ci: {connections: lots}\n");
    usage(
        Cli.run("run", "--config", file.toString(), "--profile", "ci"),
        "connections in " + file + " (profile ci)",
        "'lots'");
  }

  @Test
  @DisplayName("scheduled calls: unknown key, wrong type, bad duration, missing trigger, bad id")
  void scheduledCalls() throws Exception {
    String head = "uri: ws://127.0.0.1:1/\nscheduledCalls:\n";
    Path unknown = write("k.yaml", head + "  - {name: hb, evry: 1s, payload: x}\n");
    usage(
        Cli.run("run", "--config", unknown.toString()),
        "unknown key 'evry' in scheduledCalls[0]",
        unknown.toString(),
        "name, at, every, on");
    Path type = write("t.yaml", head + "  - {name: hb, every: 1s, payload: x, maxRuns: lots}\n");
    usage(
        Cli.run("run", "--config", type.toString()),
        "scheduledCalls[0].maxRuns",
        "'lots'",
        type.toString());
    Path duration =
        write(
            "d.json",
            "{\"uri\": \"ws://127.0.0.1:1/\", \"scheduledCalls\": [{\"name\": \"a\", \"at\":"
                + " \"1s\", \"payload\": \"x\"}, {\"name\": \"b\", \"every\": \"soon\","
                + " \"payload\": \"x\"}]}");
    usage(
        Cli.run("run", "--config", duration.toString()),
        "scheduledCalls[1].every",
        "'soon'",
        duration.toString(),
        "duration");
    Path trigger = write("g.yaml", head + "  - {name: hb, every: 1s, at: 2s, payload: x}\n");
    usage(
        Cli.run("run", "--config", trigger.toString()),
        "scheduledCalls[0] 'hb'",
        "exactly one of every, at or on",
        trigger.toString());
    Path event = write("e.yaml", head + "  - {name: hb, on: OPENED, payload: x}\n");
    usage(Cli.run("run", "--config", event.toString()), "scheduledCalls[0].on", "'OPENED'");
    Path target =
        write("c.yaml", head + "  - {name: hb, every: 1s, payload: x, connectionId: c-9}\n");
    usage(Cli.run("run", "--config", target.toString(), "-c", "2"), "'hb'", "c-9", "c-1 to c-2");
    Path twice =
        write(
            "n.yaml",
            head + "  - {name: hb, every: 1s, payload: x}\n  - {name: hb, at: 1s, payload: y}\n");
    usage(Cli.run("run", "--config", twice.toString()), "duplicate scheduled call name 'hb'");
    usage(
        Cli.run(Map.of("WSMON_SCHEDULED_CALLS", "[{\"name\": \"x\"}]"), "run", "ws://127.0.0.1:1/"),
        "WSMON_SCHEDULED_CALLS");
  }

  @Test
  @DisplayName("endpoint objects reject unknown keys, in run and in monitor")
  void endpointKeys() throws Exception {
    Path file =
        write(
            "ep.yaml",
            "endpoints:\n  - {uri: 'ws://127.0.0.1:1/a'}\n  - {uri: 'ws://127.0.0.1:1/b', grop: x}\n");
    usage(
        Cli.run("run", "--config", file.toString()),
        "unknown key 'grop' in endpoints[1]",
        file.toString(),
        "uri, group, connections");
    usage(Cli.run("monitor", "--config", file.toString()), "grop", file.toString());
  }

  @Test
  @DisplayName("monitor: environment values are checked and named like file values")
  void monitorEnvironment() {
    usage(
        Cli.run(Map.of("WSMON_HTTP_PORT", "high"), "monitor", "ws://127.0.0.1:1/"),
        "WSMON_HTTP_PORT",
        "high");
    usage(
        Cli.run(Map.of("WSMON_HISTORY_SIZE", "-5"), "monitor", "ws://127.0.0.1:1/"),
        "WSMON_HISTORY_SIZE");
  }
}
