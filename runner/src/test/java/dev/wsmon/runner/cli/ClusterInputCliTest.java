package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
@DisplayName("cluster flags: a bad host or member list is exit 2 naming it, before joining")
class ClusterInputCliTest {

  @TempDir Path dir;

  @Test
  @DisplayName(
      "--cluster-host that does not resolve or is not of this host, --cluster-members junk")
  void badClusterInput() throws Exception {
    Path export = dir.resolve("keep.json");
    List<List<String>> cases =
        List.of(
            List.of("bad host!", "agent", "--cluster", "--cluster-host", "bad host!"),
            List.of(
                "10.9.9.9",
                "run",
                "ws://127.0.0.1:1/",
                "--cluster",
                "--agent-wait",
                "1s",
                "--cluster-host",
                "10.9.9.9",
                "--export-json",
                export.toString()),
            List.of("',,'", "agent", "--cluster", "--cluster-members", ",,"),
            List.of("'a,x y!'", "agent", "--cluster", "--cluster-members", "a,x y!"),
            List.of(
                "'10.0.0.4;10.0.0.5'",
                "run",
                "ws://127.0.0.1:1/",
                "--cluster",
                "--cluster-members",
                "10.0.0.4;10.0.0.5",
                "--export-json",
                export.toString()));
    for (List<String> c : cases) {
      Files.writeString(export, "KEEP");
      Cli cli = Cli.run(c.subList(1, c.size()).toArray(String[]::new));
      assertThat(cli.code).as(cli.toString()).isEqualTo(2);
      assertThat(cli.err.strip().lines()).as(cli.toString()).hasSize(1);
      assertThat(cli.err).as(cli.toString()).contains(c.get(0)).doesNotContain("Exception");
      assertThat(Files.readString(export)).isEqualTo("KEEP");
    }
  }
}
