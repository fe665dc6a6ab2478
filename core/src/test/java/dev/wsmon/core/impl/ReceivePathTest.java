package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.FeedDelta;
import dev.wsmon.core.FeedOptions;
import dev.wsmon.core.internal.TrafficCounters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ReceivePath: every received message counted, fed, matched and handed on")
class ReceivePathTest {

  /** The connection side: open or not, and the protocol errors reported to it. */
  private static final class Owner implements ReceivePath.Owner, SendQueue.Owner {
    boolean open = true;
    final List<String> errors = new ArrayList<>();

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void protocolError(int closeCode, String reason) {
      errors.add(closeCode + " " + reason);
    }

    @Override
    public WebSocket writableSocket() {
      return null;
    }

    @Override
    public String closedReason() {
      return "closed";
    }

    @Override
    public String notConnectedReason(boolean closing) {
      return "not connected";
    }
  }

  private final Owner owner = new Owner();
  private final TrafficCounters counters = new TrafficCounters();

  private ReceivePath path(ConnectionOptions options, FeedTracker feed) {
    return new ReceivePath(
        owner, options, counters, new SendQueue(owner, options, counters), feed, null);
  }

  @Test
  @DisplayName(
      "text and binary messages are counted with their payload bytes and reach the"
          + " handlers: text or binary first, then the message handler")
  void countsAndHandlers() {
    ReceivePath path = path(new ConnectionOptions(), null);
    List<String> seen = new ArrayList<>();
    path.textHandler = s -> seen.add("text " + s);
    path.binaryHandler = b -> seen.add("binary " + b.length());
    path.messageHandler = b -> seen.add("message " + b.length());

    path.onText("héllo");
    path.onBinary(Buffer.buffer(new byte[3]));

    assertThat(counters.messagesReceived).isEqualTo(2);
    assertThat(counters.bytesReceived).isEqualTo(6 + 3);
    assertThat(seen).containsExactly("text héllo", "message 6", "binary 3", "message 3");
  }

  @Test
  @DisplayName("feed monitoring sees messages only while the connection is open")
  void feedWhileOpen() {
    ConnectionOptions options =
        new ConnectionOptions().setFeedOptions(new FeedOptions().setSeqField("seq"));
    FeedTracker feed = FeedTracker.of(options);
    ReceivePath path = path(options, feed);
    feed.opened(System.nanoTime());

    path.onText("{\"seq\":1}");
    path.onText("{\"seq\":3}");
    owner.open = false;
    path.onText("{\"seq\":7}");

    FeedDelta delta = feed.takeDelta(System.nanoTime());
    assertThat(delta.gaps()).isEqualTo(1);
    assertThat(delta.missing()).isEqualTo(1);
    assertThat(counters.messagesReceived).isEqualTo(3);
  }

  @Test
  @DisplayName(
      "UTF-8 is checked across continuation frames: a character split between frames is"
          + " valid, a broken sequence is a protocol error with close code 1007")
  void utf8AcrossFrames() {
    ReceivePath path = path(new ConnectionOptions().setValidateUtf8(true), null);
    path.validateFrames();

    path.onFrame(WebSocketFrame.textFrame("caf", false));
    path.onFrame(WebSocketFrame.continuationFrame(bytes(0xC3), false));
    path.onFrame(WebSocketFrame.continuationFrame(bytes(0xA9), true));
    assertThat(owner.errors).isEmpty();

    path.onFrame(WebSocketFrame.binaryFrame(bytes(0xC3, 0x28), true));
    assertThat(owner.errors).isEmpty();

    path.onFrame(WebSocketFrame.textFrame("ok", false));
    path.onFrame(WebSocketFrame.continuationFrame(bytes(0xC3, 0x28), true));
    assertThat(owner.errors).containsExactly("1007 invalid UTF-8 in a text message");
  }

  private static Buffer bytes(int... values) {
    Buffer b = Buffer.buffer();
    for (int v : values) {
      b.appendByte((byte) v);
    }
    return b;
  }
}
