package dev.wsmon.core.impl;

import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.internal.http.WebSocketInternal;

/** Closes a connection's socket with a close frame, and cuts it when the frame cannot go. */
final class SocketCloser {

  /** The TCP connection is cut after this even when the close frame could not be written. */
  static final long FORCE_CLOSE_MS = ConnectionImpl.CLOSING_TIMEOUT_S * 1000L + 1000;

  private SocketCloser() {}

  /**
   * Sends the close frame now and completes when the TCP connection is closed: when the server
   * answers, after the client's closing timeout ({@value ConnectionImpl#CLOSING_TIMEOUT_S} s) when
   * it does not, or after {@link #FORCE_CLOSE_MS} when the close frame cannot even be written (a
   * server that stopped reading); then when {@code sends} settled. {@code
   * WebSocket.shutdown(timeout)} is not used: in Vert.x 5.0.10 it holds the close frame back for
   * the whole timeout.
   */
  static Future<Void> closeSocket(
      Vertx vertx, SendQueue sends, WebSocket socket, short code, String reason) {
    if (socket.isClosed()) {
      // closed underneath (the server went away at the same time); its close event is ignored
      return sends.settled(vertx, FORCE_CLOSE_MS);
    }
    Promise<Void> closed = Promise.promise();
    socket.closeHandler(v -> closed.tryComplete());
    long force =
        vertx.setTimer(
            FORCE_CLOSE_MS,
            t -> {
              abort(socket);
              closed.tryComplete();
            });
    socket.close(code, truncate(reason));
    return closed
        .future()
        .onComplete(ar -> vertx.cancelTimer(force))
        .compose(v -> sends.settled(vertx, FORCE_CLOSE_MS));
  }

  /**
   * Closes the TCP connection at once. The close starts below Vert.x's handler: a close through
   * Vert.x waits behind the writes it still queues, which a server that stopped reading never
   * takes; a real close fails them.
   */
  private static void abort(WebSocket socket) {
    if (socket instanceof WebSocketInternal internal) {
      ChannelHandlerContext vertxHandler = internal.channelHandlerContext();
      ChannelHandlerContext first = vertxHandler.pipeline().firstContext();
      (first != null ? first : vertxHandler).close();
    }
  }

  static String truncate(String reason) {
    // a close frame's reason must fit in 123 bytes
    return reason.length() > 60 ? reason.substring(0, 60) : reason;
  }
}
