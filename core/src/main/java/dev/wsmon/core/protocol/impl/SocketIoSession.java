package dev.wsmon.core.protocol.impl;

import dev.wsmon.core.protocol.ProtocolOperation;
import dev.wsmon.core.protocol.SocketIoOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Socket.IO v5 over Engine.IO v4 on the websocket transport: waits for the Engine.IO open packet,
 * joins the namespace with its {@code auth}, answers pings, emits events (with an ack id when a
 * reply is wanted) and counts received events per event name. A binary event or ack is one
 * application message, counted when its last attachment arrived, its bytes the packet's and the
 * attachments' (the attachments are not parsed).
 */
final class SocketIoSession extends ProtocolSession {

  private final SocketIoOptions options;
  private final String nsPrefix;
  private final String eventPrefix;
  private long pingDeadlineNanos;
  private long lastPingAt;
  private String lastText;
  private String lastArgument;
  // a BINARY_EVENT / BINARY_ACK waiting for its attachments
  private int attachmentsLeft;
  private long binaryBytes;
  private char binaryType;
  private String binaryNamespace;
  private String binaryId;
  private String binaryData;

  SocketIoSession(SocketIoOptions options) {
    this.options = options;
    this.nsPrefix = options.getNamespace().equals("/") ? "" : options.getNamespace() + ",";
    this.eventPrefix = "[" + Json.encode(options.getEvent()) + ",";
  }

  @Override
  public String name() {
    return "socketio";
  }

  @Override
  protected void start(long now) {
    // the server speaks first (Engine.IO open packet)
    lastPingAt = now;
    pingDeadlineNanos = 0;
    attachmentsLeft = 0;
  }

  @Override
  public int onText(String text, long bytes, long now) {
    beginMessage();
    if (text.isEmpty()) {
      return CONTROL;
    }
    switch (text.charAt(0)) {
      case '0' -> onOpen(text, now);
      case '2' -> {
        heartbeatReceived();
        lastPingAt = now;
        link.writeControl("3");
        heartbeatSent();
      }
      case '4' -> {
        return onPacket(text, bytes, now);
      }
      default -> {
        // 1 close, 3 pong, 6 noop: the transport's own
      }
    }
    return CONTROL;
  }

  private void onOpen(String text, long now) {
    try {
      JsonObject open = new JsonObject(text.substring(1));
      long interval = open.getLong("pingInterval", 25_000L);
      long timeout = open.getLong("pingTimeout", 20_000L);
      pingDeadlineNanos = (interval + timeout) * 1_000_000L;
      lastPingAt = now;
    } catch (RuntimeException e) {
      error("malformed Engine.IO open packet");
    }
    JsonObject auth = options.getAuth();
    link.writeControl("40" + nsPrefix + (auth == null ? "" : auth.encode()));
  }

  private int onPacket(String text, long bytes, long now) {
    if (text.length() < 2) {
      return CONTROL;
    }
    char type = text.charAt(1);
    int i = 2;
    int attachments = 0;
    if (type == '5' || type == '6') {
      int dash = text.indexOf('-', i);
      if (dash > i) {
        try {
          attachments = Integer.parseInt(text.substring(i, dash));
          i = dash + 1;
        } catch (NumberFormatException e) {
          attachments = 0;
        }
      }
    }
    String ns = "/";
    if (i < text.length() && text.charAt(i) == '/') {
      int comma = text.indexOf(',', i);
      ns = comma < 0 ? text.substring(i) : text.substring(i, comma);
      i = comma < 0 ? text.length() : comma + 1;
    }
    int idStart = i;
    while (i < text.length() && Character.isDigit(text.charAt(i))) {
      i++;
    }
    String id = i > idStart ? text.substring(idStart, i) : null;
    String data = text.substring(i);
    if (type == '5' || type == '6') {
      return binaryPacket(type, ns, id, data, bytes, attachments);
    }
    if (!ns.equals(options.getNamespace())) {
      return type == '2' || type == '3' ? APPLICATION : CONTROL;
    }
    switch (type) {
      case '0' -> handshakeDone(now);
      case '4' -> {
        String reason = "connect_error: " + errorMessage(data);
        if (handshaking) {
          handshakeFailed(reason);
        } else {
          error(reason);
        }
      }
      case '1' -> link.ended("socketio: disconnected by the server (namespace " + ns + ")");
      case '2' -> {
        onEvent(data, bytes);
        return APPLICATION;
      }
      case '3' -> {
        replyKey = id;
        payload = firstArgument(data);
        return APPLICATION;
      }
      default -> {
        // a packet type of a later Socket.IO version
        return APPLICATION;
      }
    }
    return CONTROL;
  }

  /** A BINARY_EVENT or BINARY_ACK: one application message once its attachments arrived. */
  private int binaryPacket(
      char type, String ns, String id, String data, long bytes, int attachments) {
    binaryType = type;
    binaryNamespace = ns;
    binaryId = id;
    binaryData = data;
    binaryBytes = bytes;
    attachmentsLeft = attachments;
    if (attachments > 0) {
      return CONTROL;
    }
    binaryMessage();
    return APPLICATION;
  }

  @Override
  public int onBinary(Buffer data, long now) {
    beginMessage();
    if (attachmentsLeft <= 0) {
      // a binary message outside a binary packet: an application message without a channel
      return APPLICATION;
    }
    binaryBytes += data.length();
    if (--attachmentsLeft > 0) {
      return CONTROL;
    }
    spanningBytes(binaryBytes);
    binaryMessage();
    return APPLICATION;
  }

  private void binaryMessage() {
    String data = binaryData;
    binaryData = null;
    if (!binaryNamespace.equals(options.getNamespace())) {
      return;
    }
    if (binaryType == '5') {
      onEvent(data, binaryBytes);
    } else {
      replyKey = binaryId;
      payload = firstArgument(data);
    }
  }

  private void onEvent(String data, long bytes) {
    try {
      JsonArray args = new JsonArray(data);
      Object name = args.isEmpty() ? null : args.getValue(0);
      channel(name instanceof String s ? s : String.valueOf(name), bytes);
      payload = args.size() > 1 ? Json.encode(args.getValue(1)) : null;
    } catch (DecodeException e) {
      error("malformed Socket.IO event");
    }
  }

  private static String firstArgument(String data) {
    try {
      JsonArray args = new JsonArray(data);
      return args.isEmpty() ? null : Json.encode(args.getValue(0));
    } catch (DecodeException e) {
      return null;
    }
  }

  private static String errorMessage(String data) {
    try {
      Object value = Json.decodeValue(data);
      if (value instanceof JsonObject o && o.getValue("message") != null) {
        return String.valueOf(o.getValue("message"));
      }
      return String.valueOf(value);
    } catch (DecodeException e) {
      return data;
    }
  }

  @Override
  protected String frameText(String text, String key) {
    if (text != lastText) {
      lastArgument = argument(text);
      lastText = text;
    }
    return "42" + nsPrefix + (key == null ? "" : key) + eventPrefix + lastArgument + "]";
  }

  @Override
  protected String frameOperation(ProtocolOperation op, String key) {
    String data = op.text() == null ? "" : "," + argument(op.text());
    return "42"
        + nsPrefix
        + (key == null ? "" : key)
        + "["
        + Json.encode(op.channel())
        + data
        + "]";
  }

  /** The text itself when it is JSON, else the text as a JSON string. */
  private static String argument(String text) {
    try {
      Json.decodeValue(text);
      return text;
    } catch (DecodeException e) {
      return Json.encode(text);
    }
  }

  @Override
  public void tick(long now) {
    if (!handshaking && pingDeadlineNanos > 0 && now - lastPingAt > pingDeadlineNanos) {
      error("heartbeat silence");
      link.silence(
          "no Engine.IO ping within pingInterval + pingTimeout ("
              + pingDeadlineNanos / 1_000_000
              + " ms)");
      pingDeadlineNanos = 0;
    }
  }

  @Override
  public Future<Void> goodbye(Vertx vertx, WebSocket socket) {
    if (!handshaking) {
      socket.writeTextMessage("41" + nsPrefix);
    }
    return Future.succeededFuture();
  }
}
