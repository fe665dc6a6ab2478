package dev.wsmon.core.protocol.impl;

import dev.wsmon.core.protocol.GraphqlWsOptions;
import dev.wsmon.core.protocol.ProtocolOperation;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * GraphQL over WebSocket ({@code graphql-transport-ws}): connection_init / connection_ack,
 * ping/pong both ways, subscribe / next / error / complete, and the protocol's close codes named in
 * reasons.
 */
final class GraphqlWsSession extends ProtocolSession {

  /** The id of the subscription made once per connection from the settings. */
  static final String SUBSCRIPTION_ID = "subscription";

  /** The close codes of the protocol and their names. */
  static final Map<Integer, String> CLOSE_CODES =
      Map.of(
          4400, "Bad request",
          4401, "Unauthorized",
          4403, "Forbidden",
          4406, "Subprotocol not acceptable",
          4408, "Connection initialisation timeout",
          4409, "Subscriber already exists",
          4429, "Too many initialisation requests",
          4500, "Internal server error");

  /** Requests remembered for a result-less complete; the oldest are forgotten beyond this. */
  static final int MAX_UNANSWERED = 4096;

  private static final String PING = "{\"type\":\"ping\"}";
  private static final String PONG = "{\"type\":\"pong\"}";

  private final GraphqlWsOptions options;
  private final long pingEveryNanos;
  private final long pongTimeoutNanos;
  private long nextPingAt;
  private long pingSentAt;
  private String channelName;
  // subscriptions made through the protocol channel: operation id -> channel name
  private final Map<String, String> subscriptions = new HashMap<>();
  // requests (a run's operations) with no next or error yet: a complete answers them
  private final Set<String> unanswered = new LinkedHashSet<>();

  GraphqlWsSession(GraphqlWsOptions options, Duration pongTimeout) {
    this.options = options;
    this.pingEveryNanos = options.getPingInterval().toNanos();
    this.pongTimeoutNanos = pongTimeout.toNanos();
  }

  @Override
  public String name() {
    return "graphql-ws";
  }

  @Override
  protected void start(long now) {
    pingSentAt = 0;
    subscriptions.clear();
    unanswered.clear();
    JsonObject init = new JsonObject().put("type", "connection_init");
    if (options.getPayload() != null) {
      init.put("payload", options.getPayload());
    }
    link.writeControl(init.encode());
  }

  @Override
  public int onText(String text, long bytes, long now) {
    beginMessage();
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      error("malformed graphql-ws message");
      return APPLICATION;
    }
    String type = message.getString("type", "");
    String id = message.getValue("id") == null ? null : String.valueOf(message.getValue("id"));
    switch (type) {
      case "connection_ack" -> {
        handshakeDone(now);
        nextPingAt = now + pingEveryNanos;
        subscribe();
      }
      case "ping" -> {
        heartbeatReceived();
        link.writeControl(PONG);
        heartbeatSent();
      }
      case "pong" -> {
        heartbeatReceived();
        pingSentAt = 0;
      }
      case "next" -> {
        String subscription = id == null ? null : subscriptions.get(id);
        if (subscription != null) {
          channel(subscription, bytes);
        } else if (SUBSCRIPTION_ID.equals(id)) {
          channel(channelName, bytes);
        } else {
          replyKey = id;
          unanswered.remove(id);
        }
        Object p = message.getValue("payload");
        payload = p == null ? null : Json.encode(p);
        return APPLICATION;
      }
      case "error" -> {
        error("error: " + errorMessage(message.getValue("payload")));
        boolean subscription = id != null && subscriptions.remove(id) != null;
        replyKey = subscription || SUBSCRIPTION_ID.equals(id) ? null : id;
        unanswered.remove(id);
        return APPLICATION;
      }
      case "complete" -> {
        if (id != null) {
          subscriptions.remove(id);
          if (unanswered.remove(id)) {
            // an operation completed without a result: the complete is its reply
            replyKey = id;
            return APPLICATION;
          }
        }
      }
      default -> {
        // a type this client does not know
      }
    }
    return CONTROL;
  }

  private void subscribe() {
    String query = options.getSubscription();
    if (query == null) {
      return;
    }
    channelName = operationName(query);
    JsonObject payload = new JsonObject().put("query", query);
    if (options.getVariables() != null) {
      payload.put("variables", options.getVariables());
    }
    link.writeControl(
        new JsonObject()
            .put("id", SUBSCRIPTION_ID)
            .put("type", "subscribe")
            .put("payload", payload)
            .encode());
  }

  /** The channel of a subscription: its first root field, e.g. {@code ticks}. */
  static String operationName(String query) {
    int brace = query.indexOf('{');
    if (brace < 0) {
      return "subscription";
    }
    int i = brace + 1;
    while (i < query.length() && Character.isWhitespace(query.charAt(i))) {
      i++;
    }
    int start = i;
    while (i < query.length()
        && (Character.isLetterOrDigit(query.charAt(i)) || query.charAt(i) == '_')) {
      i++;
    }
    return i > start ? query.substring(start, i) : "subscription";
  }

  private static String errorMessage(Object payload) {
    if (payload instanceof JsonArray errors && !errors.isEmpty()) {
      Object first = errors.getValue(0);
      if (first instanceof JsonObject e && e.getValue("message") != null) {
        return String.valueOf(e.getValue("message"));
      }
    }
    return String.valueOf(payload);
  }

  @Override
  protected String frameText(String text, String key) {
    JsonObject payload = null;
    String t = text.trim();
    if (t.startsWith("{")) {
      try {
        JsonObject given = new JsonObject(t);
        if (given.containsKey("query")) {
          payload = given;
        }
      } catch (DecodeException e) {
        payload = null;
      }
    }
    if (payload == null) {
      payload = new JsonObject().put("query", text);
    }
    if (key != null) {
      if (unanswered.size() >= MAX_UNANSWERED) {
        unanswered.remove(unanswered.iterator().next());
      }
      unanswered.add(key);
    }
    return new JsonObject()
        .put("id", key != null ? key : "op-" + nextKey())
        .put("type", "subscribe")
        .put("payload", payload)
        .encode();
  }

  /** A subscription with an id of its own per connection, its results on the channel it names. */
  @Override
  protected String frameOperation(ProtocolOperation op, String key) {
    String id = op.channel() + "-" + nextKey();
    subscriptions.put(id, op.channel());
    JsonObject payload = new JsonObject().put("query", op.text());
    if (op.variables() != null) {
      payload.put("variables", op.variables());
    }
    return new JsonObject().put("id", id).put("type", "subscribe").put("payload", payload).encode();
  }

  @Override
  public void tick(long now) {
    if (handshaking || pingEveryNanos <= 0) {
      return;
    }
    if (pingSentAt != 0 && now - pingSentAt > pongTimeoutNanos) {
      pingSentAt = 0;
      error("heartbeat silence");
      link.silence("no graphql-ws pong within " + pongTimeoutNanos / 1_000_000 + " ms");
    } else if (pingSentAt == 0 && now >= nextPingAt) {
      pingSentAt = now;
      nextPingAt = now + pingEveryNanos;
      link.writeControl(PING);
      heartbeatSent();
    }
  }

  @Override
  public String closeReason(int code, String reason) {
    String name = CLOSE_CODES.get(code);
    if (name == null) {
      return reason;
    }
    if (reason == null || reason.isEmpty() || reason.equals(name)) {
      return name;
    }
    return name + ": " + reason;
  }
}
