package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ReadClock: one clock read per socket read")
class ReadClockTest {

  @Test
  @DisplayName("every message decoded from one read sees the read's time; outside a read, now")
  void oneReadOneTime() {
    ReadClock clock = new ReadClock();
    List<Long> seen = new ArrayList<>();
    ChannelInboundHandlerAdapter decoder =
        new ChannelInboundHandlerAdapter() {
          @Override
          public void channelRead(ChannelHandlerContext ctx, Object msg) {
            // one read carrying three messages, handled one after the other
            for (int i = 0; i < 3; i++) {
              seen.add(clock.now());
              long until = System.nanoTime() + 200_000;
              while (System.nanoTime() < until) {
                Thread.onSpinWait();
              }
            }
          }
        };
    EmbeddedChannel channel = new EmbeddedChannel(clock, decoder);
    long before = System.nanoTime();
    channel.writeInbound("bytes");
    long outside = clock.now();

    assertThat(seen).hasSize(3);
    assertThat(seen.get(0)).isGreaterThanOrEqualTo(before);
    assertThat(seen).containsOnly(seen.get(0));
    assertThat(outside - seen.get(0)).isGreaterThanOrEqualTo(600_000);
    channel.finishAndReleaseAll();
  }
}
