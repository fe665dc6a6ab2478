package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.FeedDelta;
import dev.wsmon.core.FeedOptions;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FeedTracker counting rules")
class FeedTrackerTest {

  private static final long MS = 1_000_000;

  private final FeedTracker feed = new FeedTracker(new FeedOptions().setSeqField("seq"), 0);

  private void receive(long... seqs) {
    for (long s : seqs) {
      feed.sequence(s);
    }
  }

  /** gaps (net), missing, duplicates, out of order, resets. */
  private long[] take() {
    FeedDelta d = feed.takeDelta(0);
    if (d == null) {
      return new long[5];
    }
    return new long[] {
      d.gaps() - d.filled(), d.missing(), d.duplicates(), d.outOfOrder(), d.resets()
    };
  }

  @Test
  @DisplayName("a skipped run is one gap; its numbers are missing")
  void gap() {
    feed.opened(0);
    receive(1, 2, 6, 7);
    assertThat(take()).containsExactly(1, 3, 0, 0, 0);
  }

  @Test
  @DisplayName("a late message filling a one-number gap is out of order and removes the gap")
  void gapFilledLate() {
    feed.opened(0);
    receive(1, 2, 4);
    assertThat(take()).containsExactly(1, 1, 0, 0, 0);
    receive(3);
    FeedDelta d = feed.takeDelta(0);
    assertThat(d.filled()).isEqualTo(1);
    assertThat(d.gaps() - d.filled()).isEqualTo(-1);
    assertThat(d.missing()).isEqualTo(-1);
    assertThat(d.outOfOrder()).isEqualTo(1);
  }

  @Test
  @DisplayName("filling the middle of a run splits it in two; its edges shrink it")
  void gapSplitAndShrunk() {
    feed.opened(0);
    receive(1, 7); // 2..6 missing: one gap
    receive(4); // 2,3 and 5,6: two gaps
    assertThat(take()).containsExactly(2, 4, 0, 1, 0);
    receive(2, 6); // 3 and 5: still two gaps
    assertThat(take()).containsExactly(0, -2, 0, 2, 0);
    receive(3, 5);
    assertThat(take()).containsExactly(-2, -2, 0, 2, 0);
  }

  @Test
  @DisplayName("a repeat is a duplicate only, also the repeat of a late-filled number")
  void duplicates() {
    feed.opened(0);
    receive(1, 1, 3, 2, 2, 3);
    assertThat(take()).containsExactly(0, 0, 3, 1, 0);
  }

  @Test
  @DisplayName("after a reconnect, a sequence back at or below the first number is a reset")
  void reset() {
    feed.opened(0);
    receive(1, 2, 3, 5);
    feed.closed();
    feed.opened(10 * MS);
    receive(1, 2, 4);
    assertThat(take()).containsExactly(2, 2, 0, 0, 1);
  }

  @Test
  @DisplayName("after a reconnect, a sequence that goes on is not a reset (a skip is a gap)")
  void resumeAfterReconnect() {
    feed.opened(0);
    receive(5, 6);
    feed.closed();
    feed.opened(MS);
    receive(9);
    assertThat(take()).containsExactly(1, 2, 0, 0, 0);
  }

  @Test
  @DisplayName("without a reconnect, a drop below the first number is out of order, not a reset")
  void noResetWithoutReconnect() {
    feed.opened(0);
    receive(5, 6, 1);
    assertThat(take()).containsExactly(0, 0, 0, 1, 0);
  }

  @Test
  @DisplayName("beyond the window: old numbers count as out of order and change no gap")
  void windowOverflow() {
    feed.opened(0);
    receive(1, 3); // 2 missing
    for (long s = 4; s <= 3 + FeedTracker.WINDOW; s++) {
      receive(s);
    }
    assertThat(take()).containsExactly(1, 1, 0, 0, 0);
    receive(2); // slid out of the window: cannot tell fill from duplicate
    assertThat(take()).containsExactly(0, 0, 0, 1, 0);
    receive(3 + FeedTracker.WINDOW + 1 + 3 * FeedTracker.WINDOW); // a jump over the window
    assertThat(take()).containsExactly(1, 3 * FeedTracker.WINDOW, 0, 0, 0);
    receive(3 + FeedTracker.WINDOW + 5); // forgotten by the jump: out of order only
    assertThat(take()).containsExactly(0, 0, 0, 1, 0);
  }

  @Test
  @DisplayName("staleness: raised once after maxSilence, cleared by the next message")
  void staleness() {
    FeedTracker t = new FeedTracker(new FeedOptions().setMaxSilence(Duration.ofMillis(100)), 0);
    assertThat(t.tick(500 * MS)).as("closed: no check").isEqualTo(-1);
    t.opened(1000 * MS);
    assertThat(t.tick(1050 * MS)).isEqualTo(-1);
    assertThat(t.tick(1150 * MS)).isEqualTo(150 * MS);
    assertThat(t.tick(1300 * MS)).as("once").isEqualTo(-1);
    FeedDelta d = t.takeDelta(1300 * MS);
    assertThat(d.stale()).isTrue();
    assertThat(d.maxSilenceMs()).isEqualTo(300.0);
    assertThat(t.takeDelta(1400 * MS).stale()).as("still stale, unchanged").isNull();
    t.onBinary(Buffer.buffer("x"), 1500 * MS);
    d = t.takeDelta(1500 * MS);
    assertThat(d.stale()).isFalse();
    assertThat(d.unparsed()).as("no field configured: nothing parsed").isZero();
    assertThat(t.takeDelta(1550 * MS)).isNull();
  }

  @Test
  @DisplayName("messages: inter-arrival times, unparsed messages, e2e from the timestamp")
  void messages() {
    FeedTracker t = new FeedTracker(new FeedOptions().setSeqField("seq").setTsField("ts"), 0);
    t.opened(0);
    t.onText("{\"seq\":1,\"ts\":\"2020-01-01T00:00:00Z\"}", 10 * MS);
    t.onText("not json", 30 * MS);
    t.onText("{\"seq\":2}", 60 * MS);
    t.onBinary(Buffer.buffer("{\"seq\":3,\"ts\":1577836800000}"), 100 * MS);
    FeedDelta d = t.takeDelta(100 * MS);
    assertThat(d.unparsed()).isEqualTo(2);
    assertThat(d.gaps()).isZero();
    assertThat(d.interArrival().getTotalCount()).isEqualTo(3);
    assertThat(d.interArrival().getMaxValue()).isBetween(39_900L, 40_100L);
    assertThat(d.maxSilenceMs()).isEqualTo(40.0);
    assertThat(d.e2e().getTotalCount()).isEqualTo(2);
    // receive time is now, so e2e is the time since 2020 (clamped to the histogram's 1 h)
    assertThat(d.e2e().getMinValue()).isGreaterThan(3_000_000_000L);
  }
}
