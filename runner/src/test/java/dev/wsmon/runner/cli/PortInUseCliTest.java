package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
@DisplayName("a port already in use is a usage error (exit 2) naming the address, not exit 3")
class PortInUseCliTest {

  @TempDir Path dir;

  @Test
  @DisplayName("run --dashboard-port, monitor --http-port and serve --port on a taken port")
  void takenPorts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String port = String.valueOf(taken.getLocalPort());
      Path export = dir.resolve("keep.json");
      List<List<String>> cases =
          List.of(
              List.of(
                  "run",
                  "ws://127.0.0.1:1/",
                  "-d",
                  "1s",
                  "--dashboard",
                  "--dashboard-port",
                  port,
                  "--export-json",
                  export.toString()),
              List.of("monitor", "ws://127.0.0.1:1/", "--http-port", port),
              List.of("serve", "--port", port));
      for (List<String> args : cases) {
        Files.writeString(export, "KEEP");
        Cli cli = Cli.run(args.toArray(String[]::new));
        assertThat(cli.code).as(cli.toString()).isEqualTo(2);
        assertThat(cli.err.strip().lines()).as(cli.toString()).hasSize(1);
        assertThat(cli.err).as(cli.toString()).contains("127.0.0.1:" + port);
        assertThat(Files.readString(export)).isEqualTo("KEEP");
      }
    }
  }
}
