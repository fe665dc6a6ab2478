package dev.wsmon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time and read+write system calls from Linux's {@code /proc/<pid>/stat} and {@code
 * /proc/<pid>/io}: what the echo server spent on a side's messages, and how many system calls each
 * side's traffic took. Both are -1 where {@code /proc} cannot be read.
 *
 * @param cpuNanos user + system CPU time, ns (10 ms resolution)
 * @param syscalls read and write system calls ({@code syscr + syscw})
 */
record ProcCounters(long cpuNanos, long syscalls) {

  private static final long NANOS_PER_TICK = 10_000_000L;

  static ProcCounters of(long pid) {
    Path dir = Path.of("/proc", Long.toString(pid));
    try {
      String stat = Files.readString(dir.resolve("stat"));
      // fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
      long syscalls = 0;
      for (String line : Files.readAllLines(dir.resolve("io"))) {
        if (line.startsWith("syscr:") || line.startsWith("syscw:")) {
          syscalls += Long.parseLong(line.substring(6).trim());
        }
      }
      return new ProcCounters(cpu, syscalls);
    } catch (IOException | RuntimeException e) {
      return new ProcCounters(-1, -1);
    }
  }

  static ProcCounters self() {
    return of(ProcessHandle.current().pid());
  }

  /** CPU µs per message between {@code this} (earlier) and {@code later}. */
  double cpuMicrosPerMessage(ProcCounters later, double messages) {
    return cpuNanos < 0 || later.cpuNanos < 0 || !(messages > 0)
        ? Double.NaN
        : (later.cpuNanos - cpuNanos) / 1000.0 / messages;
  }

  /** Read+write system calls per message between {@code this} (earlier) and {@code later}. */
  double syscallsPerMessage(ProcCounters later, double messages) {
    return syscalls < 0 || later.syscalls < 0 || !(messages > 0)
        ? Double.NaN
        : (double) (later.syscalls - syscalls) / messages;
  }
}
