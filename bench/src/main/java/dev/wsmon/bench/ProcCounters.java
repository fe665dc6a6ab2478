package dev.wsmon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time and read/write system calls from Linux's {@code /proc/<pid>/stat} and {@code
 * /proc/<pid>/io}: what the echo server spent on a side's messages, and how many system calls each
 * side's traffic took. All values are -1 where {@code /proc} cannot be read.
 *
 * @param cpuNanos user + system CPU time, ns (10 ms resolution)
 * @param reads read system calls ({@code syscr})
 * @param writes write system calls ({@code syscw})
 */
record ProcCounters(long cpuNanos, long reads, long writes) {

  private static final long NANOS_PER_TICK = 10_000_000L;

  static ProcCounters of(long pid) {
    Path dir = Path.of("/proc", Long.toString(pid));
    long cpu = -1;
    long reads = -1;
    long writes = -1;
    try {
      String stat = Files.readString(dir.resolve("stat"));
      // fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
      for (String line : Files.readAllLines(dir.resolve("io"))) {
        if (line.startsWith("syscr:")) {
          reads = Long.parseLong(line.substring(6).trim());
        } else if (line.startsWith("syscw:")) {
          writes = Long.parseLong(line.substring(6).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      return new ProcCounters(-1, -1, -1);
    }
    return new ProcCounters(cpu, reads, writes);
  }

  static ProcCounters self() {
    return of(ProcessHandle.current().pid());
  }

  /** Per message between {@code this} (earlier) and {@code later}: {cpu µs, reads, writes}. */
  double[] perMessage(ProcCounters later, double messages) {
    if (cpuNanos < 0 || later.cpuNanos < 0 || !(messages > 0)) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    return new double[] {
      (later.cpuNanos - cpuNanos) / 1000.0 / messages,
      (later.reads - reads) / messages,
      (later.writes - writes) / messages
    };
  }
}
