package dev.wsmon.core.impl;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.Correlation;
import dev.wsmon.core.internal.TrafficCounters;
import dev.wsmon.core.protocol.impl.ProtocolSession;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketFrame;

/**
 * What happens to each message a connection receives: counted, fed to feed monitoring, matched to
 * its request, handed to the protocol session and the user's handlers; with {@code validateUtf8},
 * text frames are checked for valid UTF-8 on the way in. Event loop only.
 */
final class ReceivePath {

  /** What the receive path needs from its connection. */
  interface Owner {

    /** Whether the connection is open (not closing, not between attempts). */
    boolean isOpen();

    /** A protocol error on the open connection, closed with {@code closeCode} by the policy. */
    void protocolError(int closeCode, String reason);
  }

  private static final int INVALID_PAYLOAD_CLOSE = 1007;

  private final Owner owner;
  private final ConnectionOptions options;
  private final TrafficCounters counters;
  private final SendQueue sends;
  final FeedTracker feed;
  private final ProtocolSession protocol;
  // fixed with the (shared, never modified) options: read from this hot object per reply
  private final Correlation correlation;
  private final boolean fifo;
  // set by the first request: held connections that never ask cost nothing here
  private RequestCorrelator requests;
  private ReadClock readClock;
  Handler<String> textHandler;
  Handler<Buffer> binaryHandler;
  Handler<Buffer> messageHandler;
  private Utf8 utf8;
  private boolean inTextMessage;

  ReceivePath(
      Owner owner,
      ConnectionOptions options,
      TrafficCounters counters,
      SendQueue sends,
      FeedTracker feed,
      ProtocolSession protocol) {
    this.owner = owner;
    this.options = options;
    this.counters = counters;
    this.sends = sends;
    this.feed = feed;
    this.protocol = protocol;
    this.correlation = options.getSendOptions().getCorrelation();
    this.fifo = protocol == null && correlation.kind() == Correlation.Kind.FIFO;
  }

  /**
   * Replies are matched to {@code requests} from now on, timed at the socket read that carried them
   * ({@code socket}'s, when connected).
   */
  void correlate(RequestCorrelator requests, WebSocket socket) {
    this.requests = requests;
    readClock = new ReadClock();
    if (socket != null) {
      readClock.install(socket);
    }
  }

  /** A new socket opened: its reads are timed when replies are matched. */
  void opened(WebSocket socket) {
    if (readClock != null) {
      readClock.install(socket);
    }
  }

  /** A new socket's frames are validated from now on (with {@code validateUtf8}). */
  void validateFrames() {
    inTextMessage = false;
    utf8 = new Utf8();
  }

  void onText(String text) {
    long bytes = sends.receivedLength(text);
    if (protocol != null) {
      if (protocol.onText(text, bytes, System.nanoTime()) == ProtocolSession.CONTROL) {
        return;
      }
    }
    counters.messagesReceived++;
    counters.bytesReceived += bytes;
    if (feed != null && owner.isOpen()) {
      String data = protocol == null ? text : protocol.payload();
      if (data != null) {
        feed.onText(data, System.nanoTime());
      }
      if (protocol != null) {
        protocol.feedChannel(data, System.nanoTime());
      }
    }
    if (requests != null && !requests.isEmpty()) {
      matchReply(text);
    }
    Handler<String> th = textHandler;
    if (th != null) {
      th.handle(text);
    }
    Handler<Buffer> mh = messageHandler;
    if (mh != null) {
      mh.handle(Buffer.buffer(text));
    }
    if (protocol != null) {
      protocol.deliver();
    }
  }

  void onBinary(Buffer data) {
    if (protocol != null) {
      if (protocol.onBinary(data, System.nanoTime()) == ProtocolSession.CONTROL) {
        return;
      }
    }
    counters.messagesReceived++;
    counters.bytesReceived +=
        protocol == null ? data.length() : protocol.messageBytes(data.length());
    if (feed != null && owner.isOpen()) {
      if (protocol == null) {
        feed.onBinary(data, System.nanoTime());
      } else {
        if (protocol.payload() != null) {
          feed.onText(protocol.payload(), System.nanoTime());
        }
        protocol.feedChannel(protocol.payload(), System.nanoTime());
      }
    }
    if (protocol != null && requests != null && !requests.isEmpty()) {
      matchReply(data.toString(java.nio.charset.StandardCharsets.UTF_8));
    } else if (requests != null && !requests.isEmpty()) {
      matchBinary(data);
    }
    Handler<Buffer> bh = binaryHandler;
    if (bh != null) {
      bh.handle(data);
    }
    Handler<Buffer> mh = messageHandler;
    if (mh != null) {
      mh.handle(data);
    }
    if (protocol != null) {
      protocol.deliver();
    }
  }

  void onFrame(WebSocketFrame frame) {
    boolean text = frame.isText() || (frame.isContinuation() && inTextMessage);
    if (!text) {
      if (frame.isBinary()) {
        inTextMessage = false;
      }
      return;
    }
    utf8.feed(frame.binaryData());
    inTextMessage = !frame.isFinal();
    if (frame.isFinal() && !utf8.finish()) {
      owner.protocolError(INVALID_PAYLOAD_CLOSE, "invalid UTF-8 in a text message");
    }
  }

  private void matchReply(String reply) {
    long now = readClock.now();
    if (fifo) {
      requests.replyToOldest(reply, now);
      return;
    }
    if (protocol != null) {
      String key = protocol.replyKey();
      if (key != null) {
        requests.replyTo(key, reply, now);
      }
      return;
    }
    switch (correlation.kind()) {
      case FIFO -> requests.replyToOldest(reply, now);
      case JSON_FIELD -> {
        String key = correlation.keyOf(reply);
        if (key != null) {
          requests.replyTo(key, reply, now);
        }
      }
      case CUSTOM -> requests.replyMatching(correlation.predicate(), reply, now);
      default -> {}
    }
  }

  private void matchBinary(Buffer reply) {
    String key = BinaryRequests.replyKey(correlation, reply);
    if (key != null) {
      requests.replyTo(key, reply, readClock.now());
    }
  }
}
