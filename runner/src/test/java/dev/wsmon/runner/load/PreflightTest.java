package dev.wsmon.runner.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.runner.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("preflight: limits checked at start")
class PreflightTest {

  private static final long GB = 1L << 30;
  private static final int[] RANGE = {32768, 60999};

  private static List<ConnectionOptions> endpoint(String uri, int n, String... sources) {
    return List.of(
        new ConnectionOptions(uri).setConnections(n).setSourceAddresses(List.of(sources)));
  }

  @Test
  @DisplayName("everything fits: no problem")
  void fits() {
    assertThat(
            Preflight.problems(
                endpoint("ws://10.0.0.1/x", 10_000),
                new Preflight.Limits(65536, 65536, 4 * GB, RANGE)))
        .isEmpty();
  }

  @Test
  @DisplayName("soft open-files limit below the connections: ulimit -n is the fix")
  void softFiles() {
    List<String> p =
        Preflight.problems(
            endpoint("ws://10.0.0.1/x", 10_000), new Preflight.Limits(1024, 65536, 4 * GB, RANGE));
    assertThat(p).hasSize(1);
    assertThat(p.get(0))
        .contains("open files: 10000 connections need about 10256 file descriptors")
        .contains("is 1024 (hard limit 65536)")
        .contains("ulimit -n 11264")
        .doesNotContain("limits.conf");
  }

  @Test
  @DisplayName("hard limit too low: names limits.conf, systemd and docker")
  void hardFiles() {
    assertThatThrownBy(
            () ->
                Preflight.check(
                    endpoint("ws://10.0.0.1/x", 50_000),
                    new Preflight.Limits(20_000, 20_000, 4 * GB, RANGE)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot hold 50000 connections")
        .hasMessageContaining("(hard limit 20000)")
        .hasMessageContaining("/etc/security/limits.conf")
        .hasMessageContaining("LimitNOFILE=51200")
        .hasMessageContaining("--ulimit nofile=51200:51200");
  }

  @Test
  @DisplayName("heap too small: -Xmx with the size needed")
  void heap() {
    List<String> p =
        Preflight.problems(
            endpoint("ws://10.0.0.1/x", 20_000), new Preflight.Limits(-1, -1, 256L << 20, RANGE));
    assertThat(p).hasSize(1);
    assertThat(p.get(0))
        .contains("heap: 20000 connections need about 721 MB")
        .contains("maximum heap is 256 MB")
        .contains("WSMON_JAVA_OPTS=-Xmx1g");
  }

  @Test
  @DisplayName("one remote target beyond the port range: --source-addresses or sysctl")
  void ports() {
    List<String> p =
        Preflight.problems(
            endpoint("ws://10.0.0.1:8080/x", 30_000), new Preflight.Limits(-1, -1, 8 * GB, RANGE));
    assertThat(p).hasSize(1);
    assertThat(p.get(0))
        .contains("30000 connections to 10.0.0.1:8080 from one source address")
        .contains("32768-60999 gives one source address 28232 ports")
        .contains("--source-addresses")
        .contains("sysctl -w net.ipv4.ip_local_port_range=\"1024 65535\"");
  }

  @Test
  @DisplayName("source addresses share the load; a loopback target gets them automatically")
  void spread() {
    Preflight.Limits limits = new Preflight.Limits(-1, -1, 8 * GB, RANGE);
    assertThat(Preflight.problems(endpoint("ws://10.0.0.1/x", 50_000, "10.1.0.1-10.1.0.2"), limits))
        .isEmpty();
    assertThat(Preflight.problems(endpoint("ws://10.0.0.1/x", 60_000, "10.1.0.1-10.1.0.2"), limits))
        .hasSize(2)
        .first()
        .asString()
        .contains("30000 connections from source address 10.1.0.1");
    assertThat(Preflight.problems(endpoint("ws://127.0.0.1:9/x", 100_000), limits)).isEmpty();
    assertThat(Preflight.ports(endpoint("ws://127.0.0.1:9/x", 30_000), RANGE, 28232))
        .containsEntry("from source address 127.0.0.1", 15_000L)
        .containsEntry("from source address 127.0.0.2", 15_000L);
  }

  @Test
  @DisplayName("open-files limits are read from /proc/self/limits")
  void readsLimits(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("limits");
    Files.writeString(
        file,
        "Limit                     Soft Limit           Hard Limit           Units     \n"
            + "Max cpu time              unlimited            unlimited            seconds   \n"
            + "Max open files            1024                 20000                files     \n");
    assertThat(Preflight.openFiles(file)).containsExactly(1024, 20000);
    Files.writeString(file, "Max open files            unlimited            unlimited   files\n");
    assertThat(Preflight.openFiles(file)).containsExactly(-1, -1);
    assertThat(Preflight.openFiles(dir.resolve("missing"))).containsExactly(-1, -1);
    assertThat(Preflight.Limits.current().maxHeap()).isEqualTo(Runtime.getRuntime().maxMemory());
  }
}
