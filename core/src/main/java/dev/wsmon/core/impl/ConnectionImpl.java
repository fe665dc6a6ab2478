package dev.wsmon.core.impl;

import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.Correlation;
import dev.wsmon.core.Redaction;
import dev.wsmon.core.internal.LoopRequester;
import dev.wsmon.core.internal.TrafficCounters;
import dev.wsmon.core.protocol.ProtocolChannel;
import dev.wsmon.core.protocol.impl.ProtocolChannelImpl;
import dev.wsmon.core.protocol.impl.ProtocolSession;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;

/**
 * One connection: the public API over its parts. Its {@link ConnectionLifecycle} connects,
 * reconnects and closes; sends go through a {@link SendQueue}, received messages through a {@link
 * ReceivePath}, requests through a {@link RequestCorrelator}, pings through a {@link Pinger}, and
 * all count into its {@link TrafficCounters}. Every field is touched on the owning verticle's event
 * loop only; public methods hop there when called from elsewhere.
 */
public final class ConnectionImpl implements Connection, LoopRequester {

  /** Vert.x closes the TCP connection when the server has not answered our close frame by then. */
  public static final int CLOSING_TIMEOUT_S = 2;

  final ConnectionHost host;
  private final String id;
  private final int number;
  private final String group;
  final ConnectionOptions options;
  private final ProtocolSession protocol;
  private final ProtocolChannel protocolChannel;
  private final ConnectionLifecycle life;

  // interval counters, handed over by takeDelta()
  final TrafficCounters counters = new TrafficCounters();
  final SendQueue sends;
  final ReceivePath receive;
  // created by the first request: held connections that never ask cost nothing here
  private RequestCorrelator requests;

  // null when pings are off
  final Pinger pinger;

  // the request path's shape, fixed with the (shared, never modified) options: a FIFO text request
  // reads these fields of this hot object instead of a chain of cold option objects per request
  private final Correlation correlation;
  private final boolean fifoText;
  private final int maxPendingRequests;

  public ConnectionImpl(
      ConnectionHost host,
      String id,
      int number,
      ConnectionOptions options,
      WebSocketClient client,
      WebSocketConnectOptions connectTemplate,
      String hostName) {
    this.host = host;
    this.id = id;
    this.number = number;
    // shared by the connections of an endpoint (never modified here): one copy per connection
    // costs ~1 KB (headers map, reconnect policy) at 10 000 connections
    this.options = options;
    this.group = options.effectiveGroup();
    this.pinger = Pinger.of(options);
    this.correlation = options.getSendOptions().getCorrelation();
    this.maxPendingRequests = options.getSendOptions().getMaxPendingRequests();
    FeedTracker feed = FeedTracker.of(this.options);
    this.protocol = ProtocolSession.create(this.options);
    this.fifoText = protocol == null && correlation.kind() == Correlation.Kind.FIFO;
    this.life = new ConnectionLifecycle(this, client, connectTemplate, hostName, protocol);
    this.sends = new SendQueue(life, options, counters);
    this.receive = new ReceivePath(life, options, counters, sends, feed, protocol);
    this.protocolChannel =
        protocol == null
            ? null
            : new ProtocolChannelImpl(
                this,
                protocol,
                options.getProtocolOptions().getProtocol(),
                host::onLoop,
                host::runOnLoop);
  }

  @Override
  public ProtocolChannel protocolChannel() {
    return protocolChannel;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int number() {
    return number;
  }

  @Override
  public String group() {
    return group;
  }

  @Override
  public ConnectionOptions options() {
    return new ConnectionOptions(options);
  }

  @Override
  public ConnectionState state() {
    return life.state;
  }

  @Override
  public Connection stateHandler(Handler<ConnectionState> handler) {
    host.onLoop(() -> life.stateHandler = handler);
    return this;
  }

  @Override
  public Connection textMessageHandler(Handler<String> handler) {
    host.onLoop(() -> receive.textHandler = handler);
    return this;
  }

  @Override
  public Connection binaryMessageHandler(Handler<Buffer> handler) {
    host.onLoop(() -> receive.binaryHandler = handler);
    return this;
  }

  @Override
  public Connection messageHandler(Handler<Buffer> handler) {
    host.onLoop(() -> receive.messageHandler = handler);
    return this;
  }

  /** Whether the caller runs on this connection's event loop. */
  public boolean onLoop() {
    return host.onLoop();
  }

  // ---------------------------------------------------------------- lifecycle

  /** Makes the first attempt; called once by the verticle (after the ramp-up offset). */
  public void start() {
    life.start();
  }

  /**
   * The end of a run: no attempt starts any more (see {@link
   * dev.wsmon.core.ConnectionVerticle#endAttempts}).
   */
  public Future<Void> endAttempts() {
    return life.endAttempts();
  }

  @Override
  public Future<Void> close() {
    return host.onLoop(() -> closeByUs("closed by wsmon"));
  }

  /**
   * wsmon's own graceful close (stop, undeploy, {@link #close()}): CLOSED, never a disconnection.
   */
  public Future<Void> closeByUs(String reason) {
    return life.closeByUs((short) 1000, reason);
  }

  @Override
  public Future<Void> close(int code, String reason) {
    if (code != 1000 && (code < 3000 || code > 4999)) {
      return Future.failedFuture(
          "close code " + code + " is not one a client may send (1000 or 3000-4999)");
    }
    return host.onLoop(() -> life.closeByUs((short) code, reason == null ? "" : reason));
  }

  @Override
  public Future<Boolean> degrade(String reason) {
    String redacted = Redaction.text(reason);
    return host.onLoop(() -> life.degrade(redacted));
  }

  @Override
  public Future<Boolean> recover() {
    return host.onLoop(life::recover);
  }

  @Override
  public Future<Void> connect() {
    return host.onLoop(life::connect);
  }

  // ---------------------------------------------------------------- sending

  @Override
  public Future<Void> sendText(String text) {
    if (text == null) {
      return Future.failedFuture(new NullPointerException("text"));
    }
    if (protocol != null) {
      return host.onLoop() ? sendFramed(text) : host.onLoop(() -> sendFramed(text));
    }
    return host.onLoop() ? sends.send(text) : host.onLoop(() -> sends.send(text));
  }

  private Future<Void> sendFramed(String text) {
    String wire;
    try {
      wire = protocol.frame(text, null);
    } catch (IllegalStateException e) {
      return sends.failed(e.getMessage());
    }
    return sends.send(wire);
  }

  @Override
  public Future<Void> sendBinary(Buffer data) {
    if (data == null) {
      return Future.failedFuture(new NullPointerException("data"));
    }
    if (protocol != null) {
      return host.onLoop(
          () -> sends.failed("binary messages are not supported with protocol " + protocol.name()));
    }
    return host.onLoop() ? sends.send(data) : host.onLoop(() -> sends.send(data));
  }

  /**
   * Fails what can no longer be sent or answered; keeps up to {@code keep} waiting sends. With
   * {@code terminal} off (a reconnect follows) requests not yet written stay pending.
   */
  void abortTraffic(String reason, int keep, boolean terminal) {
    if (pinger != null) {
      pinger.clear();
    }
    sends.abort(reason, keep);
    if (requests != null && !requests.isEmpty()) {
      requests.abandon(reason, terminal);
    }
  }

  // ---------------------------------------------------------------- requests

  @Override
  public Future<String> request(String payload, Duration timeout) {
    return requestOf(payload, timeout);
  }

  @Override
  public Future<Buffer> requestBinary(Buffer payload, Duration timeout) {
    return requestOf(payload, timeout);
  }

  private <T> Future<T> requestOf(Object payload, Duration timeout) {
    if (payload == null || timeout == null || timeout.isNegative() || timeout.isZero()) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "request needs a payload and a positive timeout, got " + timeout));
    }
    long timeoutNanos = timeout.toNanos();
    Promise<T> promise = Promise.promise();
    if (host.onLoop()) {
      long now = System.nanoTime();
      doRequest(payload, timeoutNanos, now, now, false, promise);
    } else {
      host.runOnLoop(
          () -> {
            try {
              long now = System.nanoTime();
              doRequest(payload, timeoutNanos, now, now, false, promise);
            } catch (RuntimeException e) {
              promise.tryFail(e);
            }
          });
    }
    return promise.future();
  }

  /**
   * Sends a request now; for callers on the connection's event loop only.
   *
   * @param payload the text to send
   * @param timeoutNanos how long to wait for the reply, in nanoseconds, positive
   * @param sentAt the send time ({@code System.nanoTime()}), from {@link #clock()} by a caller that
   *     sends at once
   * @param listener gets the reply or the failure, once
   */
  public void requestOnLoop(
      String payload, long timeoutNanos, long sentAt, Completable<? super String> listener) {
    doRequest(payload, timeoutNanos, sentAt, sentAt, false, listener);
  }

  /**
   * Sends a request that was due at {@code intendedAt} (a fixed-rate schedule), now; for callers on
   * the connection's event loop only. Its round trip goes to {@code rtt} from the intended time,
   * and to {@code rtt_actual} from the actual send; the difference goes to {@code send_lag}. So a
   * send held back by a stalled client shows in the latency instead of vanishing (coordinated
   * omission).
   *
   * @param payload the text to send
   * @param timeoutNanos how long to wait for the reply after the send, in nanoseconds, positive
   * @param intendedAt when the request was due ({@code System.nanoTime()}), not after now
   * @param listener gets the reply or the failure, once
   */
  @Override
  public void scheduledRequestOnLoop(
      String payload, long timeoutNanos, long intendedAt, Completable<? super String> listener) {
    long now = clock();
    doRequest(payload, timeoutNanos, now, Math.min(now, intendedAt), true, listener);
  }

  /**
   * {@code System.nanoTime()}, or, while a reply is handed to its request's listener, that reply's
   * arrival time (read just before): a listener that sends its next request at once stamps it
   * without reading the clock again. On the connection's event loop only.
   */
  public long clock() {
    return requests == null ? System.nanoTime() : requests.clock();
  }

  @Override
  public void binaryRequestOnLoop(
      Buffer payload,
      long timeoutNanos,
      long intendedAt,
      boolean scheduled,
      Completable<Object> listener) {
    long now = clock();
    doRequest(
        payload,
        timeoutNanos,
        now,
        scheduled ? Math.min(now, intendedAt) : now,
        scheduled,
        listener);
  }

  private void doRequest(
      Object payload,
      long timeoutNanos,
      long sentAt,
      long intendedAt,
      boolean scheduled,
      Completable<?> listener) {
    RequestCorrelator r = requests;
    if (fifoText && r != null && payload instanceof String && r.size() < maxPendingRequests) {
      // the common request (FIFO text, no protocol): no key, no payload kept
      int seq = r.add(null, false, null, sentAt, intendedAt, scheduled, timeoutNanos, listener);
      write(r, seq, payload);
      return;
    }
    requestOfAnyShape(payload, timeoutNanos, sentAt, intendedAt, scheduled, listener);
  }

  private void requestOfAnyShape(
      Object payload,
      long timeoutNanos,
      long sentAt,
      long intendedAt,
      boolean scheduled,
      Completable<?> listener) {
    if (correlation.kind() == Correlation.Kind.NONE && protocol == null) {
      refuse(listener, "request needs a correlation, but correlation is none");
      return;
    }
    if (requests == null) {
      requests = new RequestCorrelator(counters);
      sends.requests(requests);
      receive.correlate(requests, life.ws);
    }
    if (requests.size() >= maxPendingRequests) {
      refuse(listener, "too many pending requests (" + maxPendingRequests + ")");
      return;
    }
    String key = null;
    Object wire = payload;
    if (BinaryRequests.applies(correlation, payload, protocol != null)) {
      String refusal = BinaryRequests.refusal(correlation, payload, protocol != null);
      if (refusal != null) {
        refuse(listener, refusal);
        return;
      }
      key = correlation.binaryId().keyOf((Buffer) payload);
    } else if (protocol != null) {
      // the protocol's own ids (Socket.IO ack, STOMP receipt, graphql-ws operation id)
      key = protocol.nextKey();
      try {
        wire = protocol.frame((String) payload, key);
      } catch (IllegalStateException e) {
        refuse(listener, e.getMessage());
        return;
      }
    } else if (correlation.kind() == Correlation.Kind.JSON_FIELD) {
      key = correlation.keyOf((String) payload);
      if (key == null) {
        refuse(
            listener,
            "request has no JSON field '" + correlation.field() + "' to correlate the reply");
        return;
      }
    }
    boolean custom = protocol == null && correlation.kind() == Correlation.Kind.CUSTOM;
    int seq =
        requests.add(
            custom ? (String) payload : null,
            custom,
            key,
            sentAt,
            intendedAt,
            scheduled,
            timeoutNanos,
            listener);
    write(requests, seq, wire);
  }

  /** Writes request {@code seq}; one that could not leave ends as not sent. */
  private void write(RequestCorrelator r, int seq, Object wire) {
    String notSent = sends.sendRequest(wire, seq);
    if (notSent != null) {
      r.notSent(seq, notSent);
    }
  }

  /** A request that never left: a send failure with {@code reason}. */
  private void refuse(Completable<?> listener, String reason) {
    counters.sendFailures++;
    listener.fail(reason);
  }

  // ---------------------------------------------------------------- periodic work

  /**
   * Attempt timeouts, pings, pong timeouts and request timeouts; called by the verticle's shared
   * tick (so a timeout fires up to one tick late).
   */
  public void tick(long now) {
    FeedTracker feed = receive.feed;
    life.tick(now);
    WebSocket socket = life.ws;
    if (socket != null && pinger != null && pinger.tick(socket, now)) {
      life.pingTimeout();
    }
    if (protocol != null && socket != null) {
      protocol.tick(now);
    }
    if (requests != null && !requests.isEmpty()) {
      requests.expire(now);
    }
    if (feed != null) {
      long silence = feed.tick(now);
      if (silence >= 0) {
        life.stale(silence, feed.maxSilenceNanos());
      }
    }
  }

  /** The traffic since the last call, or {@code null} when nothing changed. */
  public ConnectionDelta takeDelta() {
    FeedTracker feed = receive.feed;
    RequestCorrelator r = requests;
    if (counters.isZero()
        && (pinger == null || !pinger.hasRtt())
        && (r == null || r.rtt.isEmpty())
        && (feed == null || !feed.hasDelta())
        && (protocol == null || !protocol.hasDelta())) {
      if (r != null) {
        r.release();
      }
      return null;
    }
    ConnectionDelta delta =
        counters.toDelta(
            id,
            group,
            r == null ? null : r.rtt.take(),
            r == null ? null : r.rttActual.take(),
            r == null ? null : r.sendLag.take(),
            pinger == null ? null : pinger.takeRtt(),
            feed == null ? null : feed.takeDelta(System.nanoTime()),
            protocol == null || !protocol.hasDelta() ? null : protocol.takeDelta());
    counters.clearCounters();
    if (life.closedByUs && r != null) {
      // the verticle's last flush: a borrowed dense histogram goes back to the JVM-wide budget
      r.release();
    }
    return delta;
  }

  @Override
  public String toString() {
    return "Connection[" + id + ", " + group + ", " + life.state + "]";
  }
}
