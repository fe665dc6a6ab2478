package dev.wsmon.bench.scale;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Process measurements: live heap by class (jcmd GC.class_histogram), RSS, CPU time. */
final class Probe {

  private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
  private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

  /** A heap histogram: class → {instances, bytes}, and the live total in bytes. */
  record Histogram(Map<String, long[]> classes, long totalBytes) {}

  private Probe() {}

  static long pid() {
    return ProcessHandle.current().pid();
  }

  /** Live objects after a full GC (GC.class_histogram collects first). */
  static Histogram histogram(long pid) {
    try {
      Process p =
          new ProcessBuilder("jcmd", String.valueOf(pid), "GC.class_histogram")
              .redirectErrorStream(true)
              .start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      Map<String, long[]> classes = new HashMap<>();
      long total = -1;
      for (String line : text.split("\n")) {
        Matcher m = ROW.matcher(line);
        if (m.matches()) {
          classes.put(
              m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        } else {
          Matcher t = TOTAL.matcher(line.trim());
          if (t.matches()) {
            total = Long.parseLong(t.group(2));
          }
        }
      }
      if (total < 0) {
        throw new IllegalStateException("jcmd GC.class_histogram gave no total:\n" + text);
      }
      return new Histogram(classes, total);
    } catch (IOException e) {
      throw new IllegalStateException("jcmd GC.class_histogram failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The classes that grew most from {@code before} to {@code after}, per connection. */
  static JsonArray topPerConnection(Histogram before, Histogram after, int connections, int top) {
    List<Object[]> rows = new ArrayList<>();
    after
        .classes()
        .forEach(
            (name, a) -> {
              long[] b = before.classes().getOrDefault(name, new long[2]);
              rows.add(new Object[] {name, a[0] - b[0], a[1] - b[1]});
            });
    rows.sort((x, y) -> Long.compare((long) y[2], (long) x[2]));
    JsonArray out = new JsonArray();
    for (int i = 0; i < Math.min(top, rows.size()); i++) {
      Object[] r = rows.get(i);
      out.add(
          new JsonObject()
              .put("class", r[0])
              .put("bytes_per_connection", round((long) r[2] / (double) connections))
              .put("instances_per_connection", round((long) r[1] / (double) connections)));
    }
    return out;
  }

  /** Resident set size in bytes ({@code /proc/<pid>/status} VmRSS), or -1. */
  static long rss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  /** CPU time (user + system) of process {@code pid} in nanoseconds, or -1. */
  static long cpuNanos(long pid) {
    if (pid == pid()) {
      java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
      if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
        return sun.getProcessCpuTime();
      }
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields 14 and 15 (utime, stime) are at 11 and 12 after the state field; 100 ticks/s
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Soft "Max open files" of this process, or -1 when unknown / unlimited. */
  static long openFilesSoft() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          String v = line.substring("Max open files".length()).trim().split("\\s+")[0];
          return "unlimited".equals(v) ? -1 : Long.parseLong(v);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
