package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("wsmon command line: help, version, usage errors")
class WsmonCommandTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "run", "serve", "demo"})
  @DisplayName("--help works on every command")
  void help(String command) {
    Cli cli = command.isEmpty() ? Cli.run("--help") : Cli.run(command, "--help");
    assertThat(cli.code).as(cli.toString()).isZero();
    assertThat(cli.out).contains("Usage: wsmon").contains("--help");
  }

  @Test
  void runHelpListsEveryDesignFlag() {
    Cli cli = Cli.run("run", "--help");
    for (String flag :
        new String[] {
          "--connections",
          "--ramp-up",
          "--duration",
          "--send",
          "--binary",
          "--rate",
          "--window",
          "--correlate",
          "--ping-interval",
          "--hold",
          "--seq-field",
          "--ts-field",
          "--max-silence",
          "--max-reconnect-attempts",
          "--reconnect-delay",
          "--no-auto-reconnect",
          "--connect-timeout",
          "-H",
          "--subprotocol",
          "--insecure",
          "--stats-interval",
          "--config",
          "--export-json",
          "--export-csv",
          "--export-html",
          "--events-jsonl",
          "--junit",
          "--metrics-push",
          "--threshold",
          "--quiet",
          "--verbose"
        }) {
      assertThat(cli.out).as(flag).contains(flag);
    }
  }

  @Test
  void version() {
    Cli cli = Cli.run("--version");
    assertThat(cli.code).isZero();
    assertThat(cli.out).startsWith("wsmon ").contains("Vert.x 5.0.10");
  }

  @Test
  void noCommandIsAUsageError() {
    Cli cli = Cli.run();
    assertThat(cli.code).isEqualTo(2);
    assertThat(cli.err).contains("wsmon demo");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "run ws://h:1 --duration abc | '--duration' | not a duration: 'abc'",
        "run ws://h:1 -d 10 --ramp-up 5x | '--ramp-up' | '5x'",
        "run ws://h:1 --bogus | Unknown option: '--bogus' | wsmon run --help",
        "run ws://h:1 --hodl 5s | '--hodl' | --hold",
        "run ws://h:1 -c many | '--connections' | 'many'",
        "run ws://h:1 -H NoColon | 'NoColon' is not a header | Name: value",
        "run ws://h:1 --correlate lifo | 'lifo' is not a correlation mode | json:FIELD",
        "run ws://h:1 --threshold p99~3 | 'p99~3' | METRIC OP NUMBER",
        "serve --port x | '--port' | 'x'",
        "frobnicate | Unmatched argument | frobnicate"
      })
  @DisplayName("bad flags: one line naming the bad value, exit 2, no stack trace")
  void badFlags(String args, String first, String second) {
    Cli cli = Cli.run(args.split(" "));
    assertThat(cli.code).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains(first).contains(second);
    assertThat(cli.err.strip().lines()).as(cli.err).hasSize(1);
    assertThat(cli.err).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "run http://127.0.0.1:8080/echo | is an HTTP URL | ws://127.0.0.1:8080/echo",
        "run https://example.com/x | is an HTTP URL | wss://example.com/x",
        "run ws:///path | has no host | ws://HOST:PORT/path",
        "run ftp://h/x | is not a WebSocket URI | ws://HOST:PORT/path",
        "run | no target | ws://HOST:PORT/path",
        "run ws://h:1 -c 0 | --connections value '0' | at least 1",
        "run ws://h:1 --rate 5 | --rate needs a payload | --send",
        "run ws://h:1 --send x --rate -1 | --rate value '-1' | between 0",
        "run ws://h:1 --window 0 | --window value '0' | between 1",
        "run ws://h:1 --max-reconnect-attempts -2 | --max-reconnect-attempts | -1 (unlimited)",
        "run ws://h:1 -d 0s | --duration value '0s' | greater than zero",
        "run ws://h:1 --send @/no/such/file | file not found | /no/such/file",
        "run ws://h:1 --metrics-push otlp=ftp://x | bad metrics push target | the OTLP URL must use http://",
        "run ws://h:1 --config /no/such.yaml | config file not found | /no/such.yaml",
        "run ws://h:1 --jitter 2 | --jitter value '2' | between 0 and 1",
        "run ws://h:1 --subprotocol a,b | --subprotocol value 'a,b' | must be tokens"
      })
  @DisplayName("bad values: one line saying what to do, exit 2")
  void badValues(String args, String first, String second) {
    Cli cli = Cli.run(args.split(" "));
    assertThat(cli.code).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains(first).contains(second);
    assertThat(cli.err.strip().lines()).as(cli.err).hasSize(1);
    assertThat(cli.err).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
