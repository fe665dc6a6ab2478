package dev.wsmon.runner.load;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.internal.SourceAddresses;
import dev.wsmon.runner.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks at start that this process and host can hold the connections asked for: open files ({@code
 * ulimit -n}), the maximum heap, and the ephemeral ports of each source address. A shortfall
 * becomes a {@link ConfigException} (exit 2) that names each limit, the numbers, and the commands
 * that raise it, instead of a run that stalls or fails connection by connection.
 */
public final class Preflight {

  /** File descriptors wsmon needs besides one per connection (jars, epoll, pipes, exports). */
  public static final int FD_RESERVE = 256;

  /** Planned heap per monitored connection (measured about 16 KB after GC; margin for churn). */
  public static final long HEAP_PER_CONNECTION = 32 * 1024;

  /** Planned heap besides the connections. */
  public static final long HEAP_BASE = 96L * 1024 * 1024;

  /**
   * The limits checked.
   *
   * @param softFiles the soft open-files limit, or -1 when unknown (the check is skipped)
   * @param hardFiles the hard open-files limit, or -1 for unlimited or unknown
   * @param maxHeap the maximum heap in bytes ({@code Runtime.maxMemory()})
   * @param portRange the ephemeral port range {@code [low, high]}
   */
  public record Limits(long softFiles, long hardFiles, long maxHeap, int[] portRange) {

    /** The limits of this process and host. */
    public static Limits current() {
      long[] files = openFiles(Path.of("/proc/self/limits"));
      return new Limits(
          files[0], files[1], Runtime.getRuntime().maxMemory(), SourceAddresses.portRange());
    }
  }

  private Preflight() {}

  /**
   * Throws when a local address of {@code endpoints} is not of this host ({@link
   * LocalAddressCheck}) or when {@code limits} cannot hold them.
   *
   * @throws ConfigException listing every shortfall with the fix
   */
  public static void check(List<ConnectionOptions> endpoints, Limits limits) {
    LocalAddressCheck.check(endpoints);
    List<String> problems = problems(endpoints, limits);
    if (!problems.isEmpty()) {
      int total = endpoints.stream().mapToInt(ConnectionOptions::getConnections).sum();
      throw new ConfigException(
          "this process cannot hold "
              + total
              + " connections; fix the limits below or use fewer connections (-c):\n  - "
              + String.join("\n  - ", problems));
    }
  }

  /** The shortfalls, one message each; empty when everything fits. */
  public static List<String> problems(List<ConnectionOptions> endpoints, Limits limits) {
    List<String> problems = new ArrayList<>();
    long total = endpoints.stream().mapToLong(ConnectionOptions::getConnections).sum();
    long fds = total + FD_RESERVE;
    if (limits.softFiles() >= 0 && fds > limits.softFiles()) {
      String hard = limits.hardFiles() < 0 ? "unlimited" : String.valueOf(limits.hardFiles());
      long want = roundUp(fds);
      StringBuilder m =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "open files: %d connections need about %d file descriptors, the limit (ulimit"
                      + " -n) is %d (hard limit %s). ",
                  total,
                  fds,
                  limits.softFiles(),
                  hard));
      if (limits.hardFiles() < 0 || limits.hardFiles() >= fds) {
        m.append("Fix: run 'ulimit -n ").append(want).append("' in the shell that starts wsmon.");
      } else {
        m.append("Fix: raise the hard limit first (as root: 'nofile' in")
            .append(" /etc/security/limits.conf, LimitNOFILE=")
            .append(want)
            .append(" for a systemd unit, 'docker run --ulimit nofile=")
            .append(want)
            .append(':')
            .append(want)
            .append("' for a container), then 'ulimit -n ")
            .append(want)
            .append("'. A server on the same host needs its own descriptor per connection too.");
      }
      problems.add(m.toString());
    }
    long heap = HEAP_BASE + total * HEAP_PER_CONNECTION;
    if (heap > limits.maxHeap()) {
      long mb = (heap + (1 << 20) - 1) >> 20;
      long gb = (mb + 1023) / 1024;
      problems.add(
          String.format(
              Locale.ROOT,
              "heap: %d connections need about %d MB of heap (%d KB each plus %d MB), the maximum"
                  + " heap is %d MB. Fix: WSMON_JAVA_OPTS=-Xmx%dg ./wsmon run ... (or java"
                  + " -Xmx%dg -jar wsmon.jar run ...).",
              total,
              mb,
              HEAP_PER_CONNECTION / 1024,
              HEAP_BASE >> 20,
              limits.maxHeap() >> 20,
              gb,
              gb));
    }
    int perAddress = limits.portRange()[1] - limits.portRange()[0] + 1;
    ports(endpoints, limits.portRange(), perAddress)
        .forEach(
            (where, count) -> {
              if (count > perAddress) {
                problems.add(
                    String.format(
                        Locale.ROOT,
                        "ephemeral ports: %d connections %s, but net.ipv4.ip_local_port_range"
                            + " %d-%d gives one source address %d ports. Fix: spread them with"
                            + " --source-addresses (addresses of this host, e.g."
                            + " 10.0.0.10-10.0.0.13), or widen the range: sudo sysctl -w"
                            + " net.ipv4.ip_local_port_range=\"1024 65535\".",
                        count,
                        where,
                        limits.portRange()[0],
                        limits.portRange()[1],
                        perAddress));
              }
            });
    return problems;
  }

  /**
   * Connections per source address (or per target, for connections without one), as the connection
   * verticle will assign them.
   */
  static Map<String, Long> ports(List<ConnectionOptions> endpoints, int[] range, int perAddress) {
    Map<String, Long> counts = new LinkedHashMap<>();
    int usable = SourceAddresses.perAddress(range);
    for (ConnectionOptions e : endpoints) {
      int n = e.getConnections();
      List<String> sources = e.getSourceAddresses();
      if (sources.isEmpty() && e.getLocalAddress() != null) {
        sources = List.of(e.getLocalAddress());
      }
      if (sources.isEmpty()) {
        sources = SourceAddresses.auto(e.getUri(), n, usable);
      }
      if (sources.isEmpty()) {
        URI uri = URI.create(e.getUri());
        counts.merge(
            "to " + uri.getHost() + ":" + port(uri) + " from one source address",
            (long) n,
            Long::sum);
      } else {
        for (int j = 0; j < sources.size() && j < n; j++) {
          long share = n / sources.size() + (j < n % sources.size() ? 1 : 0);
          counts.merge("from source address " + sources.get(j), share, Long::sum);
        }
      }
    }
    return counts;
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static long roundUp(long fds) {
    long step = 1024;
    return (fds + step - 1) / step * step;
  }

  /**
   * The soft and hard "Max open files" of {@code limits} ({@code /proc/self/limits} format); -1 for
   * an unknown soft limit or an unlimited / unknown hard limit.
   */
  static long[] openFiles(Path limits) {
    try {
      for (String line : Files.readAllLines(limits)) {
        if (line.startsWith("Max open files")) {
          String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
          return new long[] {number(parts[0]), number(parts[1])};
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the check is skipped
    }
    return new long[] {-1, -1};
  }

  private static long number(String text) {
    return "unlimited".equals(text) ? -1 : Long.parseLong(text);
  }
}
