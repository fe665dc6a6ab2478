package dev.wsmon.runner.report;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Prints the live progress of a run: on a terminal one line rewritten in place with {@code \r}
 * every second; otherwise a plain line every {@code plainInterval}; nothing when quiet.
 */
public final class ProgressReporter {

  /** How progress is shown. */
  public enum Mode {
    /** One line rewritten in place. */
    TERMINAL,
    /** Plain periodic lines (output is a file or a pipe). */
    PLAIN,
    /** Nothing. */
    QUIET
  }

  private final Vertx vertx;
  private final Supplier<Future<JsonObject>> stats;
  private final PrintStream out;
  private final Mode mode;
  private final Duration interval;
  private final Duration planned;
  private final long startNanos;
  private long timerId = -1;
  private int lastLength;
  private boolean stopped;

  public ProgressReporter(
      Vertx vertx,
      Supplier<Future<JsonObject>> stats,
      PrintStream out,
      Mode mode,
      Duration plainInterval,
      Duration planned,
      long startNanos) {
    this.vertx = vertx;
    this.stats = stats;
    this.out = out;
    this.mode = mode;
    this.interval = mode == Mode.TERMINAL ? Duration.ofSeconds(1) : plainInterval;
    this.planned = planned;
    this.startNanos = startNanos;
  }

  /** The mode for this process: terminal when a console is attached, quiet when asked. */
  public static Mode detect(boolean quiet) {
    if (quiet) {
      return Mode.QUIET;
    }
    return System.console() != null ? Mode.TERMINAL : Mode.PLAIN;
  }

  /** Starts the periodic timer. */
  public synchronized void start() {
    if (mode == Mode.QUIET) {
      return;
    }
    timerId = vertx.setPeriodic(Math.max(100, interval.toMillis()), id -> tick());
  }

  private void tick() {
    stats
        .get()
        .onSuccess(
            snapshot -> {
              synchronized (this) {
                if (!stopped) {
                  print(ProgressLine.format(snapshot, elapsed(), planned));
                }
              }
            });
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  synchronized void print(String line) {
    if (mode == Mode.TERMINAL) {
      int pad = Math.max(0, lastLength - line.length());
      out.print("\r" + line + " ".repeat(pad));
      lastLength = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Prints a message on its own line, keeping the live line intact below it. */
  public synchronized void message(String text) {
    if (mode == Mode.QUIET) {
      return;
    }
    if (mode == Mode.TERMINAL && lastLength > 0) {
      out.print("\r" + " ".repeat(lastLength) + "\r");
      lastLength = 0;
    }
    out.println(text);
    out.flush();
  }

  /** Stops the timer and ends the live line. */
  public synchronized void stop() {
    stopped = true;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
    if (mode == Mode.TERMINAL && lastLength > 0) {
      out.println();
      lastLength = 0;
    }
    out.flush();
  }
}
