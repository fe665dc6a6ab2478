package dev.wsmon.core.impl;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.http.WebSocket;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.http.WebSocketInternal;

/**
 * The arrival time of the socket read being handled: one clock read per read from the channel,
 * however many messages it carries (a flood reads about 64 replies at once), taken before any of
 * them is decoded. Outside a read (a message handed over later), the clock itself. Installed first
 * in the connection's pipeline; on the connection's event loop only.
 *
 * <p>It also runs the end of each read on the socket's context: Vert.x flushes the writes the
 * read's messages caused when the read completes, outside any context, so each write's future,
 * completed there, handed its listener over through a lambda and the context ({@code
 * FutureBase.emitResult}): an allocation and a dispatch per message. Inside the context's dispatch
 * the listeners run at once, on the same thread, in the same order; one dispatch per read of about
 * 64 replies.
 */
@ChannelHandler.Sharable
final class ReadClock extends ChannelInboundHandlerAdapter {

  private static final String NAME = "wsmon-read-clock";

  private long readAt;
  private boolean reading;
  // the socket's context, seen when a reply is timed (Vert.x delivers messages on it)
  private ContextInternal context;

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

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ContextInternal c = context;
    if (c == null || !c.inThread() || ContextInternal.current() == c) {
      ctx.fireChannelReadComplete();
      return;
    }
    ContextInternal previous = c.beginDispatch();
    try {
      ctx.fireChannelReadComplete();
    } finally {
      c.endDispatch(previous);
    }
  }

  /**
   * When the bytes being handled were read, or {@code System.nanoTime()} outside a read; called as
   * a message is delivered, on the socket's context.
   */
  long now() {
    if (context == null) {
      context = ContextInternal.current();
    }
    return reading ? readAt : System.nanoTime();
  }
}
