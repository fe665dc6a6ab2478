package dev.wsmon.core.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Source addresses for spreading connections: parsing of lists and IPv4 ranges, the ephemeral port
 * range of this host, and the automatic choice of loopback source addresses.
 */
public final class SourceAddresses {

  /** At most this many addresses after expanding ranges. */
  public static final int MAX_ADDRESSES = 1024;

  /** Used when {@code /proc/sys/net/ipv4/ip_local_port_range} cannot be read (Linux default). */
  public static final int[] DEFAULT_PORT_RANGE = {32768, 60999};

  /**
   * Share of an address's ephemeral ports wsmon plans to use; the rest stays for other programs and
   * for sockets in TIME_WAIT.
   */
  public static final double USABLE_SHARE = 0.9;

  private static final Path PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  private SourceAddresses() {}

  /**
   * Expands addresses, comma-separated lists and IPv4 ranges ({@code 127.0.0.1-127.0.0.8}).
   *
   * @return the addresses in order, unmodifiable
   * @throws IllegalArgumentException naming a malformed entry
   */
  public static List<String> expand(List<String> specs) {
    List<String> out = new ArrayList<>();
    for (String spec : specs) {
      if (spec == null) {
        throw new IllegalArgumentException("sourceAddresses must not contain null");
      }
      for (String part : spec.split(",", -1)) {
        String entry = part.trim();
        if (entry.isEmpty()) {
          throw new IllegalArgumentException(
              "sourceAddresses: empty entry in '" + spec + "' (use 127.0.0.1,127.0.0.2)");
        }
        int dash = entry.indexOf('-');
        if (dash > 0 && IPV4.matcher(entry.substring(0, dash)).matches()) {
          long from = ipv4(entry.substring(0, dash), entry);
          long to = ipv4(entry.substring(dash + 1), entry);
          if (to < from) {
            throw new IllegalArgumentException(
                "sourceAddresses: range '" + entry + "' ends before it starts");
          }
          if (to - from + 1 + out.size() > MAX_ADDRESSES) {
            throw tooMany();
          }
          for (long a = from; a <= to; a++) {
            out.add(format(a));
          }
        } else {
          if (entry.contains(" ")) {
            throw new IllegalArgumentException(
                "sourceAddresses: '" + entry + "' is not an address or range a.b.c.d-a.b.c.e");
          }
          if (IPV4.matcher(entry).matches()) {
            ipv4(entry, entry);
          }
          out.add(entry);
        }
        if (out.size() > MAX_ADDRESSES) {
          throw tooMany();
        }
      }
    }
    return List.copyOf(out);
  }

  private static IllegalArgumentException tooMany() {
    return new IllegalArgumentException(
        "sourceAddresses: more than " + MAX_ADDRESSES + " addresses after expanding ranges");
  }

  private static long ipv4(String text, String entry) {
    Matcher m = IPV4.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "sourceAddresses: '" + entry + "' is not an IPv4 range a.b.c.d-a.b.c.e");
    }
    long value = 0;
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255) {
        throw new IllegalArgumentException(
            "sourceAddresses: '" + text + "' in '" + entry + "' is not an IPv4 address");
      }
      value = value << 8 | octet;
    }
    return value;
  }

  private static String format(long a) {
    return (a >> 24 & 255) + "." + (a >> 16 & 255) + "." + (a >> 8 & 255) + "." + (a & 255);
  }

  /**
   * This host's ephemeral port range {@code [low, high]} from {@code
   * /proc/sys/net/ipv4/ip_local_port_range}, or {@link #DEFAULT_PORT_RANGE} when unreadable.
   */
  public static int[] portRange() {
    return portRange(PORT_RANGE);
  }

  /** The port range read from {@code file}, or {@link #DEFAULT_PORT_RANGE}. */
  public static int[] portRange(Path file) {
    try {
      String[] parts = Files.readString(file).trim().split("\\s+");
      int low = Integer.parseInt(parts[0]);
      int high = Integer.parseInt(parts[1]);
      if (low > 0 && high >= low) {
        return new int[] {low, high};
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or an unexpected format: fall back to the usual default
    }
    return DEFAULT_PORT_RANGE.clone();
  }

  /** Connections one source address can hold with {@code range}, leaving some ports free. */
  public static int perAddress(int[] range) {
    return Math.max(1, (int) ((range[1] - range[0] + 1) * USABLE_SHARE));
  }

  /** Whether {@code host} (from a ws URI) is an IPv4 loopback address or {@code localhost}. */
  public static boolean isLoopbackV4(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || (IPV4.matcher(h).matches() && h.startsWith("127."));
  }

  /**
   * The automatic choice for an endpoint: {@code 127.0.0.1 .. 127.0.0.k} when the target is IPv4
   * loopback and {@code connections} exceed what one address holds, else an empty list.
   */
  public static List<String> auto(String uri, int connections, int perAddress) {
    String host;
    try {
      host = URI.create(uri).getHost();
    } catch (IllegalArgumentException e) {
      return List.of();
    }
    if (!isLoopbackV4(host) || connections <= perAddress) {
      return List.of();
    }
    int k = Math.min(254, (connections + perAddress - 1) / perAddress);
    List<String> out = new ArrayList<>(k);
    for (int i = 1; i <= k; i++) {
      out.add("127.0.0." + i);
    }
    return out;
  }
}
