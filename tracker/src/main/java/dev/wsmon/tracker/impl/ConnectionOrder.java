package dev.wsmon.tracker.impl;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order of connections in a snapshot: by connection number ({@code c-2} before {@code c-10}),
 * and in cluster runs by agent, then number ({@code a:c-2} before {@code a:c-10} before {@code
 * b:c-1}). Ids of another shape sort by their text, after the numbered ones of the same prefix.
 */
final class ConnectionOrder {

  private static final Pattern NUMBERED = Pattern.compile("(.*)c-(\\d{1,18})");

  static final Comparator<ConnectionOrder> ORDER =
      Comparator.<ConnectionOrder, String>comparing(o -> o.prefix)
          .thenComparingLong(o -> o.number)
          .thenComparing(o -> o.id);

  final String id;
  private final String prefix;
  private final long number;

  ConnectionOrder(String id) {
    this.id = id;
    Matcher m = NUMBERED.matcher(id);
    if (m.matches()) {
      prefix = m.group(1);
      number = Long.parseLong(m.group(2));
    } else {
      prefix = id;
      number = Long.MAX_VALUE;
    }
  }
}
