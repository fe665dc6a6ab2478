package dev.wsmon.core.protocol;

import dev.wsmon.core.impl.JsonOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * Which protocol a connection speaks and the settings of each. Its JSON form is flat, the way it
 * appears in a config file or an endpoint: {@code protocol} and one block per protocol ({@code
 * socketio}, {@code stomp}, {@code graphqlWs}); the blocks of the protocols not in use are kept but
 * ignored.
 */
public class ProtocolOptions {

  /** Default {@code protocol}: {@link Protocol#RAW}. */
  public static final Protocol DEFAULT_PROTOCOL = Protocol.RAW;

  /** The JSON property names. */
  public static final List<String> JSON_KEYS =
      List.of("protocol", "socketio", "stomp", "graphqlWs");

  private Protocol protocol;
  private SocketIoOptions socketIo;
  private StompOptions stomp;
  private GraphqlWsOptions graphqlWs;

  /** Raw WebSocket, every block at its defaults. */
  public ProtocolOptions() {
    protocol = DEFAULT_PROTOCOL;
    socketIo = new SocketIoOptions();
    stomp = new StompOptions();
    graphqlWs = new GraphqlWsOptions();
  }

  /** A copy of {@code other}. */
  public ProtocolOptions(ProtocolOptions other) {
    protocol = other.protocol;
    socketIo = new SocketIoOptions(other.socketIo);
    stomp = new StompOptions(other.stomp);
    graphqlWs = new GraphqlWsOptions(other.graphqlWs);
  }

  /**
   * Reads the keys of {@link #JSON_KEYS} from {@code json}, ignoring any other key (they live in
   * the enclosing connection options).
   *
   * @throws IllegalArgumentException naming a bad value
   */
  public ProtocolOptions(JsonObject json) {
    this();
    if (json.containsKey("protocol")) {
      setProtocol(Protocol.parse(JsonOptions.string(json, "protocol")));
    }
    if (json.containsKey("socketio")) {
      socketIo = new SocketIoOptions(JsonOptions.object(json, "socketio"));
    }
    if (json.containsKey("stomp")) {
      stomp = new StompOptions(JsonOptions.object(json, "stomp"));
    }
    if (json.containsKey("graphqlWs")) {
      graphqlWs = new GraphqlWsOptions(JsonOptions.object(json, "graphqlWs"));
    }
  }

  /** The JSON form (all four keys). */
  public JsonObject toJson() {
    return writeTo(new JsonObject());
  }

  /** Writes the four keys into {@code json} (a connection options object) and returns it. */
  public JsonObject writeTo(JsonObject json) {
    return json.put("protocol", protocol.configName())
        .put("socketio", socketIo.toJson())
        .put("stomp", stomp.toJson())
        .put("graphqlWs", graphqlWs.toJson());
  }

  /** The protocol, default {@link Protocol#RAW}. */
  public Protocol getProtocol() {
    return protocol;
  }

  /** Sets the protocol. */
  public ProtocolOptions setProtocol(Protocol protocol) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    return this;
  }

  /** The Socket.IO settings (never {@code null}). */
  public SocketIoOptions getSocketIo() {
    return socketIo;
  }

  /** Sets the Socket.IO settings. */
  public ProtocolOptions setSocketIo(SocketIoOptions socketIo) {
    this.socketIo = Objects.requireNonNull(socketIo, "socketio");
    return this;
  }

  /** The STOMP settings (never {@code null}). */
  public StompOptions getStomp() {
    return stomp;
  }

  /** Sets the STOMP settings. */
  public ProtocolOptions setStomp(StompOptions stomp) {
    this.stomp = Objects.requireNonNull(stomp, "stomp");
    return this;
  }

  /** The GraphQL over WebSocket settings (never {@code null}). */
  public GraphqlWsOptions getGraphqlWs() {
    return graphqlWs;
  }

  /** Sets the GraphQL over WebSocket settings. */
  public ProtocolOptions setGraphqlWs(GraphqlWsOptions graphqlWs) {
    this.graphqlWs = Objects.requireNonNull(graphqlWs, "graphqlWs");
    return this;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProtocolOptions other && toJson().equals(other.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }
}
