package dev.wsmon.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
@DisplayName(
    "EndToEndBenchmark: a one-round smoke run (no goals asserted) keeps the benchmark working")
class EndToEndSmokeTest {

  @TempDir Path dir;

  @Test
  @DisplayName("both sides moved messages, wsmon's run ended cleanly, the results JSON was written")
  void shortRun() throws Exception {
    Path out = dir.resolve("e2e.json");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    EndToEndBenchmark.run(
        EndToEndBenchmark.Settings.parse(
            "rounds=1",
            "warmup=0",
            "seconds=1.5",
            "settle=0.3",
            "pingSeconds=0.5",
            "delaySeconds=0.5",
            "connections=3",
            "eventLoops=2",
            "window=8",
            "out=" + out),
        new PrintStream(log, true, StandardCharsets.UTF_8));

    JsonObject written = new JsonObject(Files.readString(out));
    JsonObject metrics = written.getJsonObject("metrics");
    for (String m :
        new String[] {
          "msgs_per_second",
          "cpu_us_per_message",
          "ping_pong_p50_ms",
          "ping_pong_p99_ms",
          "delay_p50_ms",
          "server_cpu_us_per_message",
          "client_syscalls_per_message",
          "server_syscalls_per_message",
          "machine_busy_cores"
        }) {
      assertThat(metrics.getJsonObject(m).getJsonArray("raw").getDouble(0)).as(m).isPositive();
      assertThat(metrics.getJsonObject(m).getJsonArray("wsmon").getDouble(0)).as(m).isPositive();
    }
    // an echo delay of 20 ms shows in both sides' p50
    assertThat(metrics.getJsonObject("delay_p50_ms").getDouble("wsmon_median")).isGreaterThan(20);
    assertThat(written.getJsonObject("settings").getInteger("event_loops")).isEqualTo(2);
    assertThat(written.getJsonArray("goals")).hasSize(5);
    JsonObject flood = written.getJsonArray("wsmon_flood_runs").getJsonObject(0);
    assertThat(flood.getInteger("exit_code")).isZero();
    assertThat(flood.getLong("messages_received")).isEqualTo(flood.getLong("messages_sent"));
    assertThat(flood.getLong("send_failures")).isZero();
    assertThat(written.getJsonObject("machine").getString("load_average_before")).isNotBlank();
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("msgs_per_second", "cpu_us_per_message", "ping_pong_p99_ms", "goal");
  }

  @Test
  @DisplayName("arguments are checked and name the bad value")
  void badArguments() {
    assertThatThrownBy(() -> EndToEndBenchmark.Settings.parse("rounds=0"))
        .hasMessage("rounds must be >= 1, got 0");
    assertThatThrownBy(() -> EndToEndBenchmark.Settings.parse("speed=2"))
        .hasMessage("unknown argument speed in speed=2");
    assertThatThrownBy(() -> EndToEndBenchmark.Settings.parse("seconds=0.3"))
        .hasMessageContaining("seconds must be >= 1.5");
  }
}
