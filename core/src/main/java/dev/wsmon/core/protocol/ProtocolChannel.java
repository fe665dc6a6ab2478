package dev.wsmon.core.protocol;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.time.Duration;

/**
 * The protocol layer of a connection, as the scenario engine and other callers see it: operations
 * with the protocol's own ids, and received application messages with their channel. Reached
 * through {@link dev.wsmon.core.Connection#protocolChannel()}; one per connection, serving every
 * session (attempt). Operations may be called from any thread; handlers run on the connection's
 * event loop.
 */
public interface ProtocolChannel {

  /** The protocol the connection speaks. */
  Protocol protocol();

  /**
   * Sends {@code operation} without waiting for a reply; it counts as a sent message, like {@link
   * dev.wsmon.core.Connection#sendText(String)}.
   *
   * @return completes when written to the socket; fails with the reason otherwise, e.g. when the
   *     operation belongs to another protocol
   */
  Future<Void> send(ProtocolOperation operation);

  /**
   * Sends {@code operation} with the protocol's reply id (a Socket.IO ack id, a STOMP receipt) and
   * waits for the reply, with the request accounting of {@link
   * dev.wsmon.core.Connection#request(String, java.time.Duration)} (round trip in {@code rtt_ms},
   * timeouts, abandoned requests).
   *
   * @param timeout how long to wait for the reply, positive
   * @return the reply message (the ack or RECEIPT as received), or a failure naming the reason
   *     (also when the operation has no reply: {@link ProtocolOperation.Kind#hasReply()})
   */
  Future<String> request(ProtocolOperation operation, Duration timeout);

  /**
   * Sets the handler of received application messages that have a channel (events, MESSAGEs,
   * subscription results); acks and receipts go to the request that waits for them instead.
   *
   * @param handler the handler, or {@code null} to remove it
   * @return this
   */
  ProtocolChannel messageHandler(Handler<ProtocolMessage> handler);
}
