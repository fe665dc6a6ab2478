package dev.wsmon.core.impl;

import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.Durations;
import dev.wsmon.core.EventType;
import dev.wsmon.core.ProtocolErrorPolicy;
import dev.wsmon.core.ReconnectPolicy;
import dev.wsmon.core.Redaction;
import dev.wsmon.core.impl.ReconnectScheduler.Next;
import dev.wsmon.core.internal.AttemptOutcomes;
import dev.wsmon.core.protocol.impl.ProtocolLink;
import dev.wsmon.core.protocol.impl.ProtocolSession;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection's life: attempts (with their deadline), the open socket, its close or loss,
 * reconnects under the {@link ReconnectPolicy}, wsmon's own close, the state and the lifecycle
 * events. It owns the socket, so it tells the {@link SendQueue} where sends go and the {@link
 * ReceivePath} whether the connection is open. Event loop only, like its {@link ConnectionImpl}.
 */
final class ConnectionLifecycle implements SendQueue.Owner, ReceivePath.Owner {

  private static final int MAX_MESSAGE_SIZE_CLOSE = 1009;
  private static final int ABNORMAL_CLOSE = 1006;

  // the connection's identity, options and other parts are read from it (no copies per part)
  private final ConnectionImpl conn;
  private final ReconnectScheduler reconnects;
  private final ConnectAttempts attempts;
  private final ProtocolSession protocol;
  private final ProtocolLink protocolLink;
  private double upgradeLatency;
  // the socket whose protocol goodbye (STOMP DISCONNECT receipt) is under way
  private WebSocket saying;

  volatile ConnectionState state = ConnectionState.CONNECTING;
  Handler<ConnectionState> stateHandler;

  boolean closedByUs;
  WebSocket ws;
  private long connectedAt;
  private String lastError;
  // an ATTEMPT published and without an outcome yet (AttemptOutcomes): wsmon's close abandons it
  private boolean attemptInFlight;
  private int frameErrorCode;
  private String frameError;
  private List<Promise<Void>> connectWaiters;

  ConnectionLifecycle(
      ConnectionImpl conn,
      WebSocketClient client,
      WebSocketConnectOptions connectTemplate,
      String hostName,
      ProtocolSession protocol) {
    this.conn = conn;
    ConnectionOptions options = conn.options;
    this.reconnects = new ReconnectScheduler(options.getReconnectPolicy());
    this.attempts =
        new ConnectAttempts(
            client,
            connectTemplate,
            hostName,
            (int) Math.min(Integer.MAX_VALUE, Math.max(1, options.getConnectTimeout().toMillis())));
    this.protocol = protocol;
    this.protocolLink = protocol == null ? null : new SessionLink();
  }

  private Vertx vertx() {
    return conn.host.vertx();
  }

  /** Checks the pending attempt's deadline; called by the verticle's shared tick. */
  void tick(long now) {
    if (attempts.isDue(now)) {
      onAttemptTimeout(attempts.current());
    }
  }

  Future<Boolean> degrade(String redacted) {
    if (ws == null || state != ConnectionState.CONNECTED) {
      return Future.succeededFuture(false);
    }
    publish(EventType.DEGRADED, null, null, redacted, ConnectionState.DEGRADED);
    return Future.succeededFuture(true);
  }

  Future<Boolean> recover() {
    if (ws == null || state != ConnectionState.DEGRADED) {
      return Future.succeededFuture(false);
    }
    publish(EventType.RECOVERED, null, null, null, ConnectionState.CONNECTED);
    return Future.succeededFuture(true);
  }

  Future<Void> connect() {
    if (state == ConnectionState.CONNECTED || state == ConnectionState.DEGRADED) {
      return Future.succeededFuture();
    }
    if (reconnects.ended()) {
      return Future.failedFuture(
          "connection " + conn.id() + ": the run has ended, no new attempt starts");
    }
    Promise<Void> promise = Promise.promise();
    if (connectWaiters == null) {
      connectWaiters = new ArrayList<>(1);
    }
    connectWaiters.add(promise);
    if (state == ConnectionState.CLOSED || state == ConnectionState.GAVE_UP) {
      closedByUs = false;
      reconnects.restart();
      attempt();
    }
    return promise.future();
  }

  /**
   * The run ended: no attempt starts from now on. A connection that is not open closes now (wsmon's
   * close: a pending reconnect or an unstarted ramp slot is cancelled, an attempt in flight is
   * abandoned, see {@link #closeByUs}); an open one stays open and is not reopened after a loss.
   */
  Future<Void> endAttempts() {
    reconnects.end(vertx());
    if (ws != null && (state == ConnectionState.CONNECTED || state == ConnectionState.DEGRADED)) {
      return Future.succeededFuture();
    }
    return closeByUs((short) 1000, "run ended");
  }

  /** Makes the first attempt; called once by the verticle (after the ramp-up offset). */
  void start() {
    if (!closedByUs && ws == null && !attempts.isPending() && !reconnects.isScheduled()) {
      attempt();
    }
  }

  private void attempt() {
    reconnects.fired();
    long gen = attempts.begin(reconnects.retries());
    lastError = null;
    setState(reconnects.recovering() ? ConnectionState.RECONNECTING : ConnectionState.CONNECTING);
    publish(EventType.ATTEMPT, null, null, null);
    attempts.connect().onComplete(ar -> onAttemptResult(gen, ar));
  }

  private void onAttemptResult(long gen, AsyncResult<WebSocket> ar) {
    if (!attempts.isCurrent(gen)) {
      if (ar.succeeded()) {
        ar.result().close((short) 1000, "wsmon: attempt abandoned");
      }
      return;
    }
    if (attempts.pastDeadline(System.nanoTime())) {
      // past the deadline, whether or not the tick noticed yet: the attempt timed out
      onAttemptTimeout(gen);
      if (ar.succeeded()) {
        ar.result().close((short) 1000, "wsmon: attempt abandoned");
      }
      return;
    }
    attempts.settle();
    if (ar.succeeded()) {
      onOpen(ar.result());
    } else {
      Throwable cause = ar.cause();
      int status = Failures.status(cause);
      Duration retryAfter =
          status > 0 && reconnects.policy().honoursRetryAfter(status)
              ? Failures.retryAfter(cause)
              : null;
      onAttemptFailed(
          Failures.reason(cause, attempts.hostName(), conn.options), status, retryAfter);
    }
  }

  private void onAttemptTimeout(long gen) {
    if (!attempts.isCurrent(gen)) {
      return;
    }
    attempts.abandon();
    String reason = "connect timeout after " + Durations.format(conn.options.getConnectTimeout());
    WebSocket socket = ws;
    if (socket != null) {
      // the upgrade completed, the protocol handshake did not
      ws = null;
      reason =
          protocol.name()
              + " handshake: no reply within "
              + Durations.format(conn.options.getConnectTimeout());
      closeSocket(socket, (short) 1000, "protocol handshake timeout");
    }
    onAttemptFailed(reason, -1, null);
  }

  private void onAttemptFailed(String reason, int status, Duration retryAfter) {
    double duration = millisSince(attempts.startedAt());
    String refusal = status > 0 && !reconnects.policy().isRetriedStatus(status) ? reason : null;
    Next next = reconnects.decide(closedByUs, refusal);
    publish(EventType.FAILED, duration, null, reason, next.state());
    apply(next, retryAfter);
  }

  private void onOpen(WebSocket socket) {
    ws = socket;
    connectedAt = System.nanoTime();
    double latency = (connectedAt - attempts.startedAt()) / 1000 / 1000.0;
    reconnects.connected();
    socket.closeHandler(v -> onSocketClosed(socket));
    ReceivePath receive = conn.receive;
    Pinger pinger = conn.pinger;
    receive.opened(socket);
    socket.exceptionHandler(t -> onSocketException(socket, t));
    frameError = null;
    FrameErrors.install(
        socket,
        conn.options.getMaxFrameSize(),
        (code, reason) -> {
          if (socket == ws && frameError == null) {
            frameErrorCode = code;
            frameError = reason;
          }
        });
    socket.textMessageHandler(
        s -> {
          if (socket == ws || socket == saying) {
            receive.onText(s);
          }
        });
    socket.binaryMessageHandler(
        b -> {
          if (socket == ws || socket == saying) {
            receive.onBinary(b);
          }
        });
    if (pinger != null) {
      socket.pongHandler(
          b -> {
            if (socket == ws) {
              pinger.onPong(b);
            }
          });
    }
    socket.drainHandler(
        v -> {
          if (socket == ws) {
            conn.sends.drain();
          }
        });
    if (conn.options.isValidateUtf8()) {
      receive.validateFrames();
      socket.frameHandler(
          f -> {
            if (socket == ws) {
              receive.onFrame(f);
            }
          });
    }
    if (pinger != null) {
      pinger.opened(connectedAt);
    }
    if (protocol != null) {
      // success waits for the protocol handshake, still bounded by the attempt's connect timeout
      upgradeLatency = latency;
      attempts.awaitHandshake();
      protocol.opened(protocolLink, connectedAt);
      return;
    }
    established(latency);
  }

  private void established(double latency) {
    if (conn.receive.feed != null) {
      conn.receive.feed.opened(connectedAt);
    }
    publish(EventType.CONNECTED, latency, null, null, ConnectionState.CONNECTED);
    completeConnectWaiters(null);
    conn.sends.drain();
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
        attempts.settle();
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
      attempts.settle();
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
          "message over maxMessageSize " + conn.options.getMaxMessageSize() + " bytes dropped");
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
      conn.counters.protocolErrors++;
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
    }
    lost(closeCode, reason);
  }

  /**
   * The open connection ended (server close, drop, ping timeout, protocol error, the protocol's own
   * end); during its protocol handshake that is the attempt's failure instead.
   */
  private void lost(int code, String reason) {
    if (protocol != null && protocol.handshaking()) {
      handshakeLost(code, reason);
      return;
    }
    ws = null;
    if (conn.receive.feed != null) {
      conn.receive.feed.closed();
      if (protocol != null) {
        protocol.feedClosed();
      }
    }
    double session = millisSince(connectedAt);
    conn.abortTraffic(
        "connection lost (close code " + code + ")",
        conn.options.getSendOptions().getSendBufferSize(),
        false);
    reconnects.sessionEnded(session);
    String refusal = reconnects.policy().isRetriedCloseCode(code) ? null : "close code " + code;
    Next next = reconnects.decide(closedByUs, refusal);
    publish(EventType.DISCONNECTED, session, code, reason, next.state());
    apply(next, null);
  }

  /**
   * The socket ended, by any of the causes of {@link #lost}, before the protocol handshake
   * completed: a failed attempt (duration: time to failure; no close code counted, no session
   * ended), retried as a failure.
   */
  private void handshakeLost(int code, String reason) {
    ws = null;
    attempts.settle();
    onAttemptFailed(protocol.name() + " handshake: closed (" + code + " " + reason + ")", -1, null);
  }

  /** Ends the open connection at once, treating it as lost, and closes the socket behind it. */
  private void abandon(int recordedCode, short sentCode, String reason) {
    WebSocket socket = ws;
    lost(recordedCode, reason);
    closeSocket(socket, sentCode, reason);
  }

  private Future<Void> closeSocket(WebSocket socket, short code, String reason) {
    return SocketCloser.closeSocket(vertx(), conn.sends, socket, code, reason);
  }

  private void apply(Next next, Duration retryAfter) {
    switch (next.state()) {
      case RECONNECTING -> {
        Duration delay = reconnects.nextDelay(next, retryAfter);
        String why = ReconnectScheduler.why(next, retryAfter);
        publish(
            EventType.RECONNECT_SCHEDULED,
            delay.toNanos() / 1000 / 1000.0,
            null,
            why,
            ConnectionState.RECONNECTING);
        reconnects.schedule(vertx(), delay, this::attempt);
      }
      case GAVE_UP -> {
        publish(EventType.GAVE_UP, null, null, next.giveUpReason(), ConnectionState.GAVE_UP);
        conn.abortTraffic("connection gave up", 0, true);
        completeConnectWaiters("connection " + conn.id() + " gave up: " + next.giveUpReason());
      }
      default -> {
        conn.abortTraffic("connection closed", 0, true);
        completeConnectWaiters("connection " + conn.id() + " is closed");
      }
    }
  }

  /**
   * wsmon's own close. An attempt in flight ends as abandoned: its {@code CLOSED} says {@code
   * attempt abandoned: <reason>} with the time it was in flight, and a result that still arrives
   * for it is closed unused (a socket) or ignored (a failure), never counted.
   */
  Future<Void> closeByUs(short code, String reason) {
    closedByUs = true;
    boolean abandoning = attemptInFlight;
    double inFlight = millisSince(attempts.startedAt());
    attempts.abandon();
    reconnects.cancel(vertx());
    WebSocket socket = ws;
    ws = null;
    if (conn.receive.feed != null) {
      conn.receive.feed.closed();
      if (protocol != null) {
        protocol.feedClosed();
      }
    }
    conn.abortTraffic("connection closed by wsmon", 0, true);
    completeConnectWaiters("connection " + conn.id() + " was closed by wsmon");
    if (socket != null) {
      publish(
          EventType.CLOSED,
          abandoning ? inFlight : millisSince(connectedAt),
          (int) code,
          abandoning ? AttemptOutcomes.abandoned(reason) : reason,
          ConnectionState.CLOSED);
      if (protocol != null && !socket.isClosed()) {
        // messages before the protocol's goodbye completes are still counted
        saying = socket;
        return protocol
            .goodbye(vertx(), socket)
            .transform(
                ar -> {
                  saying = null;
                  return closeSocket(socket, code, reason);
                });
      }
      return closeSocket(socket, code, reason);
    }
    if (abandoning) {
      publish(
          EventType.CLOSED,
          inFlight,
          null,
          AttemptOutcomes.abandoned(reason),
          ConnectionState.CLOSED);
    } else if (state != ConnectionState.CLOSED && state != ConnectionState.GAVE_UP) {
      publish(EventType.CLOSED, null, null, reason, ConnectionState.CLOSED);
    }
    return Future.succeededFuture();
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

  /** The socket that takes messages now (not while a protocol handshake is under way). */
  @Override
  public WebSocket writableSocket() {
    return protocol != null && protocol.handshaking() ? null : ws;
  }

  @Override
  public String closedReason() {
    return closedByUs || state == ConnectionState.CLOSED || state == ConnectionState.GAVE_UP
        ? "not connected: connection " + conn.id() + " is " + state
        : null;
  }

  @Override
  public String notConnectedReason(boolean closing) {
    return "not connected: connection " + conn.id() + " is " + (closing ? "closing" : state);
  }

  @Override
  public boolean isOpen() {
    return ws != null;
  }

  @Override
  public void protocolError(int closeCode, String reason) {
    conn.counters.protocolErrors++;
    ConnectionState now = state;
    publish(EventType.PROTOCOL_ERROR, null, null, reason, now);
    if (conn.options.getProtocolErrorPolicy() == ProtocolErrorPolicy.CLOSE && ws != null) {
      abandon(closeCode, (short) closeCode, reason);
    }
  }

  /** The feed went stale: no message for {@code silence} ns, over {@code maxSilence} ns. */
  void stale(long silence, long maxSilence) {
    publish(
        EventType.STALE,
        silence / 1000 / 1000.0,
        null,
        "no message for "
            + Durations.format(Duration.ofMillis(silence / 1_000_000))
            + " (maxSilence "
            + Durations.format(Duration.ofNanos(maxSilence))
            + ")");
  }

  void pingTimeout() {
    String reason = "no pong within " + Durations.format(conn.options.getPongTimeout());
    publish(EventType.PING_TIMEOUT, null, null, reason, state);
    abandon(ABNORMAL_CLOSE, (short) 1001, "ping timeout: " + reason);
  }

  private void publish(EventType type, Double durationMs, Integer closeCode, String reason) {
    publish(type, durationMs, closeCode, reason, state);
  }

  private void publish(
      EventType type, Double durationMs, Integer closeCode, String reason, ConnectionState after) {
    attemptInFlight = AttemptOutcomes.inFlightAfter(attemptInFlight, type);
    setState(after);
    int attempt =
        type == EventType.RECONNECT_SCHEDULED || type == EventType.GAVE_UP
            ? reconnects.retries()
            : attempts.number();
    conn.host.publish(
        new ConnectionEvent(
            conn.id(),
            conn.group(),
            type,
            Instant.now(),
            attempt,
            durationMs,
            closeCode,
            reason,
            after));
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
}
