package dev.wsmon.core.protocol.impl;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.LatencyHistograms;
import dev.wsmon.core.ProtocolDelta;
import dev.wsmon.core.protocol.ProtocolMessage;
import dev.wsmon.core.protocol.ProtocolOperation;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One connection's protocol layer: its handshake, heartbeats and message framing, and the counts of
 * the {@code protocol} stats block. One instance serves every session (attempt) of a connection;
 * {@link #opened} starts each. Event loop only.
 *
 * <p>{@link #onText} classifies each received text message: {@link #CONTROL} (handshake,
 * heartbeats, acknowledgements of control frames: not an application message) or {@link
 * #APPLICATION}, after which {@link #replyKey()} names the request it answers (or {@code null}) and
 * {@link #payload()} the application data for feed metrics.
 */
public abstract class ProtocolSession {

  /** A protocol control message: not counted, not delivered. */
  public static final int CONTROL = 0;

  /** An application message. */
  public static final int APPLICATION = 1;

  /** Distinct channels and error reasons kept per connection; more go under {@link #OTHER}. */
  static final int MAX_KEYS = 200;

  static final String OTHER = "(other)";

  private Histogram handshake;
  private long heartbeatsSent;
  private long heartbeatsReceived;
  private final Map<String, Long> errors = new LinkedHashMap<>();
  private final Map<String, long[]> channels = new LinkedHashMap<>();
  private boolean dirty;
  private ChannelFeeds channelFeeds;
  private String channel;
  private long ids;
  private long openedAt;

  protected ProtocolLink link;
  protected boolean handshaking;
  protected String replyKey;
  protected String payload;
  private String messageChannel;
  private long messageBytes = -1;
  private ProtocolOperation prepared;
  private Handler<ProtocolMessage> messageHandler;

  /** The session for {@code options}' protocol, or {@code null} for raw WebSocket. */
  public static ProtocolSession create(ConnectionOptions options) {
    ProtocolSession session = of(options);
    if (session != null && options.getFeedOptions().isEnabled()) {
      session.channelFeeds = new ChannelFeeds(options);
    }
    return session;
  }

  private static ProtocolSession of(ConnectionOptions options) {
    return switch (options.getProtocolOptions().getProtocol()) {
      case RAW -> null;
      case SOCKETIO -> new SocketIoSession(options.getProtocolOptions().getSocketIo());
      case STOMP -> new StompSession(options.getProtocolOptions().getStomp(), options.getUri());
      case GRAPHQL_WS ->
          new GraphqlWsSession(
              options.getProtocolOptions().getGraphqlWs(), options.getPongTimeout());
    };
  }

  /** The protocol's config name. */
  public abstract String name();

  /** The upgrade completed at {@code now}: starts the protocol handshake. */
  public final void opened(ProtocolLink link, long now) {
    this.link = link;
    this.openedAt = now;
    this.handshaking = true;
    if (channelFeeds != null) {
      channelFeeds.opened(now);
    }
    start(now);
  }

  /** Writes the first handshake message, if the client speaks first. */
  protected abstract void start(long now);

  /** Whether the handshake is still under way. */
  public final boolean handshaking() {
    return handshaking;
  }

  /**
   * Classifies and handles a received text message.
   *
   * @param text the message
   * @param bytes its payload size in bytes
   * @param now {@code System.nanoTime()}
   * @return {@link #CONTROL} or {@link #APPLICATION}
   */
  public abstract int onText(String text, long bytes, long now);

  /**
   * Classifies and handles a received binary message; by default an application message without a
   * channel.
   */
  public int onBinary(Buffer data, long now) {
    beginMessage();
    return APPLICATION;
  }

  /**
   * The payload bytes of the last application message: {@code frameBytes}, unless the message spans
   * several WebSocket messages (a Socket.IO binary event and its attachments).
   */
  public final long messageBytes(long frameBytes) {
    return messageBytes >= 0 ? messageBytes : frameBytes;
  }

  /** The last application message spans several WebSocket messages of {@code bytes} in all. */
  protected final void spanningBytes(long bytes) {
    messageBytes = bytes;
  }

  /** The request the last application message answers, or {@code null}. */
  public final String replyKey() {
    return replyKey;
  }

  /** The application data of the last application message (for feed metrics), or {@code null}. */
  public final String payload() {
    return payload;
  }

  /**
   * Feed metrics of the channel of the application message just handled (with {@code
   * --seq-field}/{@code --ts-field} only); call once per application message.
   *
   * @param data its application data ({@link #payload()}), or {@code null}
   * @param now {@code System.nanoTime()}
   */
  public final void feedChannel(String data, long now) {
    String c = channel;
    channel = null;
    if (channelFeeds != null && c != null && data != null) {
      channelFeeds.onText(c, data, now);
    }
  }

  /** The connection closed: the channels' feeds pause like the connection's. */
  public final void feedClosed() {
    if (channelFeeds != null) {
      channelFeeds.closed();
    }
  }

  /** A new correlation id, unique within the connection. */
  public final String nextKey() {
    return Long.toString(++ids);
  }

  /**
   * Frames {@code text} as an application message, or the operation {@link #prepare prepared} for
   * this one call.
   *
   * @param text what the user sends
   * @param key the correlation id the reply will carry, or {@code null} when no reply is wanted
   * @return the wire text
   * @throws IllegalStateException when this protocol cannot send (its reason is the message)
   */
  public final String frame(String text, String key) {
    ProtocolOperation op = prepared;
    prepared = null;
    if (op == null) {
      return frameText(text, key);
    }
    if (!op.kind().protocol().configName().equals(name())) {
      throw new IllegalStateException(op.kind() + " is not an operation of protocol " + name());
    }
    return frameOperation(op, key);
  }

  /** Frames {@code text} as an application message (see {@link #frame}). */
  protected abstract String frameText(String text, String key);

  /** Frames an operation of this protocol (see {@link #frame}). */
  protected abstract String frameOperation(ProtocolOperation op, String key);

  /**
   * Makes the next {@link #frame} call (made at once by the caller, on the event loop) frame {@code
   * op} instead of its text; {@code null} clears it.
   */
  public final void prepare(ProtocolOperation op) {
    prepared = op;
  }

  /** Sets the handler of application messages with a channel. */
  public final void messageHandler(Handler<ProtocolMessage> handler) {
    messageHandler = handler;
  }

  /**
   * Hands the last application message to the message handler when it has a channel; called by the
   * connection after its own handlers.
   */
  public final void deliver() {
    String ch = messageChannel;
    messageChannel = null;
    Handler<ProtocolMessage> h = messageHandler;
    if (ch != null && h != null) {
      h.handle(new ProtocolMessage(ch, payload));
    }
  }

  /** Heartbeats and silence; called by the connection's tick. */
  public abstract void tick(long now);

  /**
   * The close reason to report for a close frame, naming protocol close codes.
   *
   * @param code the close code
   * @param reason the server's reason, possibly empty
   */
  public String closeReason(int code, String reason) {
    return reason;
  }

  /**
   * Ends the session gracefully before wsmon closes the socket (STOMP: DISCONNECT and its RECEIPT);
   * the socket's text handler may be replaced.
   */
  public Future<Void> goodbye(Vertx vertx, WebSocket socket) {
    return Future.succeededFuture();
  }

  // ------------------------------------------------------------ for subclasses

  protected final void handshakeDone(long now) {
    if (!handshaking) {
      return;
    }
    handshaking = false;
    if (handshake == null) {
      handshake = LatencyHistograms.create();
    }
    LatencyHistograms.recordNanos(handshake, now - openedAt);
    dirty = true;
    link.handshakeDone();
  }

  protected final void handshakeFailed(String reason) {
    handshaking = false;
    error(reason);
    link.handshakeFailed(reason);
  }

  protected final void error(String reason) {
    String key = errors.size() >= MAX_KEYS && !errors.containsKey(reason) ? OTHER : reason;
    errors.merge(key, 1L, Long::sum);
    dirty = true;
  }

  /** A new received message: clears what the previous one set. */
  protected final void beginMessage() {
    replyKey = null;
    payload = null;
    messageChannel = null;
    messageBytes = -1;
  }

  protected final void channel(String name, long bytes) {
    messageChannel = name;
    String key = channels.size() >= MAX_KEYS && !channels.containsKey(name) ? OTHER : name;
    long[] c = channels.computeIfAbsent(key, k -> new long[2]);
    channel = key;
    c[0]++;
    c[1] += bytes;
    dirty = true;
  }

  protected final void heartbeatSent() {
    heartbeatsSent++;
    dirty = true;
  }

  protected final void heartbeatReceived() {
    heartbeatsReceived++;
    dirty = true;
  }

  /** Whether {@link #takeDelta()} has something to report. */
  public final boolean hasDelta() {
    return dirty || (channelFeeds != null && channelFeeds.hasDelta());
  }

  /** The counts since the last call. */
  public final ProtocolDelta takeDelta() {
    Map<String, long[]> c = new LinkedHashMap<>();
    channels.forEach((k, v) -> c.put(k, v.clone()));
    ProtocolDelta delta =
        new ProtocolDelta(
            name(),
            handshake,
            heartbeatsSent,
            heartbeatsReceived,
            new LinkedHashMap<>(errors),
            c,
            channelFeeds == null ? Map.of() : channelFeeds.takeDeltas(System.nanoTime()));
    handshake = null;
    heartbeatsSent = 0;
    heartbeatsReceived = 0;
    errors.clear();
    channels.clear();
    dirty = false;
    return delta;
  }
}
