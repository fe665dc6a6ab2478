package dev.wsmon.core.protocol;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One protocol operation a {@link ProtocolChannel} sends: a Socket.IO {@code emit}, a STOMP {@code
 * SUBSCRIBE} or {@code SEND}, a graphql-ws {@code subscribe}. Immutable; built with the static
 * factories, each of which belongs to one {@link Protocol}.
 */
public final class ProtocolOperation {

  /** What the operation does, and the protocol it belongs to. */
  public enum Kind {
    /** Socket.IO: emits an event (with an ack id when sent as a request). */
    EMIT(Protocol.SOCKETIO, "emit"),
    /** STOMP: SUBSCRIBE to a destination. */
    STOMP_SUBSCRIBE(Protocol.STOMP, "subscribe"),
    /** STOMP: SEND to a destination (with a receipt when sent as a request). */
    STOMP_SEND(Protocol.STOMP, "send"),
    /** graphql-ws: starts a subscription (or query) whose results arrive as its channel. */
    GRAPHQL_SUBSCRIBE(Protocol.GRAPHQL_WS, "subscribe");

    private final Protocol protocol;
    private final String stepName;

    Kind(Protocol protocol, String stepName) {
      this.protocol = protocol;
      this.stepName = stepName;
    }

    /** The protocol the operation belongs to. */
    public Protocol protocol() {
      return protocol;
    }

    /** Whether the protocol answers it with an id (a Socket.IO ack, a STOMP receipt). */
    public boolean hasReply() {
      return this == EMIT || this == STOMP_SEND;
    }

    @Override
    public String toString() {
      return stepName + " (" + protocol.configName() + ")";
    }
  }

  private final Kind kind;
  private final String channel;
  private final String text;
  private final String id;
  private final JsonObject variables;

  private ProtocolOperation(
      Kind kind, String channel, String text, String id, JsonObject variables) {
    this.kind = kind;
    this.channel = channel;
    this.text = text;
    this.id = id;
    this.variables = variables == null ? null : variables.copy();
  }

  /**
   * A Socket.IO event.
   *
   * @param event the event name
   * @param data its argument: JSON text (sent as JSON) or any other text (sent as a JSON string);
   *     null for none
   */
  public static ProtocolOperation emit(String event, String data) {
    return new ProtocolOperation(Kind.EMIT, requireText(event, "event"), data, null, null);
  }

  /**
   * A STOMP SUBSCRIBE ({@code ack:auto}).
   *
   * @param destination the destination
   * @param id the subscription id, or null for one made up per connection
   */
  public static ProtocolOperation stompSubscribe(String destination, String id) {
    return new ProtocolOperation(
        Kind.STOMP_SUBSCRIBE, requireText(destination, "destination"), null, id, null);
  }

  /**
   * A STOMP SEND.
   *
   * @param destination the destination
   * @param body the frame body
   */
  public static ProtocolOperation stompSend(String destination, String body) {
    return new ProtocolOperation(
        Kind.STOMP_SEND,
        requireText(destination, "destination"),
        Objects.requireNonNull(body, "body"),
        null,
        null);
  }

  /**
   * A graphql-ws subscribe; its {@code next} payloads are received on the channel {@code name}.
   *
   * @param name the channel name of its results
   * @param query the GraphQL document
   * @param variables its variables, or null
   */
  public static ProtocolOperation graphqlSubscribe(
      String name, String query, JsonObject variables) {
    return new ProtocolOperation(
        Kind.GRAPHQL_SUBSCRIBE,
        requireText(name, "name"),
        requireText(query, "query"),
        null,
        variables);
  }

  private static String requireText(String value, String what) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty, got '" + value + "'");
    }
    return value;
  }

  /** What it does. */
  public Kind kind() {
    return kind;
  }

  /** The event, destination or subscription name. */
  public String channel() {
    return channel;
  }

  /** The event data, STOMP body or GraphQL query; null for a STOMP SUBSCRIBE or no event data. */
  public String text() {
    return text;
  }

  /** The STOMP subscription id, or null. */
  public String id() {
    return id;
  }

  /** The GraphQL variables (a copy), or null. */
  public JsonObject variables() {
    return variables == null ? null : variables.copy();
  }

  @Override
  public String toString() {
    return kind + " " + channel;
  }
}
