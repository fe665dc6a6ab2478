package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("wsmon run: limits and source addresses checked before anything starts")
class PreflightCliTest {

  @Test
  @DisplayName("more connections than this process can hold: exit 2 at once, naming the limits")
  void preflightRefusesAtStart() {
    long t0 = System.nanoTime();
    Cli cli = Cli.run("run", "ws://127.0.0.1:9/x", "-c", "10000000", "-d", "5s");
    assertThat(cli.code).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err)
        .contains("cannot hold 10000000 connections")
        .contains("heap: 10000000 connections need about")
        .contains("-Xmx");
    assertThat(System.nanoTime() - t0).isLessThan(5_000_000_000L);
  }

  @Test
  @DisplayName("--source-addresses: a bad range is a usage error naming it")
  void badSourceAddresses() {
    Cli cli = Cli.run("run", "ws://127.0.0.1:9/x", "--source-addresses", "127.0.0.9-127.0.0.1");
    assertThat(cli.code).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("127.0.0.9-127.0.0.1").contains("ends before it starts");
  }

  @Test
  @DisplayName("--source-addresses and the sourceAddresses config key reach the endpoints")
  void reachesEndpoints() {
    Cli cli =
        Cli.run(
            java.util.Map.of("WSMON_SOURCE_ADDRESSES", "127.0.0.2-127.0.0.3"),
            "run",
            "ws://127.0.0.1:9/x",
            "--source-addresses",
            "127.0.0.300");
    assertThat(cli.code).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("127.0.0.300");
  }
}
