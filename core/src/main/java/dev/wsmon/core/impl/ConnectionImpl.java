package dev.wsmon.core.impl;

import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionDelta;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.Correlation;
import dev.wsmon.core.Durations;
import dev.wsmon.core.EventType;
import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.core.ProtocolErrorPolicy;
import dev.wsmon.core.ReconnectPolicy;
import dev.wsmon.core.Redaction;
import dev.wsmon.core.internal.LoopRequester;
import dev.wsmon.core.internal.TrafficCounters;
import dev.wsmon.core.protocol.ProtocolChannel;
import dev.wsmon.core.protocol.impl.ProtocolChannelImpl;
import dev.wsmon.core.protocol.impl.ProtocolLink;
import dev.wsmon.core.protocol.impl.ProtocolSession;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.AsyncResult;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.internal.http.WebSocketInternal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * One connection's state machine: connect, reconnect, pings, close. Its sends go through a {@link
 * SendQueue}, its requests through a {@link RequestCorrelator}, and both count into its {@link
 * TrafficCounters}. Every field is touched on the owning verticle's event loop only; public methods
 * hop there when called from elsewhere.
 */
public final class ConnectionImpl implements Connection, LoopRequester, SendQueue.Owner {

  private static final int MAX_MESSAGE_SIZE_CLOSE = 1009;
  private static final int INVALID_PAYLOAD_CLOSE = 1007;
  private static final int ABNORMAL_CLOSE = 1006;

  /** Vert.x closes the TCP connection when the server has not answered our close frame by then. */
  public static final int CLOSING_TIMEOUT_S = 2;

  /** The TCP connection is cut after this even when the close frame could not be written. */
  private static final long FORCE_CLOSE_MS = CLOSING_TIMEOUT_S * 1000L + 1000;

  private final ConnectionHost host;
  private final Vertx vertx;
  private final String id;
  private final int number;
  private final String group;
  private final ConnectionOptions options;
  private final ReconnectPolicy policy;
  private final WebSocketClient client;
  private final WebSocketConnectOptions connectTemplate;
  private final String hostName;
  private final long connectTimeoutMs;
  private final long pingIntervalNanos;
  private final long pongTimeoutNanos;
  private final FeedTracker feed;
  private final ProtocolSession protocol;
  private final ProtocolLink protocolLink;
  private final ProtocolChannel protocolChannel;
  private double upgradeLatency;
  // the socket whose protocol goodbye (STOMP DISCONNECT receipt) is under way
  private WebSocket saying;

  private volatile ConnectionState state = ConnectionState.CONNECTING;
  private Handler<ConnectionState> stateHandler;
  private Handler<String> textHandler;
  private Handler<Buffer> binaryHandler;
  private Handler<Buffer> messageHandler;

  // lifecycle
  private boolean closedByUs;
  private boolean recovering;
  private int retries;
  private int attemptNo;
  private long attemptGen;
  private long attemptStart;
  // the attempt timeout is checked by the verticle's shared tick (no timer per connection)
  private boolean attemptPending;
  private long attemptDeadline;
  private long backoffTimer = -1;
  private WebSocket ws;
  private long connectedAt;
  private String lastError;
  private int frameErrorCode;
  private String frameError;
  private List<Promise<Void>> connectWaiters;

  // interval counters, handed over by takeDelta()
  private final TrafficCounters counters = new TrafficCounters();
  private final SendQueue sends;
  // created by the first request: held connections that never ask cost nothing here
  private RequestCorrelator requests;
  private ReadClock readClock;

  // pings
  private final PendingPings pings = new PendingPings();
  private long pingSeq;
  private long nextPingAt;
  private Utf8 utf8;
  private boolean inTextMessage;
  private Histogram pingRtt;

  public ConnectionImpl(
      ConnectionHost host,
      String id,
      int number,
      ConnectionOptions options,
      WebSocketClient client,
      WebSocketConnectOptions connectTemplate,
      String hostName) {
    this.host = host;
    this.vertx = host.vertx();
    this.id = id;
    this.number = number;
    // shared by the connections of an endpoint (never modified here): one copy per connection
    // costs ~1 KB (headers map, reconnect policy) at 10 000 connections
    this.options = options;
    this.group = options.effectiveGroup();
    this.policy = this.options.getReconnectPolicy();
    this.client = client;
    this.connectTemplate = connectTemplate;
    this.hostName = hostName;
    this.connectTimeoutMs = Math.max(1, options.getConnectTimeout().toMillis());
    this.pingIntervalNanos = options.getPingInterval().toNanos();
    this.pongTimeoutNanos = options.getPongTimeout().toNanos();
    this.feed = FeedTracker.of(this.options);
    this.protocol = ProtocolSession.create(this.options);
    this.protocolLink = protocol == null ? null : new SessionLink();
    this.sends = new SendQueue(this, options, counters);
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
    return state;
  }

  @Override
  public Connection stateHandler(Handler<ConnectionState> handler) {
    onLoop(() -> stateHandler = handler);
    return this;
  }

  @Override
  public Connection textMessageHandler(Handler<String> handler) {
    onLoop(() -> textHandler = handler);
    return this;
  }

  @Override
  public Connection binaryMessageHandler(Handler<Buffer> handler) {
    onLoop(() -> binaryHandler = handler);
    return this;
  }

  @Override
  public Connection messageHandler(Handler<Buffer> handler) {
    onLoop(() -> messageHandler = handler);
    return this;
  }

  /** Whether the caller runs on this connection's event loop. */
  public boolean onLoop() {
    return host.onLoop();
  }

  private void onLoop(Runnable task) {
    if (host.onLoop()) {
      task.run();
    } else {
      host.runOnLoop(task);
    }
  }

  private <T> Future<T> onLoop(Supplier<Future<T>> task) {
    if (host.onLoop()) {
      return task.get();
    }
    Promise<T> promise = Promise.promise();
    host.runOnLoop(
        () -> {
          try {
            task.get().onComplete(promise);
          } catch (RuntimeException e) {
            promise.tryFail(e);
          }
        });
    return promise.future();
  }

  // ---------------------------------------------------------------- lifecycle

  /** Makes the first attempt; called once by the verticle (after the ramp-up offset). */
  public void start() {
    if (!closedByUs && ws == null && !attemptPending && backoffTimer < 0) {
      attempt();
    }
  }

  private void attempt() {
    backoffTimer = -1;
    long gen = ++attemptGen;
    attemptNo = retries;
    attemptStart = System.nanoTime();
    lastError = null;
    setState(recovering ? ConnectionState.RECONNECTING : ConnectionState.CONNECTING);
    publish(EventType.ATTEMPT, null, null, null);
    attemptPending = true;
    attemptDeadline = attemptStart + connectTimeoutMs * 1_000_000L;
    Future<WebSocket> connecting;
    try {
      connecting = client.connect(new WebSocketConnectOptions(connectTemplate));
    } catch (RuntimeException e) {
      connecting = Future.failedFuture(e);
    }
    connecting.onComplete(ar -> onAttemptResult(gen, ar));
  }

  private void onAttemptResult(long gen, AsyncResult<WebSocket> ar) {
    if (gen != attemptGen) {
      if (ar.succeeded()) {
        ar.result().close((short) 1000, "wsmon: attempt abandoned");
      }
      return;
    }
    if (System.nanoTime() - attemptDeadline >= 0) {
      // past the deadline, whether or not the tick noticed yet: the attempt timed out
      onAttemptTimeout(gen);
      if (ar.succeeded()) {
        ar.result().close((short) 1000, "wsmon: attempt abandoned");
      }
      return;
    }
    cancelAttemptTimer();
    if (ar.succeeded()) {
      onOpen(ar.result());
    } else {
      Throwable cause = ar.cause();
      int status = Failures.status(cause);
      Duration retryAfter =
          status > 0 && policy.honoursRetryAfter(status) ? Failures.retryAfter(cause) : null;
      onAttemptFailed(Failures.reason(cause, hostName, options), status, retryAfter);
    }
  }

  private void onAttemptTimeout(long gen) {
    if (gen != attemptGen) {
      return;
    }
    attemptGen++;
    attemptPending = false;
    String reason = "connect timeout after " + Durations.format(options.getConnectTimeout());
    WebSocket socket = ws;
    if (socket != null) {
      // the upgrade completed, the protocol handshake did not
      ws = null;
      reason =
          protocol.name()
              + " handshake: no reply within "
              + Durations.format(options.getConnectTimeout());
      closeSocket(socket, (short) 1000, "protocol handshake timeout");
    }
    onAttemptFailed(reason, -1, null);
  }

  private void onAttemptFailed(String reason, int status, Duration retryAfter) {
    double duration = millisSince(attemptStart);
    String refusal = status > 0 && !policy.isRetriedStatus(status) ? reason : null;
    Next next = decide(refusal);
    publish(EventType.FAILED, duration, null, reason, next.state);
    apply(next, retryAfter);
  }

  private void onOpen(WebSocket socket) {
    ws = socket;
    connectedAt = System.nanoTime();
    double latency = (connectedAt - attemptStart) / 1000 / 1000.0;
    recovering = false;
    socket.closeHandler(v -> onSocketClosed(socket));
    if (readClock != null) {
      readClock.install(socket);
    }
    socket.exceptionHandler(t -> onSocketException(socket, t));
    frameError = null;
    FrameErrors.install(
        socket,
        options.getMaxFrameSize(),
        (code, reason) -> {
          if (socket == ws && frameError == null) {
            frameErrorCode = code;
            frameError = reason;
          }
        });
    socket.textMessageHandler(
        s -> {
          if (socket == ws || socket == saying) {
            onText(s);
          }
        });
    socket.binaryMessageHandler(
        b -> {
          if (socket == ws || socket == saying) {
            onBinary(b);
          }
        });
    socket.pongHandler(
        b -> {
          if (socket == ws) {
            onPong(b);
          }
        });
    socket.drainHandler(
        v -> {
          if (socket == ws) {
            sends.drain();
          }
        });
    if (options.isValidateUtf8()) {
      inTextMessage = false;
      utf8 = new Utf8();
      socket.frameHandler(
          f -> {
            if (socket == ws) {
              onFrame(f);
            }
          });
    }
    nextPingAt = connectedAt + pingIntervalNanos;
    if (protocol != null) {
      // success waits for the protocol handshake, still bounded by the attempt's connect timeout
      upgradeLatency = latency;
      attemptPending = true;
      protocol.opened(protocolLink, connectedAt);
      return;
    }
    established(latency);
  }

  private void established(double latency) {
    if (feed != null) {
      feed.opened(connectedAt);
    }
    publish(EventType.CONNECTED, latency, null, null, ConnectionState.CONNECTED);
    completeConnectWaiters(null);
    sends.drain();
  }

  /** The connection's side of its protocol session. */
  private final class SessionLink implements ProtocolLink {

    @Override
    public void writeControl(String text) {
      WebSocket socket = ws;
      if (socket != null) {
        try {
          socket.writeTextMessage(text);
        } catch (IllegalStateException closing) {
          // the close event follows
        }
      }
    }

    @Override
    public void handshakeDone() {
      if (ws != null) {
        attemptPending = false;
        established(upgradeLatency);
      }
    }

    @Override
    public void handshakeFailed(String reason) {
      WebSocket socket = ws;
      if (socket == null) {
        return;
      }
      ws = null;
      attemptPending = false;
      onAttemptFailed(Redaction.text(reason), -1, null);
      closeSocket(socket, (short) 1000, "protocol handshake failed");
    }

    @Override
    public void ended(String reason) {
      if (ws != null) {
        abandon(1000, (short) 1000, Redaction.text(reason));
      }
    }

    @Override
    public void silence(String reason) {
      if (ws != null) {
        publish(EventType.PING_TIMEOUT, null, null, reason, state);
        abandon(ABNORMAL_CLOSE, (short) 1001, "heartbeat silence: " + reason);
      }
    }
  }

  private void onSocketException(WebSocket socket, Throwable t) {
    if (socket != ws) {
      return;
    }
    String message = t.getMessage();
    if (t instanceof IllegalStateException
        && message != null
        && message.contains("max message size")) {
      protocolError(
          MAX_MESSAGE_SIZE_CLOSE,
          "message over maxMessageSize " + options.getMaxMessageSize() + " bytes dropped");
      return;
    }
    lastError = Redaction.text(message == null ? t.getClass().getSimpleName() : message);
  }

  private void onSocketClosed(WebSocket socket) {
    if (socket != ws) {
      return;
    }
    if (frameError != null) {
      // Netty dropped the connection on a bad frame; Vert.x reports only 1006
      String reason = frameError;
      frameError = null;
      counters.protocolErrors++;
      publish(EventType.PROTOCOL_ERROR, null, null, reason, state);
      lost(frameErrorCode, reason);
      return;
    }
    Short code = socket.closeStatusCode();
    // 1006 never travels in a close frame: Vert.x reports it for a connection that just ended
    int closeCode = code != null && code != ABNORMAL_CLOSE ? code : ABNORMAL_CLOSE;
    String reason =
        closeCode != ABNORMAL_CLOSE
            ? Redaction.text(socket.closeReason())
            : lastError != null ? lastError : "connection lost without a close frame";
    if (protocol != null) {
      reason = Redaction.text(protocol.closeReason(closeCode, reason));
      if (protocol.handshaking()) {
        ws = null;
        attemptPending = false;
        onAttemptFailed(
            protocol.name() + " handshake: closed (" + closeCode + " " + reason + ")", -1, null);
        return;
      }
    }
    lost(closeCode, reason);
  }

  /** The open connection ended (server close, drop, ping timeout, protocol error). */
  private void lost(int code, String reason) {
    ws = null;
    if (feed != null) {
      feed.closed();
      if (protocol != null) {
        protocol.feedClosed();
      }
    }
    double session = millisSince(connectedAt);
    abortTraffic(
        "connection lost (close code " + code + ")",
        options.getSendOptions().getSendBufferSize(),
        false);
    if (session * 1_000_000 >= policy.getStableAfter().toNanos()) {
      retries = 0;
    }
    String refusal = policy.isRetriedCloseCode(code) ? null : "close code " + code;
    Next next = decide(refusal);
    publish(EventType.DISCONNECTED, session, code, reason, next.state);
    apply(next, null);
  }

  /** Ends the open connection at once, treating it as lost, and closes the socket behind it. */
  private void abandon(int recordedCode, short sentCode, String reason) {
    WebSocket socket = ws;
    lost(recordedCode, reason);
    closeSocket(socket, sentCode, reason);
  }

  /**
   * Sends the close frame now and completes when the TCP connection is closed: when the server
   * answers, after the client's closing timeout ({@value #CLOSING_TIMEOUT_S} s) when it does not,
   * or after {@link #FORCE_CLOSE_MS} when the close frame cannot even be written (a server that
   * stopped reading). {@code WebSocket.shutdown(timeout)} is not used: in Vert.x 5.0.10 it holds
   * the close frame back for the whole timeout.
   */
  private Future<Void> closeSocket(WebSocket socket, short code, String reason) {
    if (socket.isClosed()) {
      // closed underneath (the server went away at the same time); its close event is ignored
      return sends.settled(vertx, FORCE_CLOSE_MS);
    }
    Promise<Void> closed = Promise.promise();
    socket.closeHandler(v -> closed.tryComplete());
    long force =
        vertx.setTimer(
            FORCE_CLOSE_MS,
            t -> {
              abort(socket);
              closed.tryComplete();
            });
    socket.close(code, truncate(reason));
    return closed
        .future()
        .onComplete(ar -> vertx.cancelTimer(force))
        .compose(v -> sends.settled(vertx, FORCE_CLOSE_MS));
  }

  /**
   * Closes the TCP connection at once. The close starts below Vert.x's handler: a close through
   * Vert.x waits behind the writes it still queues, which a server that stopped reading never
   * takes; a real close fails them.
   */
  private static void abort(WebSocket socket) {
    if (socket instanceof WebSocketInternal internal) {
      ChannelHandlerContext vertxHandler = internal.channelHandlerContext();
      ChannelHandlerContext first = vertxHandler.pipeline().firstContext();
      (first != null ? first : vertxHandler).close();
    }
  }

  /** What follows a failure; {@code refusal} names a refusal retried slowly. */
  private record Next(ConnectionState state, String giveUpReason, String refusal) {}

  /**
   * @param refusal the reason of a refusal the policy does not retry (a status in {@code
   *     nonRetriedStatuses}, a code in {@code nonRetriedCloseCodes}), or {@code null}
   */
  private Next decide(String refusal) {
    if (closedByUs) {
      return new Next(ConnectionState.CLOSED, null, null);
    }
    if (!policy.isAutoReconnect()) {
      return new Next(ConnectionState.CLOSED, null, null);
    }
    if (refusal != null && !policy.isRetryRefusals()) {
      return new Next(ConnectionState.GAVE_UP, refusal + " is not retried", null);
    }
    if (!policy.hasRetriesLeft(retries)) {
      return new Next(
          ConnectionState.GAVE_UP,
          "gave up after " + policy.getMaxReconnectAttempts() + " reconnect attempts",
          null);
    }
    return new Next(ConnectionState.RECONNECTING, null, refusal);
  }

  private void apply(Next next, Duration retryAfter) {
    switch (next.state) {
      case RECONNECTING -> {
        retries++;
        recovering = true;
        double random = ThreadLocalRandom.current().nextDouble();
        Duration delay =
            next.refusal != null ? policy.refusalDelay(random) : policy.delay(retries, random);
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
          delay = retryAfter;
        }
        String why =
            next.refusal != null
                ? next.refusal + " refused; retried at maxReconnectDelay"
                : retryAfter != null ? "Retry-After " + Durations.format(retryAfter) : null;
        publish(
            EventType.RECONNECT_SCHEDULED,
            delay.toNanos() / 1000 / 1000.0,
            null,
            why,
            ConnectionState.RECONNECTING);
        backoffTimer = vertx.setTimer(Math.max(1, delay.toMillis()), t -> attempt());
      }
      case GAVE_UP -> {
        publish(EventType.GAVE_UP, null, null, next.giveUpReason, ConnectionState.GAVE_UP);
        abortTraffic("connection gave up", 0, true);
        completeConnectWaiters("connection " + id + " gave up: " + next.giveUpReason);
      }
      default -> {
        abortTraffic("connection closed", 0, true);
        completeConnectWaiters("connection " + id + " is closed");
      }
    }
  }

  @Override
  public Future<Void> close() {
    return onLoop(() -> closeByUs("closed by wsmon"));
  }

  /**
   * wsmon's own graceful close (stop, undeploy, {@link #close()}): CLOSED, never a disconnection.
   */
  public Future<Void> closeByUs(String reason) {
    return closeByUs((short) 1000, reason);
  }

  @Override
  public Future<Void> close(int code, String reason) {
    if (code != 1000 && (code < 3000 || code > 4999)) {
      return Future.failedFuture(
          "close code " + code + " is not one a client may send (1000 or 3000-4999)");
    }
    return onLoop(() -> closeByUs((short) code, reason == null ? "" : reason));
  }

  private Future<Void> closeByUs(short code, String reason) {
    closedByUs = true;
    attemptGen++;
    cancelAttemptTimer();
    if (backoffTimer >= 0) {
      vertx.cancelTimer(backoffTimer);
      backoffTimer = -1;
    }
    WebSocket socket = ws;
    ws = null;
    if (feed != null) {
      feed.closed();
      if (protocol != null) {
        protocol.feedClosed();
      }
    }
    abortTraffic("connection closed by wsmon", 0, true);
    completeConnectWaiters("connection " + id + " was closed by wsmon");
    if (socket != null) {
      publish(
          EventType.CLOSED, millisSince(connectedAt), (int) code, reason, ConnectionState.CLOSED);
      if (protocol != null && !socket.isClosed()) {
        // messages before the protocol's goodbye completes are still counted
        saying = socket;
        return protocol
            .goodbye(vertx, socket)
            .transform(
                ar -> {
                  saying = null;
                  return closeSocket(socket, code, reason);
                });
      }
      return closeSocket(socket, code, reason);
    }
    if (state != ConnectionState.CLOSED && state != ConnectionState.GAVE_UP) {
      publish(EventType.CLOSED, null, null, reason, ConnectionState.CLOSED);
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Boolean> degrade(String reason) {
    String redacted = Redaction.text(reason);
    return onLoop(
        () -> {
          if (ws == null || state != ConnectionState.CONNECTED) {
            return Future.succeededFuture(false);
          }
          publish(EventType.DEGRADED, null, null, redacted, ConnectionState.DEGRADED);
          return Future.succeededFuture(true);
        });
  }

  @Override
  public Future<Boolean> recover() {
    return onLoop(
        () -> {
          if (ws == null || state != ConnectionState.DEGRADED) {
            return Future.succeededFuture(false);
          }
          publish(EventType.RECOVERED, null, null, null, ConnectionState.CONNECTED);
          return Future.succeededFuture(true);
        });
  }

  @Override
  public Future<Void> connect() {
    return onLoop(
        () -> {
          if (isConnected()) {
            return Future.succeededFuture();
          }
          Promise<Void> promise = Promise.promise();
          if (connectWaiters == null) {
            connectWaiters = new ArrayList<>(1);
          }
          connectWaiters.add(promise);
          if (state == ConnectionState.CLOSED || state == ConnectionState.GAVE_UP) {
            closedByUs = false;
            recovering = false;
            retries = 0;
            attempt();
          }
          return promise.future();
        });
  }

  private void completeConnectWaiters(String failure) {
    List<Promise<Void>> copy = connectWaiters;
    if (copy == null) {
      return;
    }
    connectWaiters = null;
    copy.forEach(
        p -> {
          if (failure == null) {
            p.tryComplete();
          } else {
            p.tryFail(failure);
          }
        });
  }

  private void cancelAttemptTimer() {
    attemptPending = false;
  }

  // ---------------------------------------------------------------- sending

  @Override
  public Future<Void> sendText(String text) {
    if (text == null) {
      return Future.failedFuture(new NullPointerException("text"));
    }
    if (protocol != null) {
      return host.onLoop() ? sendFramed(text) : onLoop(() -> sendFramed(text));
    }
    return host.onLoop() ? sends.send(text) : onLoop(() -> sends.send(text));
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
      return onLoop(
          () -> sends.failed("binary messages are not supported with protocol " + protocol.name()));
    }
    return host.onLoop() ? sends.send(data) : onLoop(() -> sends.send(data));
  }

  /** The socket that takes messages now (not while a protocol handshake is under way). */
  @Override
  public WebSocket writableSocket() {
    return protocol != null && protocol.handshaking() ? null : ws;
  }

  @Override
  public String closedReason() {
    return closedByUs || state == ConnectionState.CLOSED || state == ConnectionState.GAVE_UP
        ? "not connected: connection " + id + " is " + state
        : null;
  }

  @Override
  public String notConnectedReason(boolean closing) {
    return "not connected: connection " + id + " is " + (closing ? "closing" : state);
  }

  /**
   * Fails what can no longer be sent or answered; keeps up to {@code keep} waiting sends. With
   * {@code terminal} off (a reconnect follows) requests not yet written stay pending.
   */
  private void abortTraffic(String reason, int keep, boolean terminal) {
    pings.clear();
    sends.abort(reason, keep);
    if (requests != null && !requests.isEmpty()) {
      requests.abandon(reason, terminal);
    }
  }

  // ---------------------------------------------------------------- receiving

  private void onText(String text) {
    long bytes = sends.receivedLength(text);
    if (protocol != null) {
      if (protocol.onText(text, bytes, System.nanoTime()) == ProtocolSession.CONTROL) {
        return;
      }
    }
    counters.messagesReceived++;
    counters.bytesReceived += bytes;
    if (feed != null && ws != null) {
      String data = protocol == null ? text : protocol.payload();
      if (data != null) {
        feed.onText(data, System.nanoTime());
      }
      if (protocol != null) {
        protocol.feedChannel(data, System.nanoTime());
      }
    }
    if (requests != null && !requests.isEmpty()) {
      matchReply(text);
    }
    Handler<String> th = textHandler;
    if (th != null) {
      th.handle(text);
    }
    Handler<Buffer> mh = messageHandler;
    if (mh != null) {
      mh.handle(Buffer.buffer(text));
    }
    if (protocol != null) {
      protocol.deliver();
    }
  }

  private void onBinary(Buffer data) {
    if (protocol != null) {
      if (protocol.onBinary(data, System.nanoTime()) == ProtocolSession.CONTROL) {
        return;
      }
    }
    counters.messagesReceived++;
    counters.bytesReceived += data.length();
    if (feed != null && ws != null) {
      if (protocol == null) {
        feed.onBinary(data, System.nanoTime());
      } else {
        if (protocol.payload() != null) {
          feed.onText(protocol.payload(), System.nanoTime());
        }
        protocol.feedChannel(protocol.payload(), System.nanoTime());
      }
    }
    if (protocol != null && requests != null && !requests.isEmpty()) {
      matchReply(data.toString(java.nio.charset.StandardCharsets.UTF_8));
    } else if (requests != null && !requests.isEmpty()) {
      matchBinary(data);
    }
    Handler<Buffer> bh = binaryHandler;
    if (bh != null) {
      bh.handle(data);
    }
    Handler<Buffer> mh = messageHandler;
    if (mh != null) {
      mh.handle(data);
    }
    if (protocol != null) {
      protocol.deliver();
    }
  }

  private void onFrame(WebSocketFrame frame) {
    boolean text = frame.isText() || (frame.isContinuation() && inTextMessage);
    if (!text) {
      if (frame.isBinary()) {
        inTextMessage = false;
      }
      return;
    }
    utf8.feed(frame.binaryData());
    inTextMessage = !frame.isFinal();
    if (frame.isFinal() && !utf8.finish()) {
      protocolError(INVALID_PAYLOAD_CLOSE, "invalid UTF-8 in a text message");
    }
  }

  private void protocolError(int closeCode, String reason) {
    counters.protocolErrors++;
    ConnectionState now = state;
    publish(EventType.PROTOCOL_ERROR, null, null, reason, now);
    if (options.getProtocolErrorPolicy() == ProtocolErrorPolicy.CLOSE && ws != null) {
      abandon(closeCode, (short) closeCode, reason);
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
    Correlation correlation = options.getSendOptions().getCorrelation();
    if (correlation.kind() == Correlation.Kind.NONE && protocol == null) {
      refuse(listener, "request needs a correlation, but correlation is none");
      return;
    }
    if (requests == null) {
      requests = new RequestCorrelator(counters);
      sends.requests(requests);
      readClock = new ReadClock();
      if (ws != null) {
        readClock.install(ws);
      }
    }
    if (requests.size() >= options.getSendOptions().getMaxPendingRequests()) {
      refuse(
          listener,
          "too many pending requests (" + options.getSendOptions().getMaxPendingRequests() + ")");
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
    String notSent = sends.sendRequest(wire, seq);
    if (notSent != null) {
      requests.notSent(seq, notSent);
    }
  }

  /** A request that never left: a send failure with {@code reason}. */
  private void refuse(Completable<?> listener, String reason) {
    counters.sendFailures++;
    listener.fail(reason);
  }

  private void matchReply(String reply) {
    long now = readClock.now();
    if (protocol != null) {
      String key = protocol.replyKey();
      if (key != null) {
        requests.replyTo(key, reply, now);
      }
      return;
    }
    Correlation correlation = options.getSendOptions().getCorrelation();
    switch (correlation.kind()) {
      case FIFO -> requests.replyToOldest(reply, now);
      case JSON_FIELD -> {
        String key = correlation.keyOf(reply);
        if (key != null) {
          requests.replyTo(key, reply, now);
        }
      }
      case CUSTOM -> requests.replyMatching(correlation.predicate(), reply, now);
      default -> {}
    }
  }

  private void matchBinary(Buffer reply) {
    String key = BinaryRequests.replyKey(options.getSendOptions().getCorrelation(), reply);
    if (key != null) {
      requests.replyTo(key, reply, readClock.now());
    }
  }

  // ---------------------------------------------------------------- periodic work

  /**
   * Attempt timeouts, pings, pong timeouts and request timeouts; called by the verticle's shared
   * tick (so a timeout fires up to one tick late).
   */
  public void tick(long now) {
    if (attemptPending && now - attemptDeadline >= 0) {
      onAttemptTimeout(attemptGen);
    }
    WebSocket socket = ws;
    if (socket != null && pingIntervalNanos > 0) {
      if (!pings.isEmpty() && now - pings.oldestSentAt() > pongTimeoutNanos) {
        pingTimeout();
      } else if (now >= nextPingAt && !pings.isFull()) {
        long seq = ++pingSeq;
        nextPingAt = now + pingIntervalNanos;
        pings.add(seq, now);
        socket.writePing(Buffer.buffer(16).appendLong(seq).appendLong(now));
      }
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
        publish(
            EventType.STALE,
            silence / 1000 / 1000.0,
            null,
            "no message for "
                + Durations.format(Duration.ofMillis(silence / 1_000_000))
                + " (maxSilence "
                + Durations.format(Duration.ofNanos(feed.maxSilenceNanos()))
                + ")");
      }
    }
  }

  private void pingTimeout() {
    String reason = "no pong within " + Durations.format(options.getPongTimeout());
    publish(EventType.PING_TIMEOUT, null, null, reason, state);
    abandon(ABNORMAL_CLOSE, (short) 1001, "ping timeout: " + reason);
  }

  private void onPong(Buffer data) {
    if (data.length() != 16) {
      return;
    }
    long sent = pings.acknowledge(data.getLong(0));
    if (sent < 0) {
      return;
    }
    if (pingRtt == null) {
      pingRtt = LatencyHistograms.create();
    }
    LatencyHistograms.recordNanos(pingRtt, System.nanoTime() - sent);
  }

  /** The traffic since the last call, or {@code null} when nothing changed. */
  public ConnectionDelta takeDelta() {
    RequestCorrelator r = requests;
    if (counters.isZero()
        && pingRtt == null
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
            pingRtt,
            feed == null ? null : feed.takeDelta(System.nanoTime()),
            protocol == null || !protocol.hasDelta() ? null : protocol.takeDelta());
    counters.clearCounters();
    pingRtt = null;
    if (closedByUs && r != null) {
      // the verticle's last flush: a borrowed dense histogram goes back to the JVM-wide budget
      r.release();
    }
    return delta;
  }

  // ---------------------------------------------------------------- events

  private void publish(EventType type, Double durationMs, Integer closeCode, String reason) {
    publish(type, durationMs, closeCode, reason, state);
  }

  private void publish(
      EventType type, Double durationMs, Integer closeCode, String reason, ConnectionState after) {
    setState(after);
    int attempt =
        type == EventType.RECONNECT_SCHEDULED || type == EventType.GAVE_UP ? retries : attemptNo;
    host.publish(
        new ConnectionEvent(
            id, group, type, Instant.now(), attempt, durationMs, closeCode, reason, after));
  }

  private void setState(ConnectionState next) {
    if (state != next) {
      state = next;
      Handler<ConnectionState> h = stateHandler;
      if (h != null) {
        h.handle(next);
      }
    }
  }

  private static double millisSince(long start) {
    return (System.nanoTime() - start) / 1000 / 1000.0;
  }

  private static String truncate(String reason) {
    // a close frame's reason must fit in 123 bytes
    return reason.length() > 60 ? reason.substring(0, 60) : reason;
  }

  @Override
  public String toString() {
    return "Connection[" + id + ", " + group + ", " + state + "]";
  }
}
