package dev.wsmon.testkit;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of what an {@link EchoServer} counted since it started or was last reset.
 * Bytes are message payload bytes (UTF-8 for text), not frame headers.
 *
 * @param connectionsOpened WebSocket handshakes accepted
 * @param connectionsClosed accepted WebSockets that ended, for any reason
 * @param handshakesRejected upgrade requests answered with an error status ({@code reject})
 * @param handshakesUnanswered upgrade requests left unanswered ({@code no-upgrade})
 * @param textMessagesReceived complete text messages received
 * @param binaryMessagesReceived complete binary messages received
 * @param textBytesReceived payload bytes of the text messages received
 * @param binaryBytesReceived payload bytes of the binary messages received
 * @param textMessagesSent text messages sent (echoes, banner, pushes, oversize, invalid UTF-8)
 * @param binaryMessagesSent binary messages sent (echoes)
 * @param textBytesSent payload bytes of the text messages sent
 * @param binaryBytesSent payload bytes of the binary messages sent
 * @param pingsReceived ping frames received
 * @param pongsSent pong frames sent in answer to pings
 * @param closeCodesReceived close code → count, for close frames that clients sent first (the echo
 *     of a close the server started is not counted)
 */
public record EchoServerStats(
    long connectionsOpened,
    long connectionsClosed,
    long handshakesRejected,
    long handshakesUnanswered,
    long textMessagesReceived,
    long binaryMessagesReceived,
    long textBytesReceived,
    long binaryBytesReceived,
    long textMessagesSent,
    long binaryMessagesSent,
    long textBytesSent,
    long binaryBytesSent,
    long pingsReceived,
    long pongsSent,
    Map<Integer, Long> closeCodesReceived) {

  /** Copies the close-code map so the snapshot stays immutable. */
  public EchoServerStats {
    closeCodesReceived = Map.copyOf(closeCodesReceived);
  }

  /** Text and binary messages received. */
  public long messagesReceived() {
    return textMessagesReceived + binaryMessagesReceived;
  }

  /** Text and binary messages sent. */
  public long messagesSent() {
    return textMessagesSent + binaryMessagesSent;
  }

  /** Text and binary payload bytes received. */
  public long bytesReceived() {
    return textBytesReceived + binaryBytesReceived;
  }

  /** Text and binary payload bytes sent. */
  public long bytesSent() {
    return textBytesSent + binaryBytesSent;
  }

  /** Connections currently open: opened minus closed. */
  public long connectionsOpen() {
    return connectionsOpened - connectionsClosed;
  }

  /**
   * The snapshot as JSON with camelCase keys; close codes are keyed by their decimal string.
   *
   * @return a new JSON object
   */
  public JsonObject toJson() {
    JsonObject codes = new JsonObject();
    new TreeMap<>(closeCodesReceived).forEach((k, v) -> codes.put(Integer.toString(k), v));
    return new JsonObject()
        .put("connectionsOpened", connectionsOpened)
        .put("connectionsClosed", connectionsClosed)
        .put("handshakesRejected", handshakesRejected)
        .put("handshakesUnanswered", handshakesUnanswered)
        .put("textMessagesReceived", textMessagesReceived)
        .put("binaryMessagesReceived", binaryMessagesReceived)
        .put("textBytesReceived", textBytesReceived)
        .put("binaryBytesReceived", binaryBytesReceived)
        .put("textMessagesSent", textMessagesSent)
        .put("binaryMessagesSent", binaryMessagesSent)
        .put("textBytesSent", textBytesSent)
        .put("binaryBytesSent", binaryBytesSent)
        .put("pingsReceived", pingsReceived)
        .put("pongsSent", pongsSent)
        .put("closeCodesReceived", codes);
  }
}
