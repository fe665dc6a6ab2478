package dev.wsmon.testkit.impl;

import dev.wsmon.testkit.FaultSpec;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Supplier;

/**
 * A Netty handler placed before Vert.x's WebSocket handler: Vert.x answers every ping itself, with
 * no option to turn that off, so pings are counted here and swallowed while {@code no-pong} is on.
 */
public final class PingFilter extends ChannelInboundHandlerAdapter {

  public static final String NAME = "wsmon-ping-filter";

  private final Supplier<FaultSpec> faults;
  private final ServerCounters counters;

  public PingFilter(Supplier<FaultSpec> faults, ServerCounters counters) {
    this.faults = faults;
    this.counters = counters;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof PingWebSocketFrame) {
      counters.pingsReceived.increment();
      if (faults.get().isNoPong()) {
        ReferenceCountUtil.release(msg);
        return;
      }
      counters.pongsSent.increment();
    }
    ctx.fireChannelRead(msg);
  }
}
