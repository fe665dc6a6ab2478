package dev.wsmon.core.impl;

import dev.wsmon.core.BinaryId;
import dev.wsmon.core.Correlation;
import io.vertx.core.buffer.Buffer;

/**
 * The rules of binary requests ({@code --correlate binary:OFFSET:LEN}): which request may be sent,
 * and the correlation key of a request or a reply (its id bytes).
 */
final class BinaryRequests {

  private BinaryRequests() {}

  /**
   * Whether {@code payload} is a request that binary correlation decides on: every binary request,
   * and a text one under binary correlation unless a protocol layer correlates it by its own ids.
   */
  static boolean applies(Correlation correlation, Object payload, boolean withProtocol) {
    return payload instanceof Buffer
        || (!withProtocol && correlation.kind() == Correlation.Kind.BINARY);
  }

  /**
   * Why {@code payload} cannot be sent as a request, or {@code null} when it can.
   *
   * @param withProtocol whether a protocol layer frames the requests
   */
  static String refusal(Correlation correlation, Object payload, boolean withProtocol) {
    if (!(payload instanceof Buffer data)) {
      return "a text request cannot be correlated by " + correlation;
    }
    if (withProtocol) {
      return "binary requests cannot be sent over a protocol layer";
    }
    if (correlation.kind() != Correlation.Kind.BINARY) {
      return "binary requests need binary:OFFSET:LEN correlation, but correlation is "
          + correlation;
    }
    BinaryId id = correlation.binaryId();
    if (data.length() < id.minMessageLength()) {
      return "binary request of "
          + data.length()
          + " bytes is too short for its id at binary:"
          + id;
    }
    return null;
  }

  /** The key of a binary reply, or {@code null} when binary correlation is off or it has none. */
  static String replyKey(Correlation correlation, Buffer reply) {
    BinaryId id = correlation.binaryId();
    return id == null ? null : id.keyOf(reply);
  }
}
