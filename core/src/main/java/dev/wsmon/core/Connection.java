package dev.wsmon.core;

import dev.wsmon.core.protocol.ProtocolChannel;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;

/**
 * One monitored WebSocket connection owned by a {@link ConnectionVerticle}. It survives reconnects:
 * each attempt opens a new WebSocket, and the handlers set here apply to every one of them.
 *
 * <p>Every method may be called from any thread; the work runs on the verticle's event loop, where
 * handlers are also called. Every send either reaches the socket or fails its future with a reason,
 * and is counted ({@code messages_sent}/{@code bytes_sent} or {@code send_failures}).
 */
public interface Connection {

  /** The connection id: {@code c-1}, {@code c-2}, ... (with the verticle's id prefix). */
  String id();

  /** The connection number, 1-based and unique in the verticle (the {@code N} of {@code c-N}). */
  int number();

  /** The group label (the endpoint's group, by default its redacted URI). */
  String group();

  /** The endpoint options this connection uses (a copy). */
  ConnectionOptions options();

  /** The current state. */
  ConnectionState state();

  /**
   * Whether the connection is open ({@link ConnectionState#CONNECTED} or {@link
   * ConnectionState#DEGRADED}).
   */
  default boolean isConnected() {
    ConnectionState state = state();
    return state == ConnectionState.CONNECTED || state == ConnectionState.DEGRADED;
  }

  /**
   * Sets the handler called with the new state on every state change.
   *
   * @param handler the handler, or {@code null} to remove it
   * @return this
   */
  Connection stateHandler(Handler<ConnectionState> handler);

  /**
   * Sets the handler of received text messages (whole messages).
   *
   * @param handler the handler, or {@code null} to remove it
   * @return this
   */
  Connection textMessageHandler(Handler<String> handler);

  /**
   * Sets the handler of received binary messages (whole messages).
   *
   * @param handler the handler, or {@code null} to remove it
   * @return this
   */
  Connection binaryMessageHandler(Handler<Buffer> handler);

  /**
   * Sets the handler of every received message, text ones as their UTF-8 bytes.
   *
   * @param handler the handler, or {@code null} to remove it
   * @return this
   */
  Connection messageHandler(Handler<Buffer> handler);

  /**
   * Sends a text message. When not connected it fails at once, or waits in a buffer of {@link
   * SendOptions#getSendBufferSize()} messages; when the socket's write queue is full it waits or
   * fails per {@link SendOptions#getBackpressure()}.
   *
   * @param text the message
   * @return completes when the message was written to the socket, fails with the reason otherwise
   */
  Future<Void> sendText(String text);

  /**
   * Sends a binary message, like {@link #sendText(String)}.
   *
   * @param data the message
   * @return completes when the message was written to the socket, fails with the reason otherwise
   */
  Future<Void> sendBinary(Buffer data);

  /**
   * Sends a text request and waits for its reply, matched per {@link SendOptions#getCorrelation()}.
   * The round-trip time (from this call to the reply) goes to the {@code rtt} histogram; a timeout
   * counts as a {@code request_timeouts}; a request that was sent but has no reply when its
   * connection closes (a server close, a drop, {@link #close()}) counts as a {@code
   * requests_abandoned}; a request that never left (not connected, too many pending requests, no
   * correlation field) counts as a {@code send_failures}. The reply is also delivered to the
   * message handlers.
   *
   * @param payload the request text
   * @param timeout how long to wait for the reply, positive
   * @return the reply, or a failure naming the reason (not sent, timed out after ..., connection
   *     closed, too many pending requests (N), no correlation field)
   */
  Future<String> request(String payload, Duration timeout);

  /**
   * The connection's protocol layer (Socket.IO, STOMP, graphql-ws: see {@link
   * ConnectionOptions#getProtocolOptions()}): protocol operations with their own reply ids and the
   * received application messages with their channel.
   *
   * @return the channel, or {@code null} for a plain WebSocket connection (protocol {@code raw})
   */
  default ProtocolChannel protocolChannel() {
    return null;
  }

  /**
   * Sends a binary request and waits for its binary reply, matched by the id bytes of a {@link
   * Correlation#binary(BinaryId)} correlation; counted like {@link #request(String, Duration)}. A
   * request shorter than the id's end, or sent without binary correlation, fails at once as a
   * {@code send_failures}. The default fails: the connection does not support binary requests.
   *
   * @param payload the request, holding its id at the correlation's offset
   * @param timeout how long to wait for the reply, positive
   * @return the reply, or a failure naming the reason
   */
  default Future<Buffer> requestBinary(Buffer payload, Duration timeout) {
    return Future.failedFuture("binary requests are not supported by " + getClass().getName());
  }

  /**
   * Marks the open connection {@link ConnectionState#DEGRADED} (a health probe failed), publishing
   * a {@link EventType#DEGRADED} event with {@code reason}. Does nothing when it is not {@link
   * ConnectionState#CONNECTED} (already degraded, or not open).
   *
   * @param reason why, redacted before it is published
   * @return completes once applied, with whether the state changed
   */
  Future<Boolean> degrade(String reason);

  /**
   * Marks a {@link ConnectionState#DEGRADED} connection {@link ConnectionState#CONNECTED} again (a
   * health probe passed), publishing a {@link EventType#RECOVERED} event. Does nothing otherwise.
   *
   * @return completes once applied, with whether the state changed
   */
  Future<Boolean> recover();

  /**
   * Closes the connection with 1000 if open and stops reconnecting; a {@link EventType#CLOSED}
   * event, not a disconnection. An attempt in flight is abandoned: counted in {@code
   * attempts_abandoned}, never as a success or failure, even when its handshake completes later
   * (that socket is closed unused). {@link #connect()} opens it again.
   *
   * @return completes when the close handshake finished
   */
  Future<Void> close();

  /**
   * Closes the connection with {@code code} and {@code reason} if open and stops reconnecting, as
   * {@link #close()} does; the default ignores both and closes with 1000.
   *
   * @param code a close code a client may send (1000, or 3000-4999)
   * @param reason the close reason, at most 123 bytes in UTF-8
   * @return completes when the close handshake finished
   */
  default Future<Void> close(int code, String reason) {
    return close();
  }

  /**
   * Starts connecting again after {@link #close()} or after the policy gave up, with a fresh retry
   * count. Does nothing when the connection is already open or connecting.
   *
   * @return completes when the connection is open; fails when it ends closed or given up first
   */
  Future<Void> connect();
}
