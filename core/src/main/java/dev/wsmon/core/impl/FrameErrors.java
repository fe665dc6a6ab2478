package dev.wsmon.core.impl;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import java.util.function.BiConsumer;

/**
 * Sees the frame errors Netty's WebSocket decoder raises (a frame over {@code maxFrameSize}, a
 * malformed frame) before Vert.x, which closes the connection without telling the WebSocket why
 * (its close handler sees 1006 and no reason). Installed just below Vert.x's handler.
 */
final class FrameErrors extends ChannelInboundHandlerAdapter {

  static final String NAME = "wsmon-frame-errors";

  private final BiConsumer<Integer, String> onError;
  // kept here rather than captured by a wrapping lambda: 24 bytes less per connection
  private final int maxFrameSize;

  private FrameErrors(BiConsumer<Integer, String> onError, int maxFrameSize) {
    this.onError = onError;
    this.maxFrameSize = maxFrameSize;
  }

  /** Reports each frame error of {@code socket} as its close code and a reason. */
  static void install(WebSocket socket, int maxFrameSize, BiConsumer<Integer, String> onError) {
    if (!(socket instanceof WebSocketInternal internal)) {
      return;
    }
    ChannelHandlerContext vertxHandler = internal.channelHandlerContext();
    if (vertxHandler.pipeline().get(NAME) == null) {
      vertxHandler
          .pipeline()
          .addBefore(vertxHandler.name(), NAME, new FrameErrors(onError, maxFrameSize));
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof CorruptedWebSocketFrameException corrupted) {
      String message = corrupted.getMessage();
      onError.accept(
          corrupted.closeStatus().code(),
          message != null && message.startsWith("Max frame length")
              ? "frame over maxFrameSize " + maxFrameSize + " bytes"
              : "malformed frame: " + message);
    }
    ctx.fireExceptionCaught(cause);
  }
}
