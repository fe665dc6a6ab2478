package dev.wsmon.core.protocol.impl;

import dev.wsmon.core.impl.Utf8;
import dev.wsmon.core.protocol.ProtocolOperation;
import dev.wsmon.core.protocol.StompOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * STOMP 1.2 (accepting 1.1): CONNECT with login and heart-beat wish, CONNECTED with the negotiated
 * heart-beats, an automatic SUBSCRIBE, SEND (with a receipt when a reply is wanted), MESSAGE
 * counted per destination, ERROR reported with its {@code message} header, and DISCONNECT with a
 * receipt at the end.
 */
final class StompSession extends ProtocolSession {

  /** How long the DISCONNECT receipt is waited for. */
  static final long DISCONNECT_RECEIPT_MS = 2000;

  private final StompOptions options;
  private final String host;
  private long sendEveryNanos;
  private long expectEveryNanos;
  private long lastSentBeat;
  private long lastReceived;
  private String lastError;
  private String lastBody;
  private String lastFrame;
  private int closes;
  private Promise<Void> bye;
  private String byeReceipt;

  StompSession(StompOptions options, String uri) {
    this.options = options;
    String h = options.getHost();
    if (h == null) {
      try {
        h = URI.create(uri).getHost();
      } catch (RuntimeException e) {
        h = null;
      }
    }
    this.host = h;
  }

  @Override
  public String name() {
    return "stomp";
  }

  @Override
  protected void start(long now) {
    sendEveryNanos = 0;
    expectEveryNanos = 0;
    lastError = null;
    lastReceived = now;
    link.writeControl(
        StompFrame.write(
            "CONNECT",
            "accept-version",
            "1.2,1.1",
            "host",
            host,
            "login",
            options.getLogin(),
            "passcode",
            options.getPasscode(),
            "heart-beat",
            options.getHeartbeatOutgoing().toMillis()
                + ","
                + options.getHeartbeatIncoming().toMillis()));
  }

  @Override
  public int onText(String text, long bytes, long now) {
    beginMessage();
    lastReceived = now;
    StompFrame frame = StompFrame.parse(text);
    for (int i = 0; i < frame.heartbeats(); i++) {
      heartbeatReceived();
    }
    if (frame.command() == null) {
      return CONTROL;
    }
    switch (frame.command()) {
      case "CONNECTED" -> onConnected(frame, now);
      case "ERROR" -> {
        String reason = "ERROR: " + errorText(frame);
        lastError = reason;
        if (handshaking) {
          handshakeFailed(reason);
        } else {
          error(reason);
        }
      }
      case "RECEIPT" -> {
        String id = frame.headers().get("receipt-id");
        if (bye != null && id != null && id.equals(byeReceipt)) {
          bye.tryComplete();
          return CONTROL;
        }
        replyKey = id;
        return APPLICATION;
      }
      case "MESSAGE" -> {
        String destination = frame.headers().get("destination");
        channel(destination == null ? "(none)" : destination, bytes);
        payload = frame.body();
        return APPLICATION;
      }
      default -> {
        return APPLICATION;
      }
    }
    return CONTROL;
  }

  /** Brokers such as vertx-stomp send frames as binary messages: the same frames. */
  @Override
  public int onBinary(Buffer data, long now) {
    return onText(data.toString(StandardCharsets.UTF_8), data.length(), now);
  }

  /** The {@code message} header, and the body's first line when it says more (RabbitMQ does). */
  static String errorText(StompFrame frame) {
    String message = frame.headers().get("message");
    String body = frame.body().trim();
    int eol = body.indexOf('\n');
    body = eol < 0 ? body : body.substring(0, eol).trim();
    if (body.length() > 200) {
      body = body.substring(0, 200) + "…";
    }
    if (message == null || message.isBlank()) {
      return body;
    }
    return body.isEmpty() || body.equals(message) ? message : message + ": " + body;
  }

  private void onConnected(StompFrame frame, long now) {
    long sx = 0;
    long sy = 0;
    String beat = frame.headers().get("heart-beat");
    if (beat != null) {
      String[] parts = beat.split(",");
      try {
        sx = Long.parseLong(parts[0].trim());
        sy = parts.length > 1 ? Long.parseLong(parts[1].trim()) : 0;
      } catch (NumberFormatException e) {
        error("malformed heart-beat header '" + beat + "'");
      }
    }
    long cx = options.getHeartbeatOutgoing().toMillis();
    long cy = options.getHeartbeatIncoming().toMillis();
    sendEveryNanos = cx == 0 || sy == 0 ? 0 : Math.max(cx, sy) * 1_000_000L;
    expectEveryNanos = sx == 0 || cy == 0 ? 0 : Math.max(sx, cy) * 1_000_000L;
    lastSentBeat = now;
    handshakeDone(now);
    String subscribe = options.effectiveSubscribe();
    if (subscribe != null) {
      link.writeControl(
          StompFrame.write("SUBSCRIBE", "id", "sub-0", "destination", subscribe, "ack", "auto"));
    }
  }

  @Override
  protected String frameText(String text, String key) {
    String destination = options.getDestination();
    if (destination == null) {
      throw new IllegalStateException("stomp destination is not set (stomp.destination)");
    }
    if (key == null && text == lastBody) {
      return lastFrame;
    }
    String frame =
        StompFrame.write(
            "SEND",
            "destination",
            destination,
            "content-length",
            Long.toString(Utf8.length(text)),
            "receipt",
            key,
            text);
    if (key == null) {
      lastBody = text;
      lastFrame = frame;
    }
    return frame;
  }

  @Override
  protected String frameOperation(ProtocolOperation op, String key) {
    if (op.kind() == ProtocolOperation.Kind.STOMP_SUBSCRIBE) {
      String id = op.id() != null ? op.id() : "sub-" + nextKey();
      return StompFrame.write("SUBSCRIBE", "id", id, "destination", op.channel(), "ack", "auto");
    }
    return StompFrame.write(
        "SEND",
        "destination",
        op.channel(),
        "content-length",
        Long.toString(Utf8.length(op.text())),
        "receipt",
        key,
        op.text());
  }

  @Override
  public void tick(long now) {
    if (handshaking) {
      return;
    }
    if (sendEveryNanos > 0 && now - lastSentBeat >= sendEveryNanos) {
      lastSentBeat = now;
      link.writeControl("\n");
      heartbeatSent();
    }
    // as stomp.js: silence for twice the negotiated period (at least one period + 1 s)
    long allowed = Math.max(2 * expectEveryNanos, expectEveryNanos + 1_000_000_000L);
    if (expectEveryNanos > 0 && now - lastReceived > allowed) {
      expectEveryNanos = 0;
      error("heartbeat silence");
      link.silence("no STOMP frame or heart-beat within " + allowed / 1_000_000 + " ms");
    }
  }

  @Override
  public String closeReason(int code, String reason) {
    if (lastError == null) {
      return reason;
    }
    return reason == null || reason.isEmpty() ? lastError : lastError + " (" + reason + ")";
  }

  @Override
  public Future<Void> goodbye(Vertx vertx, WebSocket socket) {
    if (handshaking) {
      return Future.succeededFuture();
    }
    // frames keep arriving through onText (and are counted) until the DISCONNECT's RECEIPT
    byeReceipt = "close-" + (++closes);
    Promise<Void> done = Promise.promise();
    bye = done;
    socket.closeHandler(v -> done.tryComplete());
    long timer = vertx.setTimer(DISCONNECT_RECEIPT_MS, t -> done.tryComplete());
    socket
        .writeTextMessage(StompFrame.write("DISCONNECT", "receipt", byeReceipt))
        .onFailure(e -> done.tryComplete());
    return done.future()
        .onComplete(
            ar -> {
              vertx.cancelTimer(timer);
              bye = null;
              byeReceipt = null;
            });
  }
}
