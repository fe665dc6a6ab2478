package dev.wsmon.core.protocol.impl;

/** What a protocol session asks of its connection; called on the connection's event loop. */
public interface ProtocolLink {

  /** Writes a protocol control message (not counted as an application message). */
  void writeControl(String text);

  /** The protocol handshake completed: the attempt is a success. */
  void handshakeDone();

  /** The server rejected the protocol handshake: the attempt failed with {@code reason}. */
  void handshakeFailed(String reason);

  /** The server ended the protocol session: the connection closes it as a disconnection. */
  void ended(String reason);

  /** The peer's heartbeats stopped: handled like a missing pong. */
  void silence(String reason);
}
