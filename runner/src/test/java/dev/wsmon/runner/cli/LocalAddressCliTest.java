package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("local addresses: one that is not of this host is a usage error before any connection")
@org.junit.jupiter.api.Timeout(120)
class LocalAddressCliTest {

  @RegisterExtension final EchoServerExtension server = new EchoServerExtension();

  @TempDir Path dir;

  @Test
  @DisplayName(
      "--local-address, --source-addresses and localAddress in a file: exit 2, one line naming the"
          + " value, the export left as it was")
  void badLocalAddresses() throws Exception {
    Path config = dir.resolve("c.yaml");
    Files.writeString(config, "uri: " + server.uri("/") + "\nlocalAddress: 1.2.3\n");
    Path export = dir.resolve("keep.json");
    List<List<String>> cases =
        List.of(
            List.of("not-an-ip!", "run", server.uri("/"), "--local-address", "not-an-ip!"),
            List.of("'1.2.3'", "run", server.uri("/"), "--local-address", "1.2.3"),
            List.of("'1.2.3'", "run", server.uri("/"), "--source-addresses", "1.2.3"),
            List.of("'1.2.3'", "run", "--config", config.toString()),
            List.of("not-an-ip!", "monitor", server.uri("/"), "--local-address", "not-an-ip!"));
    for (List<String> c : cases) {
      Files.writeString(export, "KEEP");
      List<String> args = new java.util.ArrayList<>(c.subList(1, c.size()));
      if (args.get(0).equals("run")) {
        args.addAll(List.of("-d", "1s", "--export-json", export.toString()));
      }
      Cli cli = Cli.run(args.toArray(String[]::new));
      assertThat(cli.code).as(cli.toString()).isEqualTo(2);
      assertThat(cli.err.strip().lines()).as(cli.toString()).hasSize(1);
      assertThat(cli.err).as(cli.toString()).contains(c.get(0)).doesNotContain("Exception");
      assertThat(Files.readString(export)).isEqualTo("KEEP");
    }
  }

  @Test
  @DisplayName("an address of this host is bound: the run connects from it")
  void goodLocalAddress() {
    Cli cli =
        Cli.runExporting(
            dir.resolve("ok.json"),
            "run",
            server.uri("/"),
            "--local-address",
            "127.0.0.2",
            "-d",
            "1s");
    assertThat(cli.code).as(cli.toString()).isZero();
    assertThat(cli.total().getLong("successful_connections")).isEqualTo(1);
  }
}
