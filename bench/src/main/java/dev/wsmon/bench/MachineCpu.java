package dev.wsmon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's busy and total CPU time so far, from the first line of Linux's {@code
 * /proc/stat} (clock ticks summed over all processors; busy = total - idle - iowait): whether a
 * flood kept every core busy, or waited. Both are -1 where {@code /proc/stat} cannot be read.
 *
 * @param busy busy clock ticks
 * @param total all clock ticks
 */
record MachineCpu(long busy, long total) {

  static MachineCpu now() {
    try {
      String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = line.trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new MachineCpu(total - idle, total);
    } catch (IOException | RuntimeException e) {
      return new MachineCpu(-1, -1);
    }
  }

  /** Busy processors on average between {@code this} (earlier) and {@code later}. */
  double busyCoresUntil(MachineCpu later) {
    long total = later.total - this.total;
    if (busy < 0 || later.busy < 0 || total <= 0) {
      return Double.NaN;
    }
    return (double) (later.busy - busy) / total * Runtime.getRuntime().availableProcessors();
  }
}
