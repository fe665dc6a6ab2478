package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class DemoAndServeTest {

  @Test
  @DisplayName("demo (shortened): exit 0, reconnections, two or more close codes, RTT percentiles")
  void demo() {
    Cli cli = Cli.run("demo", "--duration", "10s");
    assertThat(cli.code).as(cli.toString()).isZero();
    Matcher reconnections = Pattern.compile("reconnections (\\d+)").matcher(cli.out);
    assertThat(reconnections.find()).as(cli.out).isTrue();
    assertThat(Long.parseLong(reconnections.group(1))).isPositive();
    Matcher codesLine = Pattern.compile("close codes (.*)").matcher(cli.out);
    assertThat(codesLine.find()).as(cli.out).isTrue();
    Set<String> codes = new HashSet<>();
    Matcher code = Pattern.compile("(\\d{4}) x\\d+").matcher(codesLine.group(1));
    while (code.find()) {
      codes.add(code.group(1));
    }
    assertThat(codes).as(cli.out).hasSizeGreaterThanOrEqualTo(2);
    assertThat(cli.out)
        .containsPattern("round trip\\s+\\d+\\s+\\d+\\.\\d{3}\\s+\\d+\\.\\d{3}\\s+\\d+\\.\\d{3}")
        .contains("steady")
        .contains("flaky")
        .contains("crashy");
    assertThat(cli.err).contains("connected ");
  }

  @Test
  @DisplayName("serve prints its ws:// URL and stops (hidden --duration for tests)")
  void serve() {
    Cli cli = Cli.run("serve", "--port", "0", "--fault", "delay=1ms", "--duration", "300ms");
    assertThat(cli.code).as(cli.toString()).isZero();
    assertThat(cli.out.strip()).matches("ws://127\\.0\\.0\\.1:\\d+/");
    assertThat(cli.err).contains("echo server listening").contains("delay=1ms");
  }

  @Test
  void serveRejectsABadFault() {
    Cli cli = Cli.run("serve", "--port", "0", "--fault", "explode=now");
    assertThat(cli.code).isEqualTo(2);
    assertThat(cli.err).contains("explode=now");
    assertThat(cli.err.strip().lines()).hasSize(1);
  }
}
