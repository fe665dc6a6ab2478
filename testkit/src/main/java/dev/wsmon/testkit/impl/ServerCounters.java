package dev.wsmon.testkit.impl;

import dev.wsmon.testkit.EchoServerStats;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The live, thread-safe counters behind {@link EchoServerStats}. */
public final class ServerCounters {

  public final LongAdder connectionsOpened = new LongAdder();
  public final LongAdder connectionsClosed = new LongAdder();
  public final LongAdder handshakesRejected = new LongAdder();
  public final LongAdder handshakesUnanswered = new LongAdder();
  public final LongAdder textMessagesReceived = new LongAdder();
  public final LongAdder binaryMessagesReceived = new LongAdder();
  public final LongAdder textBytesReceived = new LongAdder();
  public final LongAdder binaryBytesReceived = new LongAdder();
  public final LongAdder textMessagesSent = new LongAdder();
  public final LongAdder binaryMessagesSent = new LongAdder();
  public final LongAdder textBytesSent = new LongAdder();
  public final LongAdder binaryBytesSent = new LongAdder();
  public final LongAdder pingsReceived = new LongAdder();
  public final LongAdder pongsSent = new LongAdder();
  private final Map<Integer, LongAdder> closeCodes = new ConcurrentHashMap<>();

  public void closeCodeReceived(int code) {
    closeCodes.computeIfAbsent(code, c -> new LongAdder()).increment();
  }

  public void textSent(long bytes) {
    textMessagesSent.increment();
    textBytesSent.add(bytes);
  }

  public void binarySent(long bytes) {
    binaryMessagesSent.increment();
    binaryBytesSent.add(bytes);
  }

  public EchoServerStats snapshot() {
    Map<Integer, Long> codes = new HashMap<>();
    closeCodes.forEach((k, v) -> codes.put(k, v.sum()));
    return new EchoServerStats(
        connectionsOpened.sum(),
        connectionsClosed.sum(),
        handshakesRejected.sum(),
        handshakesUnanswered.sum(),
        textMessagesReceived.sum(),
        binaryMessagesReceived.sum(),
        textBytesReceived.sum(),
        binaryBytesReceived.sum(),
        textMessagesSent.sum(),
        binaryMessagesSent.sum(),
        textBytesSent.sum(),
        binaryBytesSent.sum(),
        pingsReceived.sum(),
        pongsSent.sum(),
        codes);
  }

  public void reset() {
    for (LongAdder a :
        new LongAdder[] {
          connectionsOpened,
          connectionsClosed,
          handshakesRejected,
          handshakesUnanswered,
          textMessagesReceived,
          binaryMessagesReceived,
          textBytesReceived,
          binaryBytesReceived,
          textMessagesSent,
          binaryMessagesSent,
          textBytesSent,
          binaryBytesSent,
          pingsReceived,
          pongsSent
        }) {
      a.reset();
    }
    closeCodes.clear();
  }

  /** UTF-8 length of {@code s} without encoding it. */
  public static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
