package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@DisplayName("--help: every command prints clean help, without picocli warnings")
class HelpTextTest {

  @Test
  @DisplayName("wsmon --help and each command's --help: exit 0, no warning on either stream")
  void everyHelpIsClean() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    CommandLine root = WsmonCommand.commandLine(sink, sink, Map.of());
    List<String[]> invocations = new ArrayList<>();
    invocations.add(new String[] {"--help"});
    root.getSubcommands().keySet().forEach(name -> invocations.add(new String[] {name, "--help"}));
    assertThat(invocations).hasSizeGreaterThanOrEqualTo(7);
    PrintStream systemErr = System.err;
    for (String[] args : invocations) {
      ByteArrayOutputStream tracer = new ByteArrayOutputStream();
      Cli cli;
      System.setErr(new PrintStream(tracer, true, StandardCharsets.UTF_8));
      try {
        cli = Cli.run(args);
      } finally {
        System.setErr(systemErr);
      }
      String all = cli.out + cli.err + tracer.toString(StandardCharsets.UTF_8);
      assertThat(cli.code).as(String.join(" ", args)).isZero();
      assertThat(cli.out).as(String.join(" ", args)).contains("Usage:");
      assertThat(all).as(String.join(" ", args)).doesNotContain("WARN").doesNotContain("%n");
    }
  }

  @Test
  @DisplayName("compare --help shows the percent signs")
  void percentSigns() {
    assertThat(Cli.run("compare", "--help").out).contains("delta % of").contains("e.g. 10%");
  }
}
