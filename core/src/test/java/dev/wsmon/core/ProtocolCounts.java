package dev.wsmon.core;

import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The protocol parts of a recorder's traffic batches, summed for one connection. */
final class ProtocolCounts {

  String name;
  long handshakes;
  long heartbeatsSent;
  long heartbeatsReceived;
  final Map<String, Long> errors = new HashMap<>();
  final Map<String, Long> channelMessages = new HashMap<>();
  final Map<String, Long> channelBytes = new HashMap<>();

  /** Per channel: gaps, missing, duplicates, out of order, end-to-end latencies recorded. */
  final Map<String, long[]> channelFeeds = new HashMap<>();

  long rttCount;

  static ProtocolCounts of(EventRecorder rec, String id) {
    ProtocolCounts c = new ProtocolCounts();
    for (TrafficBatch b : rec.batches()) {
      for (ConnectionDelta d : b.deltas()) {
        if (!d.connectionId().equals(id)) {
          continue;
        }
        Histogram rtt = d.rtt();
        if (rtt != null) {
          c.rttCount += rtt.getTotalCount();
        }
        ProtocolDelta p = d.protocol();
        if (p == null) {
          continue;
        }
        c.name = p.name();
        c.handshakes += p.handshake() == null ? 0 : p.handshake().getTotalCount();
        c.heartbeatsSent += p.heartbeatsSent();
        c.heartbeatsReceived += p.heartbeatsReceived();
        p.errors().forEach((k, v) -> c.errors.merge(k, v, Long::sum));
        p.channels()
            .forEach(
                (k, v) -> {
                  c.channelMessages.merge(k, v[0], Long::sum);
                  c.channelBytes.merge(k, v[1], Long::sum);
                });
        p.channelFeeds()
            .forEach(
                (k, f) -> {
                  long[] sum = c.channelFeeds.computeIfAbsent(k, x -> new long[5]);
                  sum[0] += f.gaps() - f.filled();
                  sum[1] += f.missing();
                  sum[2] += f.duplicates();
                  sum[3] += f.outOfOrder();
                  sum[4] += f.e2e() == null ? 0 : f.e2e().getTotalCount();
                });
      }
    }
    return c;
  }

  long messages(String channel) {
    return channelMessages.getOrDefault(channel, 0L);
  }
}
