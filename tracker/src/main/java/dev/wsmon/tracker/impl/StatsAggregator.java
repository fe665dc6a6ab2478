package dev.wsmon.tracker.impl;

import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.FeedDelta;
import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.core.TrafficBatch;
import dev.wsmon.core.internal.AttemptOutcomes;
import dev.wsmon.tracker.HistogramSummary;
import dev.wsmon.tracker.TrackerOptions;
import dev.wsmon.tracker.WsmonMetrics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * All of the tracker's state: per-connection stats, per-group and total scopes, event history and
 * time series. Single-threaded: the verticle calls it on its event loop only. Ingestion updates
 * counters and histograms in place; JSON is built only by the query methods.
 */
public final class StatsAggregator {

  private final boolean trackEvents;
  private final WsmonMetrics metrics;
  private final TrackerClock clock;
  // a plain HashMap: its entries are 8 bytes smaller than a LinkedHashMap's; inOrder keeps order
  private final Map<String, ConnectionStats> connections = new HashMap<>();
  private final List<ConnectionStats> inOrder = new ArrayList<>();
  private boolean orderStale;
  private final Map<String, Scope> groups = new LinkedHashMap<>();
  private final Scope total = new Scope("total", StatsAggregator::plainHistogram);
  private final EventHistory history;
  private final TimeSeries series;
  // created by the first round trip (a plain histogram is about 190 KB)
  private Histogram intervalRtt;
  private final Histogram intervalConnectLatency = plainHistogram();
  private final LatencySink rttSink = new LatencySink(LatencySink.RTT);
  private final LatencySink rttActualSink = new LatencySink(LatencySink.RTT_ACTUAL);
  private final LatencySink sendLagSink = new LatencySink(LatencySink.SEND_LAG);
  private final LatencySink pingSink = new LatencySink(LatencySink.PING);
  private final LatencySink interArrivalSink = new LatencySink(LatencySink.INTER_ARRIVAL);
  private final LatencySink e2eSink = new LatencySink(LatencySink.E2E);

  private Instant startedAt;
  private long startedAtNanos;
  private long lastSampleNanos;
  private long attempts;
  private long failures;
  private long disconnections;
  private long reconnections;
  private long intervalMessagesSent;
  private long intervalMessagesReceived;
  private long intervalBytesSent;
  private long intervalBytesReceived;
  private boolean feedInUse;
  private boolean probesInUse;
  private boolean scheduledInUse;
  private long feedGaps;

  /**
   * @param options history and series capacities, whether to keep events
   * @param metrics the meters to feed, or {@code null}
   * @param clock the time source
   */
  public StatsAggregator(TrackerOptions options, WsmonMetrics metrics, TrackerClock clock) {
    this.trackEvents = options.isTrackEvents();
    this.metrics = metrics;
    this.clock = clock;
    this.history = new EventHistory(options.getHistorySize());
    this.series = new TimeSeries(options.getSeriesCapacity());
    this.startedAt = clock.now();
    this.startedAtNanos = clock.nanoTime();
    this.lastSampleNanos = startedAtNanos;
  }

  /** Applies one lifecycle event. */
  public void onEvent(ConnectionEvent event) {
    long now = clock.nanoTime();
    ConnectionStats c = connection(event.connectionId(), event.group(), now);
    if (AttemptOutcomes.abandons(c.attemptInFlight, event.type())) {
      abandoned(c);
    }
    c.attemptInFlight = AttemptOutcomes.inFlightAfter(c.attemptInFlight, event.type());
    switch (event.type()) {
      case ATTEMPT -> attempt(c);
      case CONNECTED -> connected(c, event.durationMs(), now);
      case FAILED -> failed(c);
      case DISCONNECTED -> disconnected(c, event, now);
      case CLOSED -> down(c, now);
      default -> {
        // history and state only
      }
    }
    ConnectionState before = c.state;
    c.state = event.state();
    if ((before == ConnectionState.DEGRADED) != (c.state == ConnectionState.DEGRADED)) {
      degraded(c, c.state == ConnectionState.DEGRADED);
    }
    boolean open = c.state == ConnectionState.CONNECTED || c.state == ConnectionState.DEGRADED;
    if (open != c.connected) {
      if (c.connected) {
        down(c, now);
      } else {
        up(c, now);
      }
    }
    if (trackEvents) {
      history.add(event);
    }
  }

  /** Applies one traffic batch. */
  public void onBatch(TrafficBatch batch) {
    long now = clock.nanoTime();
    for (ConnectionDelta delta : batch.deltas()) {
      ConnectionStats c = connection(delta.connectionId(), delta.group(), now);
      c.add(delta);
      c.followRequests(delta);
      intervalMessagesSent += delta.messagesSent();
      intervalMessagesReceived += delta.messagesReceived();
      intervalBytesSent += delta.bytesSent();
      intervalBytesReceived += delta.bytesReceived();
      if (c.meters != null) {
        c.meters.traffic(delta);
      }
      if (delta.rtt() != null) {
        rttSink.target = c;
        c.trafficNow().expectRtt(LatencyHistograms.storageLongs(delta.rtt()));
        HistogramValues.forEach(delta.rtt(), rttSink);
      }
      if (delta.rttActual() != null) {
        scheduledInUse = true;
        rttActualSink.target = c;
        HistogramValues.forEach(delta.rttActual(), rttActualSink);
      }
      if (delta.sendLag() != null) {
        scheduledInUse = true;
        sendLagSink.target = c;
        HistogramValues.forEach(delta.sendLag(), sendLagSink);
      }
      if (delta.pingRtt() != null) {
        pingSink.target = c;
        HistogramValues.forEach(delta.pingRtt(), pingSink);
      }
      if (delta.feed() != null) {
        onFeed(c, delta.feed());
      }
      if (delta.protocol() != null) {
        ConnectionTraffic t = c.trafficNow();
        if (t.protocol == null) {
          t.protocol = new ProtocolStats();
        }
        t.protocol.apply(delta.protocol());
        if (c.meters != null) {
          c.meters.protocol(delta.protocol());
        }
      }
    }
  }

  private void onFeed(ConnectionStats c, FeedDelta f) {
    ConnectionTraffic t = c.trafficNow();
    if (t.feed == null) {
      t.feed = new FeedStats();
    }
    int staleChange = t.feed.apply(f);
    feedInUse = true;
    feedGaps += f.netGaps();
    if (c.meters != null) {
      c.meters.feed(f, staleChange);
    }
    if (f.interArrival() != null) {
      interArrivalSink.target = c;
      HistogramValues.forEach(f.interArrival(), interArrivalSink);
    }
    if (f.e2e() != null) {
      e2eSink.target = c;
      HistogramValues.forEach(f.e2e(), e2eSink);
    }
  }

  /** Ends a sample interval: takes the current rates and appends one time-series point. */
  public void sample() {
    long now = clock.nanoTime();
    long intervalNanos = now - lastSampleNanos;
    if (intervalNanos <= 0) {
      return;
    }
    double seconds = intervalNanos / 1e9;
    for (ConnectionStats c : inOrder) {
      c.sample(seconds);
    }
    HistogramSummary rtt = HistogramSummary.of(intervalRtt);
    HistogramSummary connect = HistogramSummary.of(intervalConnectLatency);
    series.add(
        new SeriesPoint(
            clock.now(),
            intervalNanos,
            total.connections,
            total.connected,
            attempts,
            failures,
            disconnections,
            reconnections,
            intervalMessagesSent / seconds,
            intervalMessagesReceived / seconds,
            intervalBytesSent / seconds,
            intervalBytesReceived / seconds,
            rtt.p50Ms(),
            rtt.p90Ms(),
            rtt.p99Ms(),
            rtt.maxMs(),
            connect.p50Ms(),
            connect.p99Ms(),
            feedInUse ? feedGaps : null));
    clearInterval();
    lastSampleNanos = now;
  }

  /**
   * Moves the run clock's start to {@code nanosAgo} nanoseconds before now, clearing nothing.
   *
   * @param nanosAgo how long ago the run started, in nanoseconds
   */
  public void markStarted(long nanosAgo) {
    long ago = Math.max(0, nanosAgo);
    startedAtNanos = clock.nanoTime() - ago;
    startedAt = clock.now().minusNanos(ago);
  }

  /**
   * Clears counters, histograms, close codes, history and series and restarts the run clock; live
   * connections stay connected, keep their state, and their session uptime restarts now.
   */
  public void reset() {
    long now = clock.nanoTime();
    startedAt = clock.now();
    startedAtNanos = now;
    lastSampleNanos = now;
    attempts = 0;
    for (ConnectionStats c : inOrder) {
      c.reset(now);
      attempts += c.attempts;
    }
    for (Scope g : groups.values()) {
      g.clearHistograms();
      g.restart(now);
    }
    total.clearHistograms();
    total.restart(now);
    history.clear();
    series.clear();
    failures = 0;
    disconnections = 0;
    reconnections = 0;
    feedGaps = 0;
    clearInterval();
  }

  /** The whole snapshot document. */
  public JsonObject snapshotJson() {
    long now = clock.nanoTime();
    long elapsed = now - startedAtNanos;
    StatsFields totalFields = new StatsFields();
    Map<Scope, StatsFields> groupFields = new LinkedHashMap<>();
    JsonArray connectionsJson = new JsonArray(new ArrayList<>(connections.size()));
    for (ConnectionStats c : inOrder()) {
      StatsFields own = new StatsFields();
      own.add(c, now);
      totalFields.add(c, now);
      groupFields.computeIfAbsent(c.group, g -> new StatsFields()).add(c, now);
      connectionsJson.add(connectionJson(c, own, now, elapsed));
    }
    JsonObject groupsJson = new JsonObject();
    groupFields.forEach((g, f) -> groupsJson.put(g.name, scopeJson(g, f, now, elapsed)));
    JsonArray events = new JsonArray();
    history.newest(Integer.MAX_VALUE, null).forEach(e -> events.add(e.toJson()));
    return new JsonObject()
        .put("generated_at", clock.now().toString())
        .put("started_at", startedAt.toString())
        .put("elapsed_seconds", Rounding.seconds(elapsed))
        .put("total", scopeJson(total, totalFields, now, elapsed))
        .put("groups", groupsJson)
        .put("connections", connectionsJson)
        .put("events", events);
  }

  /** The connections by number ({@link ConnectionOrder}), sorted again only after an addition. */
  private List<ConnectionStats> inOrder() {
    if (orderStale) {
      ConnectionOrder.sort(inOrder);
      orderStale = false;
    }
    return inOrder;
  }

  /** The live stats of one connection, or {@code null} when unknown (for tests). */
  ConnectionStats connectionStats(String connectionId) {
    return connections.get(connectionId);
  }

  /** The stats object of one connection, or {@code null} when unknown. */
  public JsonObject connectionJson(String connectionId) {
    ConnectionStats c = connections.get(connectionId);
    if (c == null) {
      return null;
    }
    long now = clock.nanoTime();
    StatsFields own = new StatsFields();
    own.add(c, now);
    return connectionJson(c, own, now, now - startedAtNanos);
  }

  /** The stats object of one group, or {@code null} when unknown. */
  public JsonObject groupJson(String group) {
    Scope g = groups.get(group);
    if (g == null) {
      return null;
    }
    long now = clock.nanoTime();
    return scopeJson(g, fieldsOf(g, now), now, now - startedAtNanos);
  }

  /** The total stats object. */
  public JsonObject totalJson() {
    long now = clock.nanoTime();
    return scopeJson(total, fieldsOf(null, now), now, now - startedAtNanos);
  }

  /** The totals document: the snapshot's header keys and {@code total}, nothing per connection. */
  public JsonObject totalsJson() {
    long now = clock.nanoTime();
    long elapsed = now - startedAtNanos;
    return new JsonObject()
        .put("generated_at", clock.now().toString())
        .put("started_at", startedAt.toString())
        .put("elapsed_seconds", Rounding.seconds(elapsed))
        .put("total", scopeJson(total, fieldsOf(null, now), now, elapsed));
  }

  /** Whether {@code connectionId} has been seen. */
  public boolean knowsConnection(String connectionId) {
    return connections.containsKey(connectionId);
  }

  /** The newest {@code limit} events (of {@code connectionId} when not null), oldest first. */
  public List<ConnectionEvent> history(int limit, String connectionId) {
    return history.newest(limit, connectionId);
  }

  /** The time-series points, oldest first. */
  public List<JsonObject> seriesJson() {
    List<SeriesPoint> points = series.points();
    List<JsonObject> json = new ArrayList<>(points.size());
    points.forEach(p -> json.add(p.toJson()));
    return json;
  }

  /** The one-line summary logged every stats interval. */
  public String summaryLine() {
    JsonObject t = totalJson();
    JsonObject rtt = t.getJsonObject("rtt_ms");
    return String.format(
        Locale.ROOT,
        "wsmon stats: up %d/%d, attempts %d, failures %d, reconnections %d, msgs/s in %s out %s,"
            + " rtt p50 %s ms p99 %s ms, health %s (%s)",
        t.getInteger("connected"),
        t.getInteger("connections"),
        t.getLong("connection_attempts"),
        t.getLong("failed_connections"),
        t.getLong("reconnections"),
        orDash(t.getValue("current_messages_received_per_second")),
        orDash(t.getValue("current_messages_sent_per_second")),
        orDash(rtt.getValue("p50")),
        orDash(rtt.getValue("p99")),
        t.getValue("health_score"),
        t.getString("health"));
  }

  private static String orDash(Object value) {
    return value == null ? "-" : value.toString();
  }

  private StatsFields fieldsOf(Scope group, long now) {
    StatsFields fields = new StatsFields();
    for (ConnectionStats c : inOrder) {
      if (group == null || c.group == group) {
        fields.add(c, now);
      }
    }
    return fields;
  }

  private JsonObject connectionJson(ConnectionStats c, StatsFields f, long now, long elapsed) {
    JsonObject json =
        new JsonObject(new LinkedHashMap<>(64))
            .put("connection_id", c.id)
            .put("group", c.group.name);
    // cluster runs name connections <agent>:c-N; the agent is part of the contract's shape
    int agentEnd = c.id.lastIndexOf(":c-");
    if (agentEnd > 0) {
      json.put("agent", c.id.substring(0, agentEnd));
    }
    f.writeTo(
        json,
        now,
        elapsed,
        HistogramSummary.of(c.connectLatencies()),
        HistogramSummary.of(c.rttHistogram()),
        HistogramSummary.of(c.pingRttHistogram()),
        c.connected ? now - c.sessionStart : 0,
        c.connected);
    ConnectionTraffic t = c.traffic();
    if (scheduledInUse) {
      StatsFields.writeScheduled(
          json,
          HistogramSummary.of(t == null ? null : t.rttActual),
          HistogramSummary.of(t == null ? null : t.sendLag));
    }
    json.put("state", c.state == null ? null : c.state.name());
    f.writeHealth(json, c.connected ? 0 : 1);
    f.writeFeed(
        json,
        HistogramSummary.of(t == null ? null : t.feedInterArrival),
        HistogramSummary.of(t == null ? null : t.feedE2e));
    f.writeProtocol(json);
    return json;
  }

  private JsonObject scopeJson(Scope scope, StatsFields f, long now, long elapsed) {
    JsonObject json =
        new JsonObject(new LinkedHashMap<>(64))
            .put("connections", scope.connections)
            .put("connected", scope.connected);
    if (probesInUse) {
      json.put("degraded", scope.degraded);
    }
    f.writeTo(
        json,
        now,
        elapsed,
        HistogramSummary.of(scope.connectLatency),
        HistogramSummary.of(scope.rtt(false)),
        HistogramSummary.of(scope.pingRtt),
        scope.currentUptimeNanos(now),
        scope.allConnected());
    if (scheduledInUse) {
      StatsFields.writeScheduled(
          json,
          HistogramSummary.of(scope.rttActual(false)),
          HistogramSummary.of(scope.sendLag(false)));
    }
    f.writeHealth(json, scope.downFraction());
    f.writeFeed(
        json,
        HistogramSummary.of(scope.feedInterArrival(false)),
        HistogramSummary.of(scope.feedE2e(false)));
    f.writeProtocol(json);
    return json;
  }

  private ConnectionStats connection(String id, String group, long now) {
    ConnectionStats c = connections.get(id);
    if (c == null) {
      Scope scope = groups.computeIfAbsent(group, g -> new Scope(g, LatencyHistograms::create));
      scope.added();
      total.added();
      c = new ConnectionStats(id, scope, metrics == null ? null : metrics.meters(group, id));
      c.sessionStart = now;
      connections.put(id, c);
      inOrder.add(c);
      orderStale = true;
    }
    return c;
  }

  private void attempt(ConnectionStats c) {
    c.attempts++;
    attempts++;
    if (c.meters != null) {
      c.meters.attempt();
    }
  }

  private void connected(ConnectionStats c, Double durationMs, long now) {
    c.successes++;
    boolean reconnection = c.everConnected;
    if (reconnection) {
      c.reconnections++;
      reconnections++;
    }
    c.everConnected = true;
    if (durationMs != null && durationMs >= 0) {
      long micros = Math.round(durationMs * 1000.0);
      c.recordConnectLatency(micros);
      LatencyHistograms.record(c.group.connectLatency, micros);
      LatencyHistograms.record(total.connectLatency, micros);
      LatencyHistograms.record(intervalConnectLatency, micros);
      c.connectLatencySumMs += durationMs;
      c.lastConnectLatencyMs = Rounding.millis(durationMs);
      c.lastConnectedAt = now;
    }
    if (c.meters != null) {
      c.meters.success(durationMs, reconnection);
    }
    up(c, now);
  }

  private void failed(ConnectionStats c) {
    c.failures++;
    failures++;
    if (c.meters != null) {
      c.meters.failure();
    }
  }

  private void abandoned(ConnectionStats c) {
    c.attemptsAbandoned++;
    if (c.meters != null) {
      c.meters.abandoned();
    }
  }

  private void disconnected(ConnectionStats c, ConnectionEvent event, long now) {
    c.disconnections++;
    disconnections++;
    if (event.closeCode() != null) {
      c.countCloseCode(event.closeCode());
    }
    c.lastCloseCode = event.closeCode();
    c.lastCloseReason = event.reason();
    c.lastDisconnectedAt = now;
    if (c.meters != null) {
      c.meters.disconnection(event.closeCode());
    }
    down(c, now);
  }

  private void degraded(ConnectionStats c, boolean on) {
    probesInUse = true;
    int change = on ? 1 : -1;
    c.group.degraded += change;
    total.degraded += change;
    if (c.meters != null) {
      c.meters.degraded(on);
    }
  }

  private void up(ConnectionStats c, long now) {
    if (!c.connected) {
      c.connected = true;
      c.sessionStart = now;
      c.group.up(now);
      total.up(now);
      if (c.meters != null) {
        c.meters.connected(true);
      }
    }
  }

  private void down(ConnectionStats c, long now) {
    if (c.connected) {
      c.connected = false;
      c.uptimeNanos += now - c.sessionStart;
      c.group.down();
      total.down();
      if (c.meters != null) {
        c.meters.connected(false);
      }
    }
  }

  private void clearInterval() {
    if (intervalRtt != null) {
      intervalRtt.reset();
    }
    intervalConnectLatency.reset();
    intervalMessagesSent = 0;
    intervalMessagesReceived = 0;
    intervalBytesSent = 0;
    intervalBytesReceived = 0;
  }

  private static Histogram plainHistogram() {
    return new Histogram(LatencyHistograms.HIGHEST_MICROS, LatencyHistograms.SIGNIFICANT_DIGITS);
  }

  /** Records the buckets of one delta histogram everywhere they belong, without allocating. */
  private final class LatencySink implements HistogramValues.Sink {

    static final int RTT = 0;
    static final int PING = 1;
    static final int INTER_ARRIVAL = 2;
    static final int E2E = 3;
    static final int RTT_ACTUAL = 4;
    static final int SEND_LAG = 5;

    private final int kind;
    ConnectionStats target;

    LatencySink(int kind) {
      this.kind = kind;
    }

    @Override
    public void accept(long value, long count) {
      long micros = Math.min(value, LatencyHistograms.HIGHEST_MICROS);
      ConnectionStats c = target;
      if (kind == INTER_ARRIVAL) {
        c.trafficNow().feedInterArrival().recordValueWithCount(micros, count);
        c.group.feedInterArrival(true).recordValueWithCount(micros, count);
        total.feedInterArrival(true).recordValueWithCount(micros, count);
      } else if (kind == E2E) {
        c.trafficNow().feedE2e().recordValueWithCount(micros, count);
        c.group.feedE2e(true).recordValueWithCount(micros, count);
        total.feedE2e(true).recordValueWithCount(micros, count);
        if (c.meters != null) {
          c.meters.feedE2e(micros, count);
        }
      } else if (kind == RTT_ACTUAL) {
        c.trafficNow().rttActual().recordValueWithCount(micros, count);
        c.group.rttActual(true).recordValueWithCount(micros, count);
        total.rttActual(true).recordValueWithCount(micros, count);
      } else if (kind == SEND_LAG) {
        c.trafficNow().sendLag().recordValueWithCount(micros, count);
        c.group.sendLag(true).recordValueWithCount(micros, count);
        total.sendLag(true).recordValueWithCount(micros, count);
      } else if (kind == PING) {
        c.recordPingRtt(micros, count);
        c.group.pingRtt.recordValueWithCount(micros, count);
        total.pingRtt.recordValueWithCount(micros, count);
        if (c.meters != null) {
          c.meters.pingRtt(micros, count);
        }
      } else {
        c.recordRtt(micros, count);
        c.group.rtt(true).recordValueWithCount(micros, count);
        total.rtt(true).recordValueWithCount(micros, count);
        if (intervalRtt == null) {
          intervalRtt = plainHistogram();
        }
        intervalRtt.recordValueWithCount(micros, count);
        if (c.meters != null) {
          c.meters.rtt(micros, count);
        }
      }
    }
  }
}
