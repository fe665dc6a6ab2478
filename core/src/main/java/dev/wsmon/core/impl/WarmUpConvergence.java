package dev.wsmon.core.impl;

/**
 * When the warm-up's handshake bursts have converged: after at least {@link #MIN_BURSTS} bursts,
 * once {@link #FLAT_BURSTS} bursts in a row were not {@link #GAIN_PERCENT}% faster than the best
 * before them; after {@link #MAX_BURSTS} bursts in any case. The burst time converges once C1 has
 * compiled the handshake path, before C2 has: measured (docs/reliability.md), stopping after 3-6
 * bursts left the first counted connects at 5-8 times the reconnect median, 10 bursts at 4-5 and 20
 * at 1.4-5.5, so the minimum keeps most of the JIT's benefit for half the fixed 200 handshakes.
 */
final class WarmUpConvergence {

  /** Bursts run at least: {@value}. */
  static final int MIN_BURSTS = 10;

  /** Bursts run at most: {@value}. */
  static final int MAX_BURSTS = 20;

  /** Bursts in a row without gain that end the warm-up: {@value}. */
  static final int FLAT_BURSTS = 2;

  /** The gain over the best burst so far that counts as progress: {@value} %. */
  static final int GAIN_PERCENT = 15;

  private long best = Long.MAX_VALUE;
  private int bursts;
  private int flat;

  /**
   * Records one burst's duration.
   *
   * @param nanos how long the burst took (ns)
   * @return whether another burst should run
   */
  boolean another(long nanos) {
    bursts++;
    if (best == Long.MAX_VALUE || nanos * 100 < best * (100 - GAIN_PERCENT)) {
      flat = 0;
    } else {
      flat++;
    }
    best = Math.min(best, nanos);
    if (bursts >= MAX_BURSTS) {
      return false;
    }
    return bursts < MIN_BURSTS || flat < FLAT_BURSTS;
  }

  /** The bursts recorded so far. */
  int bursts() {
    return bursts;
  }
}
