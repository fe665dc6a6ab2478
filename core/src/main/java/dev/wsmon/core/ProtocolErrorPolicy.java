package dev.wsmon.core;

/**
 * What a connection does after a protocol error from the server: a message over {@link
 * ConnectionOptions#getMaxMessageSize()} or, when {@link ConnectionOptions#isValidateUtf8()} is on,
 * a text message that is not valid UTF-8. Either way the error is counted ({@code protocol_errors})
 * and published as a {@link EventType#PROTOCOL_ERROR} event.
 */
public enum ProtocolErrorPolicy {
  /** Keep the connection open. */
  KEEP_OPEN,
  /**
   * Close the connection with 1009 (message too big) or 1007 (invalid payload data, RFC 6455
   * section 7.4.1); this is a disconnection with that code and is reconnected per the policy.
   */
  CLOSE
}
