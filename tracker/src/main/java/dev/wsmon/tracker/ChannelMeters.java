package dev.wsmon.tracker;

import dev.wsmon.core.FeedDelta;
import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.tracker.impl.HistogramValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one protocol channel (Socket.IO event, STOMP destination, graphql-ws subscription)
 * of a group or connection: {@code wsmon.protocol.channel.*}, tagged like their meter set plus
 * {@code channel}. The feed meters are registered the first time the channel carries feed data and
 * count like {@code wsmon.feed.*}.
 */
final class ChannelMeters {

  private final MeterRegistry registry;
  private final Tags tags;
  private final Counter messagesReceived;
  private final Counter bytesReceived;
  private Counter feedGaps;
  private Counter feedMissing;
  private Counter feedDuplicates;
  private Counter feedOutOfOrder;
  private Timer feedE2e;

  ChannelMeters(MeterRegistry registry, Tags tags) {
    this.registry = registry;
    this.tags = tags;
    messagesReceived =
        counter(
            "wsmon.protocol.channel.messages.received",
            "Application messages received on a protocol channel",
            null);
    bytesReceived =
        counter(
            "wsmon.protocol.channel.bytes.received",
            "Payload bytes of the application messages received on a protocol channel",
            "bytes");
  }

  void received(long messages, long bytes) {
    add(messagesReceived, messages);
    add(bytesReceived, bytes);
  }

  void feed(FeedDelta feed) {
    if (feedE2e == null) {
      feedGaps = counter("wsmon.protocol.channel.feed.gaps", "Channel feed gaps seen", null);
      feedMissing =
          counter(
              "wsmon.protocol.channel.feed.missing", "Channel feed messages lost in gaps", null);
      feedDuplicates =
          counter(
              "wsmon.protocol.channel.feed.duplicates",
              "Channel feed messages whose sequence number repeated",
              null);
      feedOutOfOrder =
          counter(
              "wsmon.protocol.channel.feed.out_of_order",
              "Channel feed messages that arrived after a higher number",
              null);
      feedE2e =
          WsmonMetrics.timer(
              registry,
              tags,
              "wsmon.protocol.channel.feed.e2e.latency",
              "Channel feed end-to-end latency: server time to receipt");
    }
    add(feedGaps, Math.max(0, feed.netGaps()));
    add(feedMissing, Math.max(0, feed.missing()));
    add(feedDuplicates, feed.duplicates());
    add(feedOutOfOrder, feed.outOfOrder());
    if (feed.e2e() != null) {
      HistogramValues.forEach(
          feed.e2e(),
          (micros, count) -> {
            long capped = Math.min(micros, LatencyHistograms.HIGHEST_MICROS);
            for (long i = 0; i < count; i++) {
              feedE2e.record(capped, TimeUnit.MICROSECONDS);
            }
          });
    }
  }

  private Counter counter(String name, String description, String unit) {
    return Counter.builder(name)
        .description(description)
        .baseUnit(unit)
        .tags(tags)
        .register(registry);
  }

  private static void add(Counter counter, long amount) {
    if (amount != 0) {
      counter.increment(amount);
    }
  }
}
