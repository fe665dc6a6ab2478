package dev.wsmon.core.impl;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.http.WebSocket;
import io.vertx.core.internal.http.WebSocketInternal;

/**
 * The arrival time of the socket read being handled: one clock read per read from the channel,
 * however many messages it carries (a flood reads about 64 replies at once), taken before any of
 * them is decoded. Outside a read (a message handed over later), the clock itself. Installed first
 * in the connection's pipeline; on the connection's event loop only.
 */
@ChannelHandler.Sharable
final class ReadClock extends ChannelInboundHandlerAdapter {

  private static final String NAME = "wsmon-read-clock";

  private long readAt;
  private boolean reading;

  /** Puts this clock first in {@code socket}'s pipeline (once per socket). */
  void install(WebSocket socket) {
    if (socket instanceof WebSocketInternal internal) {
      ChannelHandlerContext vertx = internal.channelHandlerContext();
      if (vertx.pipeline().get(NAME) == null) {
        vertx.pipeline().addFirst(NAME, this);
      }
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    readAt = System.nanoTime();
    reading = true;
    try {
      ctx.fireChannelRead(msg);
    } finally {
      reading = false;
    }
  }

  /** When the bytes being handled were read, or {@code System.nanoTime()} outside a read. */
  long now() {
    return reading ? readAt : System.nanoTime();
  }
}
