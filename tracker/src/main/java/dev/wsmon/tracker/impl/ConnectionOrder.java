package dev.wsmon.tracker.impl;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order of connections in a snapshot: by connection number ({@code c-2} before {@code c-10}),
 * and in cluster runs by agent, then number ({@code a:c-2} before {@code a:c-10} before {@code
 * b:c-1}). Ids of another shape sort by their text, after the numbered ones of the same prefix. The
 * sort keys exist only while sorting: kept per connection they would cost 32 bytes each.
 */
final class ConnectionOrder {

  private static final Pattern NUMBERED = Pattern.compile("(.*)c-(\\d{1,18})");

  private static final Comparator<ConnectionOrder> ORDER =
      Comparator.<ConnectionOrder, String>comparing(o -> o.prefix)
          .thenComparingLong(o -> o.number)
          .thenComparing(o -> o.stats.id);

  private final ConnectionStats stats;
  private final String prefix;
  private final long number;

  private ConnectionOrder(ConnectionStats stats) {
    this.stats = stats;
    Matcher m = NUMBERED.matcher(stats.id);
    if (m.matches()) {
      prefix = m.group(1);
      number = Long.parseLong(m.group(2));
    } else {
      prefix = stats.id;
      number = Long.MAX_VALUE;
    }
  }

  /** Sorts {@code connections} in place into snapshot order. */
  static void sort(List<ConnectionStats> connections) {
    ConnectionOrder[] keys = new ConnectionOrder[connections.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new ConnectionOrder(connections.get(i));
    }
    Arrays.sort(keys, ORDER);
    for (int i = 0; i < keys.length; i++) {
      connections.set(i, keys[i].stats);
    }
  }
}
