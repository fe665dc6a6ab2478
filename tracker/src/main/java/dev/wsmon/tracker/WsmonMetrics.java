package dev.wsmon.tracker;

import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.FeedDelta;
import dev.wsmon.core.ProtocolDelta;
import dev.wsmon.tracker.impl.HistogramValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * wsmon's Micrometer meters. {@link StatsTrackerVerticle} binds one to the registry it is given and
 * feeds it as events and traffic batches arrive, so counters and gauges equal the stats snapshot
 * until a {@code stats.reset} (meters stay monotonic: a reset does not touch them).
 *
 * <table>
 *   <caption>Meters (tag {@code group}; {@code connection} too when opted in)</caption>
 *   <tr><th>name</th><th>type</th><th>base unit</th></tr>
 *   <tr><td>{@code wsmon.connection.attempts}</td><td>counter</td><td>attempts</td></tr>
 *   <tr><td>{@code wsmon.connection.successes}</td><td>counter</td><td>connections</td></tr>
 *   <tr><td>{@code wsmon.connection.failures}</td><td>counter</td><td>attempts</td></tr>
 *   <tr><td>{@code wsmon.connection.attempts.abandoned}</td><td>counter</td><td>attempts</td></tr>
 *   <tr><td>{@code wsmon.connection.disconnections}</td><td>counter</td><td>disconnections</td></tr>
 *   <tr><td>{@code wsmon.connection.reconnections}</td><td>counter</td><td>connections</td></tr>
 *   <tr><td>{@code wsmon.connections.active}</td><td>gauge</td><td>connections</td></tr>
 *   <tr><td>{@code wsmon.connections.degraded}</td><td>gauge (monitor probes; registered on first
 *       use)</td><td>connections</td></tr>
 *   <tr><td>{@code wsmon.connection.latency}</td><td>timer</td><td>registry's time unit</td></tr>
 *   <tr><td>{@code wsmon.messages.sent}, {@code wsmon.messages.received}</td><td>counter</td>
 *       <td>messages</td></tr>
 *   <tr><td>{@code wsmon.bytes.sent}, {@code wsmon.bytes.received}</td><td>counter</td>
 *       <td>bytes</td></tr>
 *   <tr><td>{@code wsmon.send.failures}, {@code wsmon.request.timeouts}, {@code
 *       wsmon.requests.abandoned}, {@code wsmon.protocol.errors}</td><td>counter</td>
 *       <td>errors</td></tr>
 *   <tr><td>{@code wsmon.close.codes} (extra tag {@code code})</td><td>counter</td>
 *       <td>disconnections</td></tr>
 *   <tr><td>{@code wsmon.rtt}, {@code wsmon.ping.rtt}</td><td>timer</td>
 *       <td>registry's time unit</td></tr>
 *   <tr><td>{@code wsmon.feed.gaps}, {@code wsmon.feed.missing}, {@code wsmon.feed.duplicates},
 *       {@code wsmon.feed.out_of_order} (feed monitoring only)</td><td>counter</td><td>none</td></tr>
 *   <tr><td>{@code wsmon.feed.e2e.latency} (feed monitoring only)</td><td>timer</td>
 *       <td>registry's time unit</td></tr>
 *   <tr><td>{@code wsmon.feed.stale} (feed monitoring only): 1 while any connection of the group
 *       is stale, else 0</td><td>gauge</td><td>none</td></tr>
 *   <tr><td>{@code wsmon.protocol.handshake.latency} (protocol only)</td><td>timer</td>
 *       <td>registry's time unit</td></tr>
 *   <tr><td>{@code wsmon.protocol.heartbeats.sent}, {@code wsmon.protocol.heartbeats.received},
 *       {@code wsmon.protocol.session.errors} (protocol only)</td><td>counter</td><td>none</td></tr>
 *   <tr><td>{@code wsmon.protocol.channel.messages.received} (protocol only, extra tag {@code
 *       channel})</td><td>counter</td><td>messages</td></tr>
 *   <tr><td>{@code wsmon.protocol.channel.bytes.received} (protocol only, extra tag {@code
 *       channel})</td><td>counter</td><td>bytes</td></tr>
 *   <tr><td>{@code wsmon.protocol.channel.feed.gaps}, {@code .missing}, {@code .duplicates},
 *       {@code .out_of_order} (channels with feed data, extra tag {@code channel})</td>
 *       <td>counter</td><td>none</td></tr>
 *   <tr><td>{@code wsmon.protocol.channel.feed.e2e.latency} (channels with feed data, extra tag
 *       {@code channel})</td><td>timer</td><td>registry's time unit</td></tr>
 * </table>
 *
 * <p>Feed meters are registered the first time a group's traffic carries feed data. Counters are
 * monotonic: {@code wsmon.feed.gaps} and {@code wsmon.feed.missing} count gaps and missing numbers
 * when they are seen and do not go down when a late message fills a gap (the snapshot's {@code
 * feed.gaps} and {@code feed.missing} do), so they may exceed the snapshot by the gaps filled late.
 * The per-channel feed counters ({@code wsmon.protocol.channel.feed.*}) count the same way, from
 * the snapshot's {@code protocol.channels.<channel>.feed}.
 *
 * <p>Channel meters (tag {@code channel}: the Socket.IO event, STOMP destination or graphql-ws
 * subscription) are registered the first time a channel is seen, at most {@link #MAX_CHANNELS} per
 * meter set; further channels count under the channel {@code (other)}.
 *
 * <p>Meters are built once per group (or per connection when {@code connectionTags} is on), the
 * first time the group is seen; the hot path only increments and records. Bind to one registry (use
 * a {@code CompositeMeterRegistry} for several).
 */
public class WsmonMetrics implements MeterBinder {

  private final boolean connectionTags;
  private final Map<String, Meters> meters = new ConcurrentHashMap<>();
  private volatile MeterRegistry registry;

  /** Meters tagged by group only. */
  public WsmonMetrics() {
    this(false);
  }

  /**
   * Meters tagged by group, and by connection when {@code connectionTags}.
   *
   * @param connectionTags whether to add a {@code connection} tag (one meter set per connection)
   */
  public WsmonMetrics(boolean connectionTags) {
    this.connectionTags = connectionTags;
  }

  /**
   * Binds to {@code registry}; meters of groups already seen are built at once.
   *
   * @param registry the registry
   * @throws IllegalStateException when already bound to another registry
   */
  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    if (this.registry != null && this.registry != registry) {
      throw new IllegalStateException(
          "WsmonMetrics is bound to a registry already; use a CompositeMeterRegistry for several");
    }
    this.registry = registry;
  }

  /** Whether meters carry a {@code connection} tag. */
  public boolean connectionTags() {
    return connectionTags;
  }

  /**
   * The meters that record what connection {@code connectionId} of {@code group} does: the group's
   * shared set, or the connection's own when connection tags are on. Built on the first call.
   *
   * @param group the group label
   * @param connectionId the connection id
   * @return the meters
   * @throws IllegalStateException when not bound to a registry yet
   */
  public Meters meters(String group, String connectionId) {
    MeterRegistry bound = registry;
    if (bound == null) {
      throw new IllegalStateException("WsmonMetrics is not bound to a registry yet: call bindTo");
    }
    String key = connectionTags ? group + '\u0000' + connectionId : group;
    return meters.computeIfAbsent(
        key,
        k ->
            new Meters(
                bound,
                connectionTags
                    ? Tags.of("group", group, "connection", connectionId)
                    : Tags.of("group", group)));
  }

  /** Lowest latency the timers' Prometheus histogram buckets resolve: 10 µs. */
  public static final java.time.Duration MIN_EXPECTED_LATENCY = java.time.Duration.ofNanos(10_000);

  /** Highest latency the timers' Prometheus histogram buckets resolve: 60 s. */
  public static final java.time.Duration MAX_EXPECTED_LATENCY = java.time.Duration.ofSeconds(60);

  /**
   * Distinct {@code channel} tag values per group (or connection); more count as {@code (other)}.
   */
  public static final int MAX_CHANNELS = 200;

  /** The {@code channel} tag of the channels beyond {@link #MAX_CHANNELS}. */
  public static final String OTHER_CHANNEL = "(other)";

  static Timer timer(MeterRegistry registry, Tags tags, String name, String description) {
    return Timer.builder(name)
        .description(description)
        .tags(tags)
        .publishPercentileHistogram()
        .minimumExpectedValue(MIN_EXPECTED_LATENCY)
        .maximumExpectedValue(MAX_EXPECTED_LATENCY)
        .register(registry);
  }

  /** The meters of one group (or one connection); methods are cheap and never allocate meters. */
  public static final class Meters {

    private final MeterRegistry registry;
    private final Tags tags;
    private final AtomicLong active = new AtomicLong();
    private final Counter attempts;
    private final Counter successes;
    private final Counter failures;
    private final Counter abandoned;
    private final Counter disconnections;
    private final Counter reconnections;
    private final Timer connectLatency;
    private final Counter messagesSent;
    private final Counter messagesReceived;
    private final Counter bytesSent;
    private final Counter bytesReceived;
    private final Counter sendFailures;
    private final Counter requestTimeouts;
    private final Counter requestsAbandoned;
    private final Counter protocolErrors;
    private final Timer rtt;
    private final Timer pingRtt;
    private final Map<Integer, Counter> closeCodes = new ConcurrentHashMap<>();
    private final AtomicLong staleConnections = new AtomicLong();
    private AtomicLong degraded;
    private Counter feedGaps;
    private Counter feedMissing;
    private Counter feedDuplicates;
    private Counter feedOutOfOrder;
    private Timer feedE2e;
    private Counter protocolHeartbeatsSent;
    private Counter protocolHeartbeatsReceived;
    private Counter protocolSessionErrors;
    private Timer protocolHandshake;
    private final Map<String, ChannelMeters> channels = new ConcurrentHashMap<>();

    private Meters(MeterRegistry registry, Tags tags) {
      this.registry = registry;
      this.tags = tags;
      attempts = counter("wsmon.connection.attempts", "Connection attempts started", null);
      successes = counter("wsmon.connection.successes", "Handshakes completed", null);
      failures = counter("wsmon.connection.failures", "Attempts ended without a handshake", null);
      abandoned =
          counter(
              "wsmon.connection.attempts.abandoned",
              "Attempts in flight when wsmon closed the connection itself",
              null);
      disconnections =
          counter(
              "wsmon.connection.disconnections",
              "Established connections lost (wsmon's own close excluded)",
              null);
      reconnections =
          counter(
              "wsmon.connection.reconnections",
              "Successes of connections that had succeeded before",
              null);
      Gauge.builder("wsmon.connections.active", active, AtomicLong::get)
          .description("Connections currently open")
          .tags(tags)
          .strongReference(true)
          .register(registry);
      connectLatency =
          timer(
              "wsmon.connection.latency",
              "Connect latency: DNS, pool wait, TCP, TLS and WebSocket upgrade");
      messagesSent = counter("wsmon.messages.sent", "Whole messages sent", null);
      messagesReceived = counter("wsmon.messages.received", "Whole messages received", null);
      bytesSent = counter("wsmon.bytes.sent", "Payload bytes sent", "bytes");
      bytesReceived = counter("wsmon.bytes.received", "Payload bytes received", "bytes");
      sendFailures = counter("wsmon.send.failures", "Sends that failed", null);
      requestTimeouts =
          counter("wsmon.request.timeouts", "Correlated requests that timed out", null);
      requestsAbandoned =
          counter(
              "wsmon.requests.abandoned",
              "Correlated requests sent but unanswered when their connection closed",
              null);
      protocolErrors =
          counter("wsmon.protocol.errors", "Protocol errors seen from the server", null);
      rtt = timer("wsmon.rtt", "Message round-trip time by correlation");
      pingRtt = timer("wsmon.ping.rtt", "Ping/pong round-trip time");
    }

    /** Counts an attempt. */
    public void attempt() {
      attempts.increment();
    }

    /**
     * Counts a success and records its connect latency.
     *
     * @param latencyMs connect latency in ms, or {@code null} when unknown
     * @param reconnection whether the connection had succeeded before
     */
    public void success(Double latencyMs, boolean reconnection) {
      successes.increment();
      if (reconnection) {
        reconnections.increment();
      }
      if (latencyMs != null) {
        connectLatency.record(Math.round(latencyMs * 1000.0), TimeUnit.MICROSECONDS);
      }
    }

    /** Counts a failed attempt. */
    public void failure() {
      failures.increment();
    }

    /** Counts an attempt abandoned by wsmon's own close. */
    public void abandoned() {
      abandoned.increment();
    }

    /**
     * Counts a disconnection and its close code.
     *
     * @param closeCode the close code, or {@code null} when none is known
     */
    public void disconnection(Integer closeCode) {
      disconnections.increment();
      if (closeCode != null) {
        closeCodes
            .computeIfAbsent(
                closeCode,
                code ->
                    Counter.builder("wsmon.close.codes")
                        .description("Disconnections by WebSocket close code")
                        .tags(tags)
                        .tag("code", String.valueOf(code))
                        .register(registry))
            .increment();
      }
    }

    /**
     * Moves the degraded-connections gauge {@code wsmon.connections.degraded}, registered on first
     * use (monitor probes).
     *
     * @param on true when a connection became degraded, false when it stopped being so
     */
    public void degraded(boolean on) {
      if (degraded == null) {
        AtomicLong gauge = new AtomicLong();
        Gauge.builder("wsmon.connections.degraded", gauge, AtomicLong::get)
            .description("Open connections whose health probe failed")
            .tags(tags)
            .strongReference(true)
            .register(registry);
        degraded = gauge;
      }
      degraded.addAndGet(on ? 1 : -1);
    }

    /**
     * Moves the active-connections gauge.
     *
     * @param up true when a connection opened, false when an open one closed
     */
    public void connected(boolean up) {
      active.addAndGet(up ? 1 : -1);
    }

    /**
     * Adds the counters of one traffic delta (not its histograms: see {@link #rtt} and {@link
     * #pingRtt}).
     *
     * @param delta the delta
     */
    public void traffic(ConnectionDelta delta) {
      add(messagesSent, delta.messagesSent());
      add(messagesReceived, delta.messagesReceived());
      add(bytesSent, delta.bytesSent());
      add(bytesReceived, delta.bytesReceived());
      add(sendFailures, delta.sendFailures());
      add(requestTimeouts, delta.requestTimeouts());
      add(requestsAbandoned, delta.requestsAbandoned());
      add(protocolErrors, delta.protocolErrors());
    }

    /**
     * Records {@code count} message round trips of {@code micros}.
     *
     * @param micros the round-trip time in microseconds
     * @param count how many
     */
    public void rtt(long micros, long count) {
      record(rtt, micros, count);
    }

    /**
     * Records {@code count} ping round trips of {@code micros}.
     *
     * @param micros the round-trip time in microseconds
     * @param count how many
     */
    public void pingRtt(long micros, long count) {
      record(pingRtt, micros, count);
    }

    /**
     * Adds the feed counters of one traffic delta (not its histograms: see {@link #feedE2e}),
     * registering the feed meters on first use.
     *
     * @param feed the feed part of a delta
     * @param staleChange +1 when the connection went stale, -1 when it recovered, else 0
     */
    public void feed(FeedDelta feed, int staleChange) {
      ensureFeedMeters();
      add(feedGaps, Math.max(0, feed.netGaps()));
      add(feedMissing, Math.max(0, feed.missing()));
      add(feedDuplicates, feed.duplicates());
      add(feedOutOfOrder, feed.outOfOrder());
      if (staleChange != 0) {
        staleConnections.addAndGet(staleChange);
      }
    }

    /**
     * Records {@code count} end-to-end latencies of {@code micros}.
     *
     * @param micros server timestamp to receive time, microseconds
     * @param count how many
     */
    public void feedE2e(long micros, long count) {
      ensureFeedMeters();
      record(feedE2e, micros, count);
    }

    /**
     * Adds the protocol layer's counters, handshake latencies and per-channel counts and feed
     * metrics of one traffic delta, registering the protocol and channel meters on first use.
     *
     * @param protocol the protocol part of a delta
     */
    public void protocol(ProtocolDelta protocol) {
      if (protocolHandshake == null) {
        protocolHeartbeatsSent =
            counter("wsmon.protocol.heartbeats.sent", "Protocol heartbeats sent", null);
        protocolHeartbeatsReceived =
            counter("wsmon.protocol.heartbeats.received", "Protocol heartbeats received", null);
        protocolSessionErrors =
            counter(
                "wsmon.protocol.session.errors",
                "Protocol-level errors (connect_error, ERROR frames, heartbeat silence)",
                null);
        protocolHandshake =
            timer(
                "wsmon.protocol.handshake.latency",
                "Protocol handshake latency: end of the upgrade to the handshake reply");
      }
      add(protocolHeartbeatsSent, protocol.heartbeatsSent());
      add(protocolHeartbeatsReceived, protocol.heartbeatsReceived());
      long errors = 0;
      for (long n : protocol.errors().values()) {
        errors += n;
      }
      add(protocolSessionErrors, errors);
      if (protocol.handshake() != null) {
        HistogramValues.forEach(
            protocol.handshake(), (micros, count) -> record(protocolHandshake, micros, count));
      }
      protocol.channels().forEach((name, counts) -> channel(name).received(counts[0], counts[1]));
      protocol.channelFeeds().forEach((name, feed) -> channel(name).feed(feed));
    }

    private void ensureFeedMeters() {
      if (feedE2e != null) {
        return;
      }
      feedGaps = counter("wsmon.feed.gaps", "Feed sequence gaps seen", null);
      feedMissing = counter("wsmon.feed.missing", "Feed messages lost in gaps", null);
      feedDuplicates =
          counter("wsmon.feed.duplicates", "Feed messages whose sequence number repeated", null);
      feedOutOfOrder =
          counter(
              "wsmon.feed.out_of_order", "Feed messages that arrived after a higher number", null);
      Gauge.builder("wsmon.feed.stale", staleConnections, n -> n.get() > 0 ? 1 : 0)
          .description("1 while a connection's feed is silent for longer than maxSilence")
          .tags(tags)
          .strongReference(true)
          .register(registry);
      feedE2e = timer("wsmon.feed.e2e.latency", "Feed end-to-end latency: server time to receipt");
    }

    /** Counts carry no base unit: Prometheus would append it to the name. Bytes keep theirs. */
    private Counter counter(String name, String description, String unit) {
      return Counter.builder(name)
          .description(description)
          .baseUnit(unit)
          .tags(tags)
          .register(registry);
    }

    private Timer timer(String name, String description) {
      return WsmonMetrics.timer(registry, tags, name, description);
    }

    private ChannelMeters channel(String name) {
      ChannelMeters c = channels.get(name);
      if (c != null) {
        return c;
      }
      String key = channels.size() >= MAX_CHANNELS ? OTHER_CHANNEL : name;
      return channels.computeIfAbsent(
          key, k -> new ChannelMeters(registry, tags.and("channel", k)));
    }

    private static void add(Counter counter, long amount) {
      if (amount != 0) {
        counter.increment(amount);
      }
    }

    private static void record(Timer timer, long micros, long count) {
      for (long i = 0; i < count; i++) {
        timer.record(micros, TimeUnit.MICROSECONDS);
      }
    }
  }
}
