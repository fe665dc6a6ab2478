package dev.wsmon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
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

@Timeout(120)
@DisplayName("EndToEndBenchmark: a 1-round x 300 ms run moves messages on both sides")
class EndToEndSmokeTest {

  @TempDir Path dir;

  @Test
  @DisplayName("both sides moved messages and the results JSON was written")
  void shortRun() throws Exception {
    Path out = dir.resolve("e2e.json");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    EndToEndBenchmark.run(
        EndToEndBenchmark.Settings.parse(
            "rounds=1", "warmup=0", "seconds=0.3", "connections=2", "window=8", "out=" + out),
        new PrintStream(log, true, StandardCharsets.UTF_8));

    JsonObject written = new JsonObject(Files.readString(out));
    JsonObject rate = written.getJsonObject("metrics").getJsonObject("msgs_per_second");
    assertThat(rate.getJsonArray("raw")).hasSize(1);
    assertThat(rate.getJsonArray("raw").getDouble(0)).isPositive();
    assertThat(rate.getJsonArray("wsmon").getDouble(0)).isPositive();
    JsonArray pingPong =
        written.getJsonObject("metrics").getJsonObject("ping_pong_p50_ms").getJsonArray("wsmon");
    assertThat(pingPong.getDouble(0)).isPositive();
    assertThat(written.getJsonObject("wsmon_tracker_total").getLong("messages_received"))
        .isPositive();
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("msgs_per_second", "cpu_us_per_message", "ping_pong_p50_ms");
  }

  @Test
  @DisplayName("arguments are checked and name the bad value")
  void badArguments() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> EndToEndBenchmark.Settings.parse("rounds=0"))
        .hasMessage("rounds must be >= 1, got 0");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> EndToEndBenchmark.Settings.parse("speed=2"))
        .hasMessage("unknown argument speed in speed=2");
  }
}
